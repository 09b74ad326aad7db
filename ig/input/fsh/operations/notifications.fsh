Instance: notifications
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/notifications"
* version = "0.1.0"
* name = "Notifications"
* title = "List the notification outbox"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "The operator's view of the notification outbox: every email confirmation and SMS reminder the server recorded for an Appointment change, newest first, as Communication resources built from the outbox (not stored). Communication.status: preparation (pending), in-progress (being sent), completed (sent; note carries the provider's message id), not-done (skipped: no address, opted out, invalid number; or withdrawn because the appointment was cancelled or moved; statusReason says which), stopped (dead-lettered after the retry budget; replay with $notification-replay). Needs a user- or system-level token that may search Communication."
* affectsState = false
* code = #notifications
* system = true
* type = false
* instance = false
* parameter[0].name = #status
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Outbox status: pending, sending, sent, skipped, dead or withdrawn"
* parameter[=].type = #string
* parameter[+].name = #patient
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Only messages to this patient (Patient/[id] or [id])"
* parameter[=].type = #string
* parameter[+].name = #appointment
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Only messages about this appointment (Appointment/[id] or [id])"
* parameter[=].type = #string
* parameter[+].name = #_count
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "At most this many (1-500, default 50)"
* parameter[=].type = #integer
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "A searchset Bundle of Communication resources"
* parameter[=].type = #Bundle