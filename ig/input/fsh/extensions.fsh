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
