Extension: NotificationOptOut
Id: notification-opt-out
Title: "Notification opt-out"
Description: "On a Patient's ContactPoint: `true` means the patient does not want appointment notifications through it. Mediwox records such a message as skipped, with the reason."
* ^context[0].type = #element
* ^context[0].expression = "ContactPoint"
* value[x] only boolean
* valueBoolean 1..1

Extension: AssignmentExplanation
Id: assignment-explanation
Title: "Assignment explanation"
Description: "On an Appointment booked into a provider pool by `$book`: how the provider was chosen — the method (the pool's rotation, or an urgent request's earliest free Slot), the pool, the rotation turn and the position it pointed to, the provider assigned, every provider passed over (and every Slot not taken) with the reason, and the same rendered as an English sentence. Appointments booked before the explanation had structure carry the sentence alone as `valueString` (a form this definition no longer allows); readers show it as text."
* ^context[0].type = #element
* ^context[0].expression = "Appointment"
* extension contains
    method 1..1 MS and
    pool 1..1 MS and
    poolSize 1..1 MS and
    turn 0..1 MS and
    position 0..1 MS and
    assigned 1..1 MS and
    skipped 0..* MS and
    text 1..1 MS
* extension[method] ^short = "rotation | urgent-earliest"
* extension[method].value[x] only code
* extension[method].valueCode from AssignmentMethods (required)
* extension[pool] ^short = "The pool's key: its specialty, visit type and location"
* extension[pool].value[x] only string
* extension[poolSize] ^short = "How many providers the pool had"
* extension[poolSize].value[x] only integer
* extension[turn] ^short = "The pool's rotation counter this booking took (0 for the pool's first booking); rotation only"
* extension[turn].value[x] only integer
* extension[position] ^short = "The position (1-based, in the pool's order) the turn pointed to; rotation only"
* extension[position].value[x] only integer
* extension[assigned] ^short = "The provider booked"
* extension[assigned].value[x] only Reference(PractitionerRole or Practitioner)
* extension[skipped] ^short = "A provider passed over, or one of their Slots not taken, and why"
* extension[skipped].extension contains
    provider 1..1 MS and
    reason 1..1 MS and
    slot 0..1 MS
* extension[skipped].extension[provider].value[x] only Reference(PractitionerRole or Practitioner)
* extension[skipped].extension[reason].value[x] only code
* extension[skipped].extension[reason].valueCode from AssignmentSkipReasons (required)
* extension[skipped].extension[slot] ^short = "The Slot not taken (absent when the whole provider was passed over)"
* extension[skipped].extension[slot].value[x] only Reference(Slot)
* extension[text] ^short = "The explanation as an English sentence, for readers that only show text"
* extension[text].value[x] only string

Extension: HoldExpiry
Id: hold-expiry
Title: "Hold expiry"
Description: "On an Appointment held by `$hold` (status `pending`): when the hold lapses. Until then its Slot is `busy-tentative` and `$book` confirms it; afterwards the Appointment is cancelled (\"Hold expired\") and its Slot is free again. Removed when the hold is booked."
* ^context[0].type = #element
* ^context[0].expression = "Appointment"
* value[x] only instant
* valueInstant 1..1

Extension: Overbooking
Id: overbooking
Title: "Overbooking"
Description: "On an Appointment a clinician booked deliberately over the booking rule (its Slot already taken, or the provider or patient already booked at that time), as clinic staff do it in Epic or Cerner: the reason. Accepted only with a clinician's token holding the scope `mediwox/overbook` (never a patient's or a back-end system's; refused with 403 otherwise); the override is recorded in the AuditEvent of the request."
* ^context[0].type = #element
* ^context[0].expression = "Appointment"
* value[x] only string
* valueString 1..1

CodeSystem: DocumentCategory
Id: document-category
Title: "Mediwox document categories"
Description: "What a patient's document is, as the patient app lists them."
* ^caseSensitive = true
* ^experimental = false
* #prescription "Prescription" "A prescription written for the patient."
* #report "Report" "A clinical report: results, a visit summary, a referral letter."
* #attachment "Attachment" "A file the patient uploaded: a photo, an earlier report, an insurance card."

ValueSet: DocumentCategories
Id: document-categories
Title: "Mediwox document categories"
Description: "The categories of Mediwox documents."
* ^experimental = false
* include codes from system DocumentCategory

CodeSystem: ChannelType
Id: channel-type
Title: "Mediwox notification channels"
Description: "Channel types for `backport-channel-type` on topic-based Subscriptions: messages to the patient of the Appointment, at the addresses on the Patient resource."
* ^caseSensitive = true
* ^experimental = false
* #patient-email "Patient email" "An email to the patient's own address, in the patient's language: confirmation, cancellation, new time."
* #patient-sms-reminder "Patient SMS reminders" "SMS reminders to the patient's mobile number at the configured offsets before the start."

CodeSystem: AssignmentMethod
Id: assignment-method
Title: "Mediwox assignment methods"
Description: "How `$book` chose the provider of a pool booking."
* ^caseSensitive = true
* ^experimental = false
* #rotation "Rotation" "The pool's next turn in its round-robin rotation, or the next provider after it that had a free Slot in the window."
* #urgent-earliest "Urgent, earliest free" "An urgent request: the earliest free Slot of the whole pool, outside the rotation."

ValueSet: AssignmentMethods
Id: assignment-methods
Title: "Mediwox assignment methods"
Description: "The ways `$book` chooses the provider of a pool booking."
* ^experimental = false
* include codes from system AssignmentMethod

CodeSystem: AssignmentSkipReason
Id: assignment-skip-reason
Title: "Mediwox reasons a provider or Slot was skipped"
Description: "Why a pool booking passed over a provider, or did not take one of a provider's Slots."
* ^caseSensitive = true
* ^experimental = false
* #no-free-slot "No free slot" "The provider has no free Slot in the requested window."
* #slots-being-booked "Slots being booked" "Every free Slot found for the provider was being booked by concurrent requests."
* #slot-taken "Slot taken" "The Slot was already held or booked."
* #provider-busy "Provider busy" "The provider has an overlapping booking."
* #patient-busy "Patient busy" "The patient already has an appointment at that time."
* #reserved-for-urgent "Reserved for urgent" "The provider's last free Slots that day are kept for urgent requests."

ValueSet: AssignmentSkipReasons
Id: assignment-skip-reasons
Title: "Mediwox reasons a provider or Slot was skipped"
Description: "Why a pool booking passed over a provider or one of their Slots."
* ^experimental = false
* include codes from system AssignmentSkipReason

CodeSystem: CancellationReason
Id: cancellation-reason
Title: "Mediwox cancellation reasons"
Description: "Why Mediwox itself cancelled an Appointment, in `Appointment.cancelationReason` (next to HL7's appointment-cancellation-reason codes a user may give). Readers decide by the code, never by the text."
* ^caseSensitive = true
* ^experimental = false
* #rescheduled "Rescheduled" "Cancelled by `$book` with `cancelled-appt-id`: its replacement was booked in the same transaction."
* #hold-expired "Hold expired" "A `$hold` that lapsed before it was booked; its Slot is free again."
