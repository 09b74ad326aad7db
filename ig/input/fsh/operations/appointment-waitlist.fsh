Instance: appointment-waitlist
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/appointment-waitlist"
* version = "0.1.0"
* name = "AppointmentWaitlist"
* title = "Wait for an earlier time"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "\"Tell me if something earlier opens\" for a booked Appointment (the instance; no input): stores and answers a waiting-list entry — an Appointment with status waitlist, the booked one's patient, specialty, serviceType and priority, requestedPeriod from now to the booked start and the extension waitlist-for naming the booked Appointment (the entry already there when the patient had joined before). A plain POST of an Appointment of that shape does the same and is checked by the same rule. The entry claims no Slot. Whenever a Slot of the booked Appointment's provider pool is free (cancelled, moved away from, released by a lapsed or declined offer, created or set free) and starts before the booked Appointment, it is offered to ONE waiting patient at a time — urgent entries (priority 1) first, then first come, first served — as a hold for that patient (a pending Appointment with hold-expiry and waitlist-for, held for mediwox.scheduling.waitlist-offer-duration, 15 minutes by default), and the patient is told by email and SMS in their language. Accepting is $book with appointment-reference = the offer and cancelled-appt-id = the booked Appointment (a move); declining is cancelling the offer; either way, or when the hold lapses, the next waiting patient may get the Slot, and no patient is offered the same Slot twice. Leaving the list is cancelling the entry ($cancel, or a PATCH/PUT to cancelled); it ends by itself (cancelled with reason waitlist-ended of CodeSystem cancellation-reason) when the booked Appointment is cancelled, moved or has started. A patient's token may call it only on the patient's own Appointment (403 otherwise). Refusals are OperationOutcomes with a code of https://mediwox.org/fhir/CodeSystem/booking-refusal in issue.details.coding: 404 unknown-appointment, 422 already-cancelled, not-patients-appointment, invalid-input (not booked, already started, no Slot)."
* affectsState = true
* code = #waitlist
* resource = #Appointment
* system = false
* type = false
* instance = true
* parameter[0].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The waiting-list entry: an Appointment with status waitlist and the extension waitlist-for"
* parameter[=].type = #Appointment
