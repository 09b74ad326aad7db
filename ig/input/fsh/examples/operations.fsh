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
InstanceOf: Bundle
Title: "$find response: proposed appointments, earliest first"
Description: "Answered as the response body itself (IHE ITI-115). The proposal's id is what $hold and $book take back as appointment-reference; it names the Slot and patient and carries the server's signature, and is never stored."
Usage: #example
* type = #searchset
* total = 1
* entry[0].fullUrl = "https://mediwox.example/fhir/Appointment/proposal-gezdgnbvgy3tqojqpqzdgnbv-9f86d081884c7d65"
* entry[=].resource = proposed-appointment
* entry[=].search.mode = #match

Instance: proposed-appointment
InstanceOf: Appointment
Usage: #inline
* id = "proposal-gezdgnbvgy3tqojqpqzdgnbv-9f86d081884c7d65"
* status = #proposed
* start = "2026-12-01T09:00:00-05:00"
* end = "2026-12-01T09:30:00-05:00"
* slot = Reference(Slot/example-slot)
* participant[0].actor = Reference(Patient/example-patient)
* participant[=].status = #needs-action
* participant[+].actor = Reference(PractitionerRole/example-practitioner-role)
* participant[=].status = #needs-action

Instance: hold-request
InstanceOf: Parameters
Title: "$hold request: keep a proposed appointment for the patient"
Description: "The proposal by the reference $find returned (IHE ITI-116); the Argonaut form POST Appointment/[id]/$hold works too."
Usage: #example
* parameter[0].name = "appointment-reference"
* parameter[=].valueReference.reference = "Appointment/proposal-gezdgnbvgy3tqojqpqzdgnbv-9f86d081884c7d65"

Instance: pool-hold-request
InstanceOf: Parameters
Title: "$hold request: hold the next general practitioner in turn"
Description: "A pool hold: the patient, the specialty and the place, as a pool $book takes them; Mediwox holds the earliest free time of the provider whose turn it is and answers the pending Appointment with its assignment-explanation, so the patient sees exactly who and when before confirming with $book (appointment-reference). Sent with an `Idempotency-Key` header."
Usage: #example
* parameter[0].name = "patient-reference"
* parameter[=].valueReference.reference = "Patient/example-patient"
* parameter[+].name = "specialty"
* parameter[=].valueString = "http://snomed.info/sct|394814009"
* parameter[+].name = "location-reference"
* parameter[=].valueReference.reference = "Location/example-location"
* parameter[+].name = "priority"
* parameter[=].valueString = "routine"

Instance: hold-response
InstanceOf: Bundle
Title: "$hold response: the pending Appointment"
Description: "Answered as the response body itself (IHE ITI-116); the hold's expiry is on the Appointment."
Usage: #example
* type = #searchset
* total = 1
* entry[0].fullUrl = "https://mediwox.example/fhir/Appointment/example-appointment"
* entry[=].resource = pending-appointment
* entry[=].search.mode = #match

Instance: pending-appointment
InstanceOf: Appointment
Usage: #inline
* id = "example-appointment"
* extension[0].url = "https://mediwox.org/fhir/StructureDefinition/hold-expiry"
* extension[=].valueInstant = "2026-11-30T15:10:00Z"
* status = #pending
* start = "2026-12-01T09:00:00-05:00"
* end = "2026-12-01T09:30:00-05:00"
* slot = Reference(Slot/example-slot)
* participant[0].actor = Reference(Patient/example-patient)
* participant[=].status = #tentative
* participant[+].actor = Reference(PractitionerRole/example-practitioner-role)
* participant[=].status = #tentative

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
InstanceOf: Bundle
Title: "$book response: the booked Appointment and how its provider was chosen"
Description: "Answered as the response body itself (IHE ITI-117): the booked Appointment, and the explanation as an OperationOutcome entry with search.mode outcome."
Usage: #example
* type = #searchset
* total = 1
* entry[0].fullUrl = "https://mediwox.example/fhir/Appointment/example-appointment"
* entry[=].resource = booked-appointment
* entry[=].search.mode = #match
* entry[+].fullUrl = "urn:uuid:0c3d3f5e-2f0b-4a43-9d62-6a3b8f1c2d10"
* entry[=].resource = book-outcome
* entry[=].search.mode = #outcome

