Instance: subscription-status
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/subscription-status"
* version = "0.1.0"
* name = "SubscriptionStatus"
* title = "Status of subscriptions"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "The Subscriptions R5 Backport `$status` operation as Mediwox implements it: a searchset Bundle with one SubscriptionStatus (a Parameters, profile backport-subscription-status-r4) per Subscription — its status, topic (topic-based subscriptions), type `query-status` and `events-since-subscription-start`: the events the subscription has had, numbered or still waiting to be sent. A subscriber compares it with the last `event-number` it received to find missed notifications. Reports topic-based Subscriptions only (an instance that is not topic-based: 400). Needs a user- or system-level token with an unfiltered Subscription read or search scope."
* affectsState = false
* code = #status
* base = "http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-status"
* resource = #Subscription
* system = false
* type = true
* instance = true
* parameter[0].name = #id
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "At the type level: the ids of the Subscriptions to report (all the caller may read when absent)"
* parameter[=].type = #id
* parameter[+].name = #status
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "At the type level: only Subscriptions with one of these statuses (requested, active, error, off)"
* parameter[=].type = #code
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "A searchset Bundle of SubscriptionStatus Parameters"
* parameter[=].type = #Bundle