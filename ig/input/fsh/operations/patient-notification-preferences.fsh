Instance: patient-notification-preferences
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/patient-notification-preferences"
* version = "0.1.0"
* name = "PatientNotificationPreferences"
* title = "How a patient wants appointment messages"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "The patient's choice of channels for appointment messages (confirmations, reminders, changes, waiting-list offers): by email, by SMS, both or neither. GET (no input) answers one channel part per channel — email, then sms — with the address messages go to, whether the patient wants them there and, when nothing can be sent through it whatever the choice, why (problem no-address, or not-e164 for a mobile number that is not in E.164 form). POST with email and/or sms changes the choice and answers the same. The choice is stored on the Patient: the extension notification-opt-out (true) on every current ContactPoint of that channel (email; sms, or phone with use mobile); turning a channel on removes it. The notification module reads exactly that, so a message through a channel the patient turned off is recorded as skipped with the reason. Inputs on a GET are refused (400). Access: reading needs a Patient read scope, changing a Patient update scope (patient/Patient.u for a patient app), checked as for any read and update of that Patient; a patient's token reaches only its own patient (403 otherwise)."
* affectsState = true
* code = #notification-preferences
* resource = #Patient
* system = false
* type = false
* instance = true
* parameter[0].name = #email
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "POST only: true to get appointment messages by email, false to stop them"
* parameter[=].type = #boolean
* parameter[+].name = #sms
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "POST only: true to get appointment messages by SMS, false to stop them"
* parameter[=].type = #boolean
* parameter[+].name = #channel
* parameter[=].use = #out
* parameter[=].min = 2
* parameter[=].max = "2"
* parameter[=].documentation = "One per channel, email first, then sms"
* parameter[=].part[0].name = #system
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].documentation = "email or sms"
* parameter[=].part[=].type = #code
* parameter[=].part[+].name = #address
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].documentation = "The email address or mobile number messages go to (the Patient's current ContactPoint of best rank); absent when the Patient has none"
* parameter[=].part[=].type = #string
* parameter[=].part[+].name = #enabled
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].documentation = "Whether the patient wants appointment messages through this channel (false when there is no address)"
* parameter[=].part[=].type = #boolean
* parameter[=].part[+].name = #problem
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].documentation = "Why nothing can be sent through this channel whatever the choice: no-address (the Patient has no current address of this kind) or not-e164 (the mobile number is not an E.164 number)"
* parameter[=].part[=].type = #code
