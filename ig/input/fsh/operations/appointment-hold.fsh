Instance: appointment-hold
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/appointment-hold"
* version = "0.1.0"
* name = "AppointmentHold"
* title = "Hold an appointment"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "IHE ITI Scheduling $hold: puts the Slot of a proposed Appointment in busy-tentative and stores the Appointment as pending for mediwox.scheduling.hold-duration; an expired hold frees its Slot by itself. Argonaut aliases appt-id and appt-resource are accepted, and so is the instance form POST Appointment/[proposal id]/$hold. appointment-reference takes a proposal of $find as it was returned (its id or fullUrl): proposals are never stored; their ids carry the Slot and patient and this server's signature. The held Appointment carries its expiry (extension hold-expiry). A pool hold — patient-reference with specialty and/or visit-type (optionally location-reference, start, end, priority), the inputs of a pool $book — holds the earliest free Slot in the window of the provider whose turn it is, chosen exactly as a pool $book chooses (same rotation turn, same urgent rule), and the pending Appointment carries the assignment-explanation; $book with appointment-reference of that Appointment then books exactly that provider and time. The turn is taken when the hold is made: a hold that lapses or is released does not give it back. The Idempotency-Key header (or request-id) makes a pool hold safe to retry; a key used for a $book is refused for a $hold and the other way round (422). Answers as IHE ITI-116 (Scheduling 1.0.0, publication ballot): the searchset Bundle itself with the pending Appointment (search.mode match); a refusal answers, as ITI-116 requires, the Bundle holding only an OperationOutcome (search.mode outcome, total 0) under the HTTP status of the refusal: 400 malformed input, 401/403 not allowed, 404 unknown proposal or Slot, 409 Slot taken meanwhile; for 404 and 409 its first issue is severity fatal, code not-found. Every refusal's OperationOutcome carries, besides its diagnostics, the reason as a code of https://mediwox.org/fhir/CodeSystem/booking-refusal in issue.details.coding (e.g. slot-taken, patient-busy, no-capacity, hold-expired, already-cancelled): clients decide by the code, never by the text."
* affectsState = true
* code = #hold
* resource = #Appointment
* system = false
* type = true
* instance = true
* parameter[0].name = #appointment-resource
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "A proposed Appointment, as returned by $find"
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
* parameter[=].documentation = "A proposal as $find returned it (its id or fullUrl), or the instance the operation is called on. Accepted as valueReference, valueUri or valueUrl"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Appointment"
* parameter[+].name = #patient-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "The patient to hold for, when the proposal names none or another; a pool hold needs it (valueReference, valueUri or valueUrl)"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Patient"
* parameter[+].name = #specialty
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool hold: specialty as system|code (as $book takes it)"
* parameter[=].type = #string
* parameter[=].searchType = #token
* parameter[+].name = #visit-type
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool hold: service type as system|code"
* parameter[=].type = #string
* parameter[=].searchType = #token
* parameter[+].name = #location-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool hold: only providers at this Location (valueReference, valueUri or valueUrl)"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Location"
* parameter[+].name = #start
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool hold: earliest start (default now)"
* parameter[=].type = #dateTime
* parameter[+].name = #end
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool hold: latest end (default start + 14 days)"
* parameter[=].type = #dateTime
* parameter[+].name = #priority
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Pool hold: routine (default) or urgent — the earliest free slot in the pool, ahead of rotation order"
* parameter[=].type = #string
* parameter[+].name = #request-id
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Idempotency key (alternative to the Idempotency-Key header): a retry of the same pool hold answers the Appointment that hold made, as it is now, and takes no second turn"
* parameter[=].type = #string
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "searchset Bundle (answered as the response body itself) with the pending Appointment (search.mode match) and, for a pool hold, how its provider was chosen as an OperationOutcome (search.mode outcome)"
* parameter[=].type = #Bundle