Instance: find-request
InstanceOf: Parameters
Title: "$find request: dermatology in the next three days"
Usage: #example
* parameter[0].name = "start"
* parameter[=].valueDateTime = "2026-12-01T00:00:00-05:00"
* parameter[+].name = "end"
* parameter[=].valueDateTime = "2026-12-04T00:00:00-05:00"
* parameter[+].name = "specialty"
* parameter[=].valueString = "http://snomed.info/sct|394582007"
* parameter[+].name = "_count"
* parameter[=].valueInteger = 3

Instance: find-response
InstanceOf: Parameters
Title: "$find response: proposed appointments, earliest first"
Usage: #example
* parameter[0].name = "return"
* parameter[=].resource = find-response-bundle

Instance: find-response-bundle
InstanceOf: Bundle
Usage: #inline
* type = #searchset
* total = 1
* entry[0].fullUrl = "urn:uuid:5b0d5c6e-6f53-4c0a-9d1e-2f7c7a1b9e01"
* entry[=].resource = proposed-appointment
* entry[=].search.mode = #match

Instance: proposed-appointment
InstanceOf: Appointment
Usage: #inline
* status = #proposed
* start = "2026-12-01T09:00:00-05:00"
* end = "2026-12-01T09:30:00-05:00"
* slot = Reference(Slot/example-slot)
* participant[0].actor = Reference(PractitionerRole/example-practitioner-role)
* participant[=].status = #needs-action

Instance: hold-request
InstanceOf: Parameters
Title: "$hold request: keep a proposed appointment for the patient"
Usage: #example
* parameter[0].name = "appointment-resource"
* parameter[=].resource = proposed-appointment
* parameter[+].name = "patient-reference"
* parameter[=].valueReference = Reference(Patient/example-patient)

Instance: hold-response
InstanceOf: Parameters
Title: "$hold response: the pending Appointment"
Usage: #example
* parameter[0].name = "return"
* parameter[=].resource = hold-response-bundle

Instance: hold-response-bundle
InstanceOf: Bundle
Usage: #inline
* type = #collection
* entry[0].fullUrl = "https://mediwox.example/fhir/Appointment/example-appointment"
* entry[=].resource = pending-appointment

Instance: pending-appointment
InstanceOf: Appointment
Usage: #inline
* id = "example-appointment"
* status = #pending
* start = "2026-12-01T09:00:00-05:00"
* end = "2026-12-01T09:30:00-05:00"
* slot = Reference(Slot/example-slot)
* participant[0].actor = Reference(Patient/example-patient)
* participant[=].status = #accepted
* participant[+].actor = Reference(PractitionerRole/example-practitioner-role)
* participant[=].status = #accepted

Instance: book-request
InstanceOf: Parameters
Title: "$book request: the next general practitioner in rotation"
Description: "A pool booking: the patient and the specialty; Mediwox picks the provider. Sent with an `Idempotency-Key` header."
Usage: #example
* parameter[0].name = "patient-reference"
* parameter[=].valueReference = Reference(Patient/example-patient)
* parameter[+].name = "specialty"
* parameter[=].valueString = "http://snomed.info/sct|394814009"
* parameter[+].name = "location-reference"
* parameter[=].valueReference = Reference(Location/example-location)
* parameter[+].name = "priority"
* parameter[=].valueString = "routine"

Instance: book-response
InstanceOf: Parameters
Title: "$book response: the booked Appointment and how its provider was chosen"
Usage: #example
* parameter[0].name = "return"
* parameter[=].resource = book-response-bundle
* parameter[+].name = "outcome"
* parameter[=].resource = book-outcome

Instance: book-response-bundle
InstanceOf: Bundle
Usage: #inline
* type = #collection
* entry[0].fullUrl = "https://mediwox.example/fhir/Appointment/example-appointment"
* entry[=].resource = booked-appointment

Instance: booked-appointment
InstanceOf: Appointment
Usage: #inline
* id = "example-appointment"
* status = #booked
* start = "2026-12-01T09:00:00-05:00"
* end = "2026-12-01T09:30:00-05:00"
* slot = Reference(Slot/example-slot)
* participant[0].actor = Reference(Patient/example-patient)
* participant[=].status = #accepted
* participant[+].actor = Reference(PractitionerRole/example-practitioner-role)
* participant[=].status = #accepted

Instance: book-outcome
InstanceOf: OperationOutcome
Usage: #inline
* issue.severity = #information
* issue.code = #informational
* issue.diagnostics = "General practice at Main Street: rotation turn 12 of 5 providers chose PractitionerRole/example-practitioner-role; none skipped"

Instance: cancel-request
InstanceOf: Parameters
Title: "$cancel request (POST Appointment/example-appointment/$cancel)"
Usage: #example
* parameter[0].name = "reason"
* parameter[=].valueString = "Patient is travelling"

Instance: cancel-response
InstanceOf: Parameters
Title: "$cancel response: the cancelled Appointment"
Usage: #example
* parameter[0].name = "return"
* parameter[=].resource = cancelled-appointment

Instance: cancelled-appointment
InstanceOf: Appointment
Usage: #inline
* id = "example-appointment"
* status = #cancelled
* cancelationReason.text = "Patient is travelling"
* start = "2026-12-01T09:00:00-05:00"
* end = "2026-12-01T09:30:00-05:00"
* slot = Reference(Slot/example-slot)
* participant[0].actor = Reference(Patient/example-patient)
* participant[=].status = #accepted
* participant[+].actor = Reference(PractitionerRole/example-practitioner-role)
* participant[=].status = #accepted
