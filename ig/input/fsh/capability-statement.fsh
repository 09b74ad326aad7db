RuleSet: Interactions
* rest.resource[=].interaction[+].code = #read
* rest.resource[=].interaction[+].code = #vread
* rest.resource[=].interaction[+].code = #update
* rest.resource[=].interaction[+].code = #patch
* rest.resource[=].interaction[+].code = #delete
* rest.resource[=].interaction[+].code = #history-instance
* rest.resource[=].interaction[+].code = #create
* rest.resource[=].interaction[+].code = #search-type
* rest.resource[=].versioning = #versioned-update
* rest.resource[=].conditionalCreate = true

Instance: mediwox-server
InstanceOf: CapabilityStatement
Title: "Mediwox server"
Description: "What a Mediwox server offers: FHIR R4 REST with SMART on FHIR, Mediwox's profiles on the scheduling resources, the scheduling operations, topic-based subscriptions (Subscriptions R5 Backport) on appointment events and document content in encrypted storage. The live server's CapabilityStatement (`GET [base]/metadata`) lists every resource type and search parameter; the operations it advertises are these."
Usage: #definition
* url = "https://mediwox.org/fhir/CapabilityStatement/mediwox-server"
* name = "MediwoxServer"
* status = #draft
* date = "2026-11-25"
* publisher = "Mediwox"
* kind = #requirements
* fhirVersion = #4.0.1
* format[0] = #json
* format[+] = #xml
* implementationGuide = "https://mediwox.org/fhir/ImplementationGuide/org.mediwox.fhir"
* rest.mode = #server
* rest.documentation = "Every interaction needs a SMART on FHIR bearer token, except the CapabilityStatement, /.well-known/smart-configuration and the public availability feed $bulk-publish (SMART Scheduling Links)."
* rest.security.cors = true
* rest.security.service = http://terminology.hl7.org/CodeSystem/restful-security-service#SMART-on-FHIR
* rest.compartment = "http://hl7.org/fhir/CompartmentDefinition/patient"
* rest.resource[0].type = #Patient
* rest.resource[=].supportedProfile = Canonical(MediwoxPatient)
* insert Interactions
* rest.resource[=].operation[0].name = "notification-preferences"
* rest.resource[=].operation[=].definition = Canonical(patient-notification-preferences)
* rest.resource[+].type = #PractitionerRole
* rest.resource[=].supportedProfile = Canonical(MediwoxPractitionerRole)
* insert Interactions
* rest.resource[=].operation[0].name = "workload"
* rest.resource[=].operation[=].definition = Canonical(workload)
* rest.resource[+].type = #Schedule
* rest.resource[=].supportedProfile = Canonical(MediwoxSchedule)
* insert Interactions
* rest.resource[+].type = #Slot
* rest.resource[=].supportedProfile = Canonical(MediwoxSlot)
* insert Interactions
* rest.resource[+].type = #Appointment
* rest.resource[=].supportedProfile = Canonical(MediwoxAppointment)
* insert Interactions
* rest.resource[=].operation[0].name = "find"
* rest.resource[=].operation[=].definition = Canonical(appointment-find)
* rest.resource[=].operation[+].name = "hold"
* rest.resource[=].operation[=].definition = Canonical(appointment-hold)
* rest.resource[=].operation[+].name = "book"
* rest.resource[=].operation[=].definition = Canonical(appointment-book)
* rest.resource[=].operation[+].name = "cancel"
* rest.resource[=].operation[=].definition = Canonical(appointment-cancel)
* rest.resource[=].operation[+].name = "waitlist"
* rest.resource[=].operation[=].definition = Canonical(appointment-waitlist)
* rest.resource[+].type = #DocumentReference
* rest.resource[=].supportedProfile = Canonical(MediwoxDocumentReference)
* insert Interactions
* rest.resource[+].type = #Subscription
* rest.resource[=].supportedProfile = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription"
* rest.resource[=].extension[0].url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/capabilitystatement-subscriptiontopic-canonical"
* rest.resource[=].extension[=].valueCanonical = "https://mediwox.org/fhir/SubscriptionTopic/appointment-booked"
* rest.resource[=].extension[+].url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/capabilitystatement-subscriptiontopic-canonical"
* rest.resource[=].extension[=].valueCanonical = "https://mediwox.org/fhir/SubscriptionTopic/appointment-cancelled"
* rest.resource[=].extension[+].url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/capabilitystatement-subscriptiontopic-canonical"
* rest.resource[=].extension[=].valueCanonical = "https://mediwox.org/fhir/SubscriptionTopic/appointment-rescheduled"
* insert Interactions
* rest.resource[=].operation[0].name = "status"
* rest.resource[=].operation[=].definition = Canonical(subscription-status)
* rest.operation[0].name = "notifications"
* rest.operation[=].definition = Canonical(notifications)
* rest.operation[+].name = "notification-replay"
* rest.operation[=].definition = Canonical(notification-replay)
* rest.operation[+].name = "smart-launch"
* rest.operation[=].definition = Canonical(smart-launch)
* rest.operation[+].name = "workload"
* rest.operation[=].definition = Canonical(workload)
* rest.operation[+].name = "bulk-publish"
* rest.operation[=].definition = Canonical(bulk-publish)
* rest.operation[=].documentation = "SMART Scheduling Links' manifest of open availability, without a token while mediwox.bulk-publish.enabled is true; not advertised while it is false"