Instance: booked-appointment
InstanceOf: Appointment
Usage: #inline
* id = "example-appointment"
* extension[AssignmentExplanation].extension[method].valueCode = #rotation
* extension[AssignmentExplanation].extension[pool].valueString = "specialty=http://snomed.info/sct|394814009;visit-type=;location=example-location"
* extension[AssignmentExplanation].extension[poolSize].valueInteger = 5
* extension[AssignmentExplanation].extension[turn].valueInteger = 11
* extension[AssignmentExplanation].extension[position].valueInteger = 2
* extension[AssignmentExplanation].extension[assigned].valueReference = Reference(PractitionerRole/example-practitioner-role) "Dr. Amelia Chen"
* extension[AssignmentExplanation].extension[skipped][0].extension[provider].valueReference = Reference(PractitionerRole/example-practitioner-role-2) "Dr. Omar Haddad"
* extension[AssignmentExplanation].extension[skipped][0].extension[reason].valueCode = #no-free-slot
* extension[AssignmentExplanation].extension[text].valueString = "Rotation turn 11 of pool specialty=http://snomed.info/sct|394814009;visit-type=;location=example-location (5 providers, position 2): assigned PractitionerRole/example-practitioner-role (Dr. Amelia Chen), 1 provider(s) later in rotation"
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
* issue[0].severity = #information
* issue[=].code = #informational
* issue[=].diagnostics = "Rotation turn 11 of pool specialty=http://snomed.info/sct|394814009;visit-type=;location=example-location (5 providers, position 2): assigned PractitionerRole/example-practitioner-role (Dr. Amelia Chen), 1 provider(s) later in rotation"
* issue[+].severity = #information
* issue[=].code = #informational
* issue[=].diagnostics = "Skipped PractitionerRole/example-practitioner-role-2 (Dr. Omar Haddad): no free slot in the window"

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

Instance: waitlist-request
InstanceOf: Parameters
Title: "$waitlist request (POST Appointment/example-appointment/$waitlist): no input"
Description: "The operation takes no input: the booked Appointment is the instance it is called on. An empty Parameters (or no body) is sent."
Usage: #example
* id = "waitlist-request"

Instance: waitlist-response
InstanceOf: Parameters
Title: "$waitlist response (POST Appointment/example-appointment/$waitlist): the waiting-list entry"
Description: "The patient of example-appointment waits for an earlier time with a general practitioner; the entry claims no Slot."
Usage: #example
* parameter[0].name = "return"
* parameter[=].resource = waitlist-entry

Instance: waitlist-entry
InstanceOf: Appointment
Usage: #inline
* id = "example-waitlist-entry"
* extension[0].url = "https://mediwox.org/fhir/StructureDefinition/waitlist-for"
* extension[=].valueReference = Reference(Appointment/example-appointment)
* status = #waitlist
* specialty = http://snomed.info/sct#394814009 "General practice"
* priority = 1
* created = "2026-11-30T14:55:00Z"
* requestedPeriod.start = "2026-11-30T14:55:00Z"
* requestedPeriod.end = "2026-12-01T09:00:00-05:00"
* participant[0].actor = Reference(Patient/example-patient)
* participant[=].status = #accepted

Instance: waitlist-offer
InstanceOf: Appointment
Title: "A waiting-list offer: an earlier Slot held for the waiting patient"
Description: "Made by the server when an earlier Slot of the pool is free; taken with $book (appointment-reference = this, cancelled-appt-id = example-appointment), declined by cancelling it."
Usage: #example
* id = "example-waitlist-offer"
* extension[0].url = "https://mediwox.org/fhir/StructureDefinition/hold-expiry"
* extension[=].valueInstant = "2026-11-30T15:25:00Z"
* extension[+].url = "https://mediwox.org/fhir/StructureDefinition/waitlist-for"
* extension[=].valueReference = Reference(Appointment/example-appointment)
* status = #pending
* priority = 1
* start = "2026-11-30T16:00:00-05:00"
* end = "2026-11-30T16:30:00-05:00"
* slot = Reference(Slot/example-slot)
* participant[0].actor = Reference(Patient/example-patient)
* participant[=].status = #tentative
* participant[+].actor = Reference(PractitionerRole/example-practitioner-role)
* participant[=].status = #tentative
