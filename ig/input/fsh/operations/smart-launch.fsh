Instance: smart-launch
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/smart-launch"
* version = "0.1.0"
* name = "SmartLaunch"
* title = "Register an EHR launch context"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "An EHR registers the patient (and encounter) it is about to launch a SMART app for and receives the opaque launch value to pass to the app (SMART App Launch, EHR launch). The built-in authorization server resolves it into the patient and encounter of the app's token when the app asks for the launch scope. Needs a user- or system-level token that may read Patients; the value expires after one hour."
* affectsState = true
* code = #smart-launch
* system = true
* type = false
* instance = false
* parameter[0].name = #patient
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The patient in context (Patient/[id]); must be readable with the caller's token"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Patient"
* parameter[+].name = #encounter
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "The encounter in context (Encounter/[id]), if any"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Encounter"
* parameter[+].name = #launch
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The opaque launch value for the app's launch URL (launch=...)"
* parameter[=].type = #string
* parameter[+].name = #expires-in
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Seconds until the launch value expires"
* parameter[=].type = #integer