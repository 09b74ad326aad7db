Instance: status-request
InstanceOf: Parameters
Title: "Subscription/$status request: the active subscriptions"
Usage: #example
* parameter[0].name = "status"
* parameter[=].valueCode = #active

Instance: status-response
InstanceOf: Bundle
Title: "Subscription/$status response: one SubscriptionStatus per topic-based subscription"
Usage: #example
* type = #searchset
* total = 1
* entry[0].fullUrl = "urn:uuid:7d1a8f0e-2b4c-4e61-9a53-0c2f4b1e8a11"
* entry[=].resource = status-of-worklist-subscription
* entry[=].search.mode = #match

Instance: status-of-worklist-subscription
InstanceOf: Parameters
Usage: #inline
* parameter[0].name = "subscription"
* parameter[=].valueReference = Reference(Subscription/ehr-worklist)
* parameter[+].name = "topic"
* parameter[=].valueCanonical = "https://mediwox.org/fhir/SubscriptionTopic/appointment-booked"
* parameter[+].name = "status"
* parameter[=].valueCode = #active
* parameter[+].name = "type"
* parameter[=].valueCode = #query-status
* parameter[+].name = "events-since-subscription-start"
* parameter[=].valueString = "42"

Instance: notifications-request
InstanceOf: Parameters
Title: "$notifications request: dead-lettered notifications"
Usage: #example
* parameter[0].name = "status"
* parameter[=].valueString = "dead"
* parameter[+].name = "_count"
* parameter[=].valueInteger = 20

Instance: notifications-response
InstanceOf: Parameters
Title: "$notifications response: the outbox as Communication resources"
Usage: #example
* parameter[0].name = "return"
* parameter[=].resource = notifications-response-bundle

Instance: notifications-response-bundle
InstanceOf: Bundle
Usage: #inline
* type = #searchset
* total = 1
* entry[0].fullUrl = "https://mediwox.example/fhir/Communication/notification-812"
* entry[=].resource = dead-sms
* entry[=].search.mode = #match

Instance: dead-sms
InstanceOf: Communication
Usage: #inline
* id = "notification-812"
* status = #stopped
* statusReason.text = "dead: SNS refused the message: Invalid parameter: PhoneNumber"
* subject = Reference(Patient/example-patient)
* about = Reference(Appointment/example-appointment)
* medium = http://terminology.hl7.org/CodeSystem/v3-ParticipationMode#ELECTRONIC "electronic data"
* medium.text = "SMS"
* payload.contentString = "Recordatorio: cita el lunes 1 de diciembre a las 9:00 con Dra. Amelia Chen."

Instance: notification-replay-request
InstanceOf: Parameters
Title: "$notification-replay request"
Usage: #example
* parameter[0].name = "id"
* parameter[=].valueString = "notification-812"

Instance: notification-replay-response
InstanceOf: Communication
Title: "$notification-replay response: the notification, pending again"
Usage: #example
* status = #preparation
* subject = Reference(Patient/example-patient)
* about = Reference(Appointment/example-appointment)

Instance: smart-launch-request
InstanceOf: Parameters
Title: "$smart-launch request: an EHR registers the patient of a launch"
Usage: #example
* parameter[0].name = "patient"
* parameter[=].valueReference = Reference(Patient/example-patient)

Instance: smart-launch-response
InstanceOf: Parameters
Title: "$smart-launch response: the launch value for the app"
Usage: #example
* parameter[0].name = "launch"
* parameter[=].valueString = "b6d0c3a1f27e4d98"
* parameter[+].name = "expires-in"
* parameter[=].valueInteger = 300

Instance: notification-preferences-request
InstanceOf: Parameters
Title: "Patient/[id]/$notification-preferences request (POST): no more SMS"
Usage: #example
* parameter[0].name = "sms"
* parameter[=].valueBoolean = false

Instance: notification-preferences-response
InstanceOf: Parameters
Title: "Patient/[id]/$notification-preferences response: email on, SMS off"
Usage: #example
* parameter[0].name = "channel"
* parameter[=].part[0].name = "system"
* parameter[=].part[=].valueCode = #email
* parameter[=].part[+].name = "address"
* parameter[=].part[=].valueString = "emily.chen@example.org"
* parameter[=].part[+].name = "enabled"
* parameter[=].part[=].valueBoolean = true
* parameter[+].name = "channel"
* parameter[=].part[0].name = "system"
* parameter[=].part[=].valueCode = #sms
* parameter[=].part[+].name = "address"
* parameter[=].part[=].valueString = "+15555550123"
* parameter[=].part[+].name = "enabled"
* parameter[=].part[=].valueBoolean = false
