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
* description = "IHE ITI Scheduling $hold: puts the Slot of a proposed Appointment in busy-tentative and stores the Appointment as pending for mediwox.scheduling.hold-duration; an expired hold frees its Slot by itself. Argonaut aliases appt-id and appt-resource are accepted."
* affectsState = true
* code = #hold
* resource = #Appointment
* system = false
* type = true
* instance = false
* parameter[0].name = #appointment-resource
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "A proposed Appointment, as returned by $find"
* parameter[=].type = #Appointment
* parameter[+].name = #appointment-reference
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "A stored proposed Appointment"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Appointment"
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Bundle with the pending Appointment"
* parameter[=].type = #Bundle