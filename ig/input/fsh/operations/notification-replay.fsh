Instance: notification-replay
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/notification-replay"
* version = "0.1.0"
* name = "NotificationReplay"
* title = "Replay a dead-lettered notification"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "Puts a notification that was dead-lettered after its retry budget back in line: it is delivered again with a fresh retry budget, keeping its dedupe key (so it still reaches the patient at most once). Only dead-lettered notifications can be replayed (422 otherwise). Needs a user- or system-level token that may update Communication."
* affectsState = true
* code = #notification-replay
* system = true
* type = false
* instance = false
* parameter[0].name = #id
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The notification's id as listed by $notifications (notification-[n])"
* parameter[=].type = #string
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The notification as a Communication, now pending"
* parameter[=].type = #Communication