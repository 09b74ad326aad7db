Instance: appointment-cancel
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/appointment-cancel"
* version = "0.1.0"
* name = "AppointmentCancel"
* title = "Cancel an appointment"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "Cancels a booked or pending Appointment and frees its Slot in the same transaction. A PATCH or PUT of the Appointment to status cancelled does the same. Every refusal's OperationOutcome carries, besides its diagnostics, the reason as a code of https://mediwox.org/fhir/CodeSystem/booking-refusal in issue.details.coding (e.g. slot-taken, patient-busy, no-capacity, hold-expired, already-cancelled): clients decide by the code, never by the text."
* affectsState = true
* code = #cancel
* resource = #Appointment
* system = false
* type = true
* instance = true
* parameter[0].name = #reason
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Cancellation reason, stored in Appointment.cancelationReason.text"
* parameter[=].type = #string
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The cancelled Appointment"
* parameter[=].type = #Appointment