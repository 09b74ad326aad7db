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
* description = "IHE ITI Scheduling $find: proposed Appointments built from free Slots that match the request, ordered by start time. Different kinds of actor combine with AND; the same kind repeated means OR. Slots on hold or booked are never proposed. Answers as IHE ITI-115 (Scheduling 1.0.0, publication ballot): the searchset Bundle itself; each proposal has an id (fullUrl [base]/Appointment/[id]) that $hold and $book take back as appointment-reference — it is never stored (a read of it is 404). An input this server does not honour (e.g. organization, location-string, Argonaut provider/location/appt-type) is refused with 400 naming it, never ignored."
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
* parameter[=].documentation = "Practitioner or PractitionerRole to see"
* parameter[=].type = #Reference
* parameter[=].targetProfile[0] = "http://hl7.org/fhir/StructureDefinition/Practitioner"
* parameter[=].targetProfile[+] = "http://hl7.org/fhir/StructureDefinition/PractitionerRole"
* parameter[+].name = #location-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Location of the visit"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Location"
* parameter[+].name = #patient-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Patient the appointment is for (proposed as a participant)"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Patient"
* parameter[+].name = #_count
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Maximum number of proposals (default 20, at most 200)"
* parameter[=].type = #integer
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "searchset Bundle (answered as the response body itself) of proposed Appointments (status proposed, participants needs-action), each with the Slot it would take in Appointment.slot and an id $hold and $book accept"
* parameter[=].type = #Bundle