Instance: appointment-find
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/appointment-find"
* version = "0.1.0"
* name = "AppointmentFind"
* title = "Find available appointments"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "IHE ITI Scheduling $find: proposed Appointments built from free Slots that match the request, ordered by start time. Different kinds of actor combine with AND; the same kind repeated means OR. Slots on hold or booked are never proposed. Answers as IHE ITI-115 (Scheduling 1.0.0, publication ballot): the searchset Bundle itself; each proposal has an id (fullUrl [base]/Appointment/[id]) that $hold and $book take back as appointment-reference — it is never stored (a read of it is 404). Every input of IHE ITI-115 and Argonaut Scheduling is honoured or refused with 400 naming it, never ignored: timing is refused; insurance-reference (the patient's Coverage) and Argonaut coverage are checked — on file and the patient's — but narrow nothing; several patients (a group appointment) are refused. Argonaut names are aliases: provider of practitioner, location of location-reference, appt-type of visit-type; reference inputs take valueReference (a reference or an identifier), valueUri, valueUrl or valueString, and in a GET query an identifier is given with the :identifier modifier (practitioner:identifier=system|value). total counts the proposals of all pages; _count (default 20, at most 200) sizes a page and a next link (page-offset) leads to the next. A practitioner, organization or location that matches nothing gives no proposals and an OperationOutcome entry (search.mode outcome) saying which. Never a time the patient already holds: when the patient is known (patient-reference, a patient-resource on file, else the patient a patient's access token acts for), free Slots overlapping one of the patient's active Appointments (pending, booked, arrived, checked-in, and stored proposed ones) are left out, total counts only what is offered, and an information issue in the outcome entry says how many were left out, coded patient-busy. Every refusal's OperationOutcome carries, besides its diagnostics, the reason as a code of https://mediwox.org/fhir/CodeSystem/booking-refusal in issue.details.coding (e.g. slot-taken, patient-busy, no-capacity, hold-expired, already-cancelled): clients decide by the code, never by the text."
* affectsState = false
* code = #find
* resource = #Appointment
* system = false
* type = true
* instance = false
* parameter[0].name = #start
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Earliest start of a proposed appointment"
* parameter[=].type = #dateTime
* parameter[+].name = #end
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Latest end of a proposed appointment; must be after start"
* parameter[=].type = #dateTime
* parameter[+].name = #specialty
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Specialty as system|code (e.g. http://snomed.info/sct|394814009)"
* parameter[=].type = #string
* parameter[=].searchType = #token
* parameter[+].name = #visit-type
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Service type as system|code"
* parameter[=].type = #string
* parameter[=].searchType = #token
* parameter[+].name = #practitioner
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Practitioner or PractitionerRole to see, by reference or identifier (Argonaut: provider). A Practitioner stands also for each of their PractitionerRoles. Repeated: any of them"
* parameter[=].type = #Reference
* parameter[=].targetProfile[0] = "http://hl7.org/fhir/StructureDefinition/Practitioner"
* parameter[=].targetProfile[+] = "http://hl7.org/fhir/StructureDefinition/PractitionerRole"
* parameter[+].name = #location-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Location of the visit, by reference or identifier (Argonaut: location). Repeated, and with location-string: any of them"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Location"
* parameter[+].name = #organization
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Organization, by reference or identifier: the Schedules of the Organization itself, of its PractitionerRoles and of its Locations. Repeated: any of them"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Organization"
* parameter[+].name = #location-string
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "A part of a Location's address (town, postal code, street…), matched as a FHIR string search on Location.address"
* parameter[=].type = #string
* parameter[=].searchType = #string
* parameter[+].name = #patient-resource
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "The patient as a resource, for a patient who may not be on file: matched by identifier (the proposals then name that Patient); otherwise the proposals name no patient and $hold/$book take the resource"
* parameter[=].type = #Patient
* parameter[+].name = #reason
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Reason for the visit as system|code; carried into each proposal's reasonCode"
* parameter[=].type = #string
* parameter[=].searchType = #token
* parameter[+].name = #referral-identifier
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Identifier of the referral (ServiceRequest); carried into each proposal's basedOn"
* parameter[=].type = #Identifier
* parameter[+].name = #patient-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Patient the appointment is for (proposed as a participant), by reference or identifier; one patient only"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Patient"
* parameter[+].name = #_count
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Proposals per page (default 20, at most 200)"
* parameter[=].type = #integer
* parameter[+].name = #page-offset
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "How many proposals to skip: the next link of a page sets it"
* parameter[=].type = #integer
* parameter[+].name = #insurance-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "IHE: the patient's insurance, as a reference to the patient's Coverage (IHE's published definition targets InsurancePlan, a plan rather than the patient's membership of it: refused with 400 saying so). The Coverage must be on file (404 unknown-coverage) and its beneficiary the patient (422 not-patients-coverage); a patient's token may name only its own patient's Coverage (403). $find checks it and narrows nothing by it: Mediwox keeps no payer networks; the payer says what it covers when $book asks it."
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Coverage"
* parameter[+].name = #coverage
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Argonaut: the patient's Coverage given whole (Argonaut Coverage profile). With the id of a stored Coverage it is that stored one; without an id it is used as given, not stored. Its beneficiary must be the patient (422 not-patients-coverage). $find checks it and narrows nothing by it: Mediwox keeps no payer networks; the payer says what it covers when $book asks it."
* parameter[=].type = #Coverage
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "searchset Bundle (answered as the response body itself) of proposed Appointments (status proposed, participants needs-action), each with the Slot it would take in Appointment.slot and an id $hold and $book accept"
* parameter[=].type = #Bundle