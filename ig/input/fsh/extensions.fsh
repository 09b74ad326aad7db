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
Description: "On an Appointment booked into a provider pool by `$book`: why this provider was chosen — the rotation turn, and the providers skipped and why (no free slot in the window, inactive)."
* ^context[0].type = #element
* ^context[0].expression = "Appointment"
* value[x] only string
* valueString 1..1

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
