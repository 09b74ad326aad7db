Instance: appointment-book
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/appointment-book"
* version = "0.1.0"
* name = "AppointmentBook"
* title = "Book an appointment"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "IHE ITI Scheduling / Argonaut $book, plus booking into a provider pool. Either books a held or proposed Appointment (appointment-resource / appointment-reference, or the instance the operation is called on), or, given a patient and a specialty or visit type (optionally a location and a time window), picks the provider by fair round-robin over the pool of active PractitionerRoles and books their earliest free Slot in the window. Everything is one database transaction; a double booking is refused by the database. The Idempotency-Key header or request-id makes retries safe: the same key and request return the same Appointment, the same key with a different request is refused with 422. cancelled-appt-id reschedules: the old appointment is cancelled and the new one booked atomically. A proposal of $find is booked directly by its id (appointment-reference). IHE's \"book to cancel\": an appointment-resource with status cancelled and the id of a stored Appointment cancels that one (its cancelationReason text the reason). Answers as IHE ITI-117 (Scheduling 1.0.0, publication ballot): the searchset Bundle itself — the booked Appointment (search.mode match), the one a reschedule cancelled (include) and how the provider was chosen as an OperationOutcome (outcome). A refusal answers, as ITI-117 requires, the Bundle holding only an OperationOutcome (search.mode outcome, total 0) under the HTTP status of the refusal: 400 malformed input, 401/403 not allowed, 404 unknown Slot, Patient or proposal, 409 Slot taken, provider or patient busy, hold expired, 422 business rule. A reschedule (cancelled-appt-id) cancels the old Appointment with reason rescheduled (CodeSystem cancellation-reason), names it on the new one in the extension rescheduled-from, and keeps its urgency (priority 1) unless the request gives priority. Every refusal's OperationOutcome carries, besides its diagnostics, the reason as a code of https://mediwox.org/fhir/CodeSystem/booking-refusal in issue.details.coding (e.g. slot-taken, patient-busy, no-capacity, hold-expired, already-cancelled): clients decide by the code, never by the text. When a payer is configured (mediwox.payer.*) and the patient has a Coverage (given by insurance-reference/coverage, else active on file), the committed booking is sent to the payer's CDS Hooks service (hook appointment-book, Da Vinci CRD: context userId, patientId, appointments; prefetch patient, coverage) with a short timeout: its cards come back on the booked Appointment as payer-card extensions (and CRD coverage-information from its system actions, and payer-check); a payer that does not answer in time or fails never fails the booking — the outcome entry then has a warning coded payer-check-status#pending and the check is retried in the background until the cards are on the Appointment."
* affectsState = true
* code = #book
* resource = #Appointment
* system = false
* type = true
* instance = true
* parameter[0].name = #appointment-resource
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "A proposed or pending Appointment naming its Slot"
* parameter[=].type = #Appointment
* parameter[+].name = #appt-resource
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Argonaut's name for appointment-resource"
* parameter[=].type = #Appointment
* parameter[+].name = #appointment-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "A held (pending) Appointment, or a proposal as $find returned it (its id or fullUrl). Accepted as valueReference, valueUri or valueUrl"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Appointment"
* parameter[+].name = #appt-id
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Argonaut's name for appointment-reference: the Appointment's id or reference, as valueUri (Argonaut), valueUrl, valueString or valueId"
* parameter[=].type = #uri
* parameter[+].name = #patient-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Patient to book for (a pool booking needs it). Accepted as valueReference, valueUri or valueUrl"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Patient"
* parameter[+].name = #patient-id
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Argonaut's name for patient-reference: the Patient's id or reference, as valueUri (Argonaut), valueUrl, valueString or valueId"
* parameter[=].type = #uri
* parameter[+].name = #patient-resource
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "IHE: book for a patient who may not be on file — the Patient on file with one of its identifiers is used, else this Patient is created in the booking's transaction (a refused booking creates none); several patients matching its identifiers is 422. Not with patient-reference, and not with a patient's token"
* parameter[=].type = #Patient
* parameter[+].name = #specialty
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool booking: specialty as system|code"
* parameter[=].type = #string
* parameter[=].searchType = #token
* parameter[+].name = #visit-type
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool booking: service type as system|code"
* parameter[=].type = #string
* parameter[=].searchType = #token
* parameter[+].name = #location-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool booking: only providers at this Location (valueReference, valueUri or valueUrl)"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Location"
* parameter[+].name = #start
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool booking: earliest start (default now)"
* parameter[=].type = #dateTime
* parameter[+].name = #end
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool booking: latest end (default start + 14 days)"
* parameter[=].type = #dateTime
* parameter[+].name = #priority
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "routine (default) or urgent: the earliest free slot in the pool, ahead of rotation order"
* parameter[=].type = #string
* parameter[+].name = #cancelled-appt-id
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Reschedule: the booked Appointment to cancel in the same transaction, its id or reference as valueString, valueId, valueUri (Argonaut) or valueUrl"
* parameter[=].type = #string
* parameter[+].name = #request-id
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Idempotency key (alternative to the Idempotency-Key header)"
* parameter[=].type = #string
* parameter[+].name = #comment
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Comment stored on the Appointment"
* parameter[=].type = #string
* parameter[+].name = #insurance-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "IHE: the patient's insurance, as a reference to the patient's Coverage (IHE's published definition targets InsurancePlan, a plan rather than the patient's membership of it: refused with 400 saying so). The Coverage must be on file (404 unknown-coverage) and its beneficiary the patient (422 not-patients-coverage); a patient's token may name only its own patient's Coverage (403). $book passes it to the payer hook (CDS Hooks appointment-book, Da Vinci CRD) as prefetch coverage; without it the patient's active Coverages on file are passed."
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Coverage"
* parameter[+].name = #coverage
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Argonaut: the patient's Coverage given whole (Argonaut Coverage profile). With the id of a stored Coverage it is that stored one; without an id it is used as given, not stored. Its beneficiary must be the patient (422 not-patients-coverage). $book passes it to the payer hook (CDS Hooks appointment-book, Da Vinci CRD) as prefetch coverage; without it the patient's active Coverages on file are passed."
* parameter[=].type = #Coverage
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "searchset Bundle (answered as the response body itself): the booked Appointment (search.mode match), the cancelled one when rescheduling (include), and an OperationOutcome saying how the provider was chosen — pool, rotation position, providers skipped and why (outcome); the Appointment carries the payer's cards (payer-card) when the payer answered in time, else the outcome has a warning coded payer-check-status#pending"
* parameter[=].type = #Bundle
