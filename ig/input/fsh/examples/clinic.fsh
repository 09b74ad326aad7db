Instance: example-patient
InstanceOf: MediwoxPatient
Title: "Patient: Lucía García, prefers Spanish"
Description: "A patient with an email address, a mobile number for SMS reminders and Spanish as preferred language."
Usage: #example
* identifier.system = $demo
* identifier.value = "patient-example"
* name.family = "García"
* name.given = "Lucía"
* telecom[0].system = #email
* telecom[=].value = "lucia.garcia@example.org"
* telecom[+].system = #sms
* telecom[=].value = "+12025550143"
* telecom[=].use = #mobile
* telecom[+].system = #phone
* telecom[=].value = "+12025550177"
* telecom[=].use = #home
* telecom[=].extension[optOut].valueBoolean = true
* gender = #female
* birthDate = "1984-03-12"
* communication.language = $bcp47#es "Spanish"
* communication.preferred = true

Instance: example-practitioner
InstanceOf: Practitioner
Title: "Practitioner: Dr. Amelia Chen"
Usage: #example
* name.family = "Chen"
* name.given = "Amelia"
* name.prefix = "Dr."

Instance: example-location
InstanceOf: Location
Title: "Location: Main Street"
Usage: #example
* status = #active
* name = "Mediwox Demo Clinic, Main Street"

Instance: example-practitioner-role
InstanceOf: MediwoxPractitionerRole
Title: "PractitionerRole: general practice at Main Street"
Description: "An active general practitioner role at Main Street: a member of that pool."
Usage: #example
* active = true
* practitioner = Reference(example-practitioner)
* specialty = $sct#394814009 "General practice (specialty)"
* location = Reference(example-location)

Instance: example-schedule
InstanceOf: MediwoxSchedule
Title: "Schedule of Dr. Chen's general practice role"
Usage: #example
* active = true
* actor = Reference(example-practitioner-role)
* specialty = $sct#394814009 "General practice (specialty)"
* planningHorizon.start = "2026-12-01T09:00:00-05:00"
* planningHorizon.end = "2026-12-14T17:00:00-05:00"

Instance: example-slot
InstanceOf: MediwoxSlot
Title: "Slot: 1 December 2026, 09:00-09:30"
Usage: #example
* schedule = Reference(example-schedule)
* status = #busy
* start = "2026-12-01T09:00:00-05:00"
* end = "2026-12-01T09:30:00-05:00"
* specialty = $sct#394814009 "General practice (specialty)"

Instance: example-appointment
InstanceOf: MediwoxAppointment
Title: "Appointment: booked into the general practice pool"
Description: "What `$book` stores for a pool booking: the Slot taken, the patient and the role the rotation chose, and why."
Usage: #example
* status = #booked
* extension[assignmentExplanation].extension[method].valueCode = #rotation
* extension[assignmentExplanation].extension[pool].valueString = "specialty=http://snomed.info/sct|394814009;visit-type=;location=example-location"
* extension[assignmentExplanation].extension[poolSize].valueInteger = 5
* extension[assignmentExplanation].extension[turn].valueInteger = 11
* extension[assignmentExplanation].extension[position].valueInteger = 2
* extension[assignmentExplanation].extension[assigned].valueReference = Reference(example-practitioner-role) "Dr. Amelia Chen"
* extension[assignmentExplanation].extension[skipped][0].extension[provider].valueReference = Reference(PractitionerRole/example-practitioner-role-2) "Dr. Omar Haddad"
* extension[assignmentExplanation].extension[skipped][0].extension[reason].valueCode = #no-free-slot
* extension[assignmentExplanation].extension[text].valueString = "Rotation turn 11 of pool specialty=http://snomed.info/sct|394814009;visit-type=;location=example-location (5 providers, position 2): assigned PractitionerRole/example-practitioner-role (Dr. Amelia Chen), 1 provider(s) later in rotation"
* priority = 0
* specialty = $sct#394814009 "General practice (specialty)"
* start = "2026-12-01T09:00:00-05:00"
* end = "2026-12-01T09:30:00-05:00"
* slot = Reference(example-slot)
* participant[0].actor = Reference(example-patient)
* participant[=].status = #accepted
* participant[+].actor = Reference(example-practitioner-role)
* participant[=].status = #accepted

Instance: example-document-reference
InstanceOf: MediwoxDocumentReference
Title: "DocumentReference: a prescription"
Usage: #example
* status = #current
* type = $loinc#57833-6 "Prescription for medication"
* category = DocumentCategory#prescription "Prescription"
* subject = Reference(example-patient)
* date = "2026-12-01T09:25:00-05:00"
* content.attachment.contentType = #text/plain
* content.attachment.title = "Prescription"
* content.attachment.data = "UnggQW1veGljaWxsaW4gNTAwIG1nLCAzIHRpbWVzIGEgZGF5LCA3IGRheXM="
