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

Extension: RescheduledFrom
Id: rescheduled-from
Title: "Rescheduled from"
Description: "On an Appointment booked by a reschedule (`$book` with `cancelled-appt-id`): the Appointment it moved, cancelled in the same transaction with the cancellation reason `rescheduled`. R4 has no element for this (R5's `Appointment.previousAppointment` is the same idea, and `Appointment.basedOn` takes only a ServiceRequest); a reader shows the old Appointment as moved, not cancelled."
* ^context[0].type = #element
* ^context[0].expression = "Appointment"
* value[x] only Reference(Appointment)
* valueReference 1..1

Extension: WaitlistFor
Id: waitlist-for
Title: "Waiting list for"
Description: "The booked Appointment a waiting-list Appointment is for. On an entry (`status` `waitlist`, made by `Appointment/[id]/$waitlist` or a plain POST of that shape): the patient waits for an earlier time than that booked Appointment, in the same provider pool; the entry claims no Slot and ends by itself (cancelled with reason `waitlist-ended`) when the booked Appointment is cancelled, moved or has started. On an offer (a held, `pending` Appointment of an earlier Slot with `hold-expiry`): the booked Appointment it would replace — the patient takes it with `$book` (`appointment-reference` = the offer, `cancelled-appt-id` = the booked one) or declines it by cancelling the offer."
* ^context[0].type = #element
* ^context[0].expression = "Appointment"
* value[x] only Reference(Appointment)
* valueReference 1..1

Extension: PayerCard
Id: payer-card
Title: "Payer card"
Description: "On an Appointment booked by `$book` while a payer is configured: one card of the payer's CDS Hooks answer to the `appointment-book` hook (Da Vinci Coverage Requirements Discovery), e.g. \"prior authorization needed\" or \"not covered at this location\". The card's fields as values — the apps show `summary` and `detail` as the payer wrote them and style by `indicator`; no code parses the text. Replaced as a whole by each answer of the payer."
* ^context[0].type = #element
* ^context[0].expression = "Appointment"
* extension contains
    uuid 0..1 MS and
    summary 1..1 MS and
    indicator 1..1 MS and
    detail 0..1 MS and
    source 1..1 MS and
    sourceUrl 0..1 MS and
    topic 0..1 MS and
    link 0..* MS
* extension[uuid] ^short = "The card's uuid, as the payer gave it"
* extension[uuid].value[x] only string
* extension[summary] ^short = "One-sentence summary (at most 140 characters), in the payer's words"
* extension[summary].value[x] only string
* extension[indicator] ^short = "info | warning | critical (CDS Hooks)"
* extension[indicator].value[x] only code
* extension[detail] ^short = "Optional detail, GitHub-flavoured Markdown, in the payer's words"
* extension[detail].value[x] only markdown
* extension[source] ^short = "The card's source label (who says it)"
* extension[source].value[x] only string
* extension[sourceUrl] ^short = "The source's address for more information"
* extension[sourceUrl].value[x] only url
* extension[topic] ^short = "The source's topic (CDS Hooks source.topic), a coding"
* extension[topic].value[x] only Coding
* extension[link] ^short = "A link of the card (absolute links only; SMART app links are not kept)"
* extension[link].extension contains
    label 1..1 MS and
    url 1..1 MS
* extension[link].extension[label].value[x] only string
* extension[link].extension[url].value[x] only url

Extension: PayerCheck
Id: payer-check
Title: "Payer check"
Description: "On an Appointment checked with the payer's CDS Hooks service by `$book`: whether and when the payer answered, and which service was asked. A booking never waits for a payer longer than the configured timeout: an Appointment without this extension, or with status `pending`, has not been answered yet and is retried in the background."
* ^context[0].type = #element
* ^context[0].expression = "Appointment"
* extension contains
    status 1..1 MS and
    service 1..1 MS and
    checked 1..1 MS and
    coverage 0..* MS
* extension[status] ^short = "answered | pending"
* extension[status].value[x] only code
* extension[status].valueCode from PayerCheckStatuses (required)
* extension[service] ^short = "The CDS service called ([base]/cds-services/[id])"
* extension[service].value[x] only url
* extension[checked] ^short = "When the payer answered"
* extension[checked].value[x] only instant
* extension[coverage] ^short = "The Coverage the payer was asked about"
* extension[coverage].value[x] only Reference(Coverage)

CodeSystem: PayerCheckStatus
Id: payer-check-status
Title: "Mediwox payer check status"
Description: "Where the payer check of a booking stands (extension `payer-check`, and `$book`'s outcome issue when the payer did not answer in time)."
* ^caseSensitive = true
* ^experimental = false
* #answered "Answered" "The payer answered; its cards are on the Appointment (`payer-card`), none when it had nothing to say."
* #pending "Pending" "The payer did not answer within the timeout, or failed: the booking stands, the check is retried in the background until it answers."

ValueSet: PayerCheckStatuses
Id: payer-check-statuses
Title: "Mediwox payer check status"
Description: "Where the payer check of a booking stands."
* ^experimental = false
* include codes from system PayerCheckStatus

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
* #waitlist-ended "Waiting list ended" "A waiting-list entry (`status` `waitlist`, extension `waitlist-for`) that ended by itself: the booked Appointment it waited for an earlier time for was cancelled, moved (also by taking an offer) or has started."

CodeSystem: BookingRefusal
Id: booking-refusal
Title: "Mediwox booking refusal reasons"
Description: "Why Mediwox refused a booking request: in `OperationOutcome.issue.details.coding` of every refusal of `$find`, `$hold`, `$book`, `$cancel` and of the booking rule on plain writes of Appointments and Slots, next to the English `diagnostics`. Clients decide by the code (and say it in the user's language), never by the text. `$find` also puts `patient-busy` on its information issue counting the free times it left out because the patient already holds them."
* ^caseSensitive = true
* ^experimental = false
* #slot-taken "Slot taken" "The Slot is already held or booked (409)."
* #provider-busy "Provider busy" "The provider already has an active appointment at an overlapping time (409)."
* #patient-busy "Patient already has an appointment then" "The patient already has an active (held or booked) appointment at an overlapping time (409); on a `$find` information issue: free times left out for that reason."
* #reserved-for-urgent "Reserved for urgent requests" "The provider's last free Slots of that day are kept for urgent requests (409)."
* #no-capacity "No free slot in the window" "No provider of the pool has a free Slot in the window that could be booked (409): widen the window or try later."
* #no-provider "No provider matches" "No active provider matches the specialty, visit type and location (422)."
* #window-in-past "Window in the past" "The time window lies wholly in the past (422)."
* #window-invalid "End before start" "The time window, or an Appointment's or Slot's times, end before they start (400 for inputs, 422 for resources)."
* #hold-expired "Hold expired" "The hold lapsed before it was booked (409): find and hold a time again."
* #not-held "Not on hold" "The Appointment to book is not a held (pending) one (409)."
* #held-for-another-patient "Held for another patient" "The held Appointment is held for another patient (422)."
* #confirm-with-book "Confirm a hold with $book" "A held Appointment becomes booked only through `$book`, not by a plain write (422)."
* #already-cancelled "Already cancelled" "The Appointment is already cancelled (or no-show, entered-in-error): it cannot be cancelled again, moved or reactivated (422)."
* #not-patients-appointment "Not this patient's appointment" "The Appointment to reschedule is not one of the patient being booked (422)."
* #slot-in-use "Slot in use" "A Slot set free by hand while an active Appointment holds it (409): cancel the Appointment instead."
* #group-slot "Group slots not supported" "A Slot with `slot-capacity` above 1 (422): one Slot takes one Appointment."
* #unknown-patient "Unknown patient" "The patient named is not on file (404)."
* #unknown-slot "Unknown slot" "The Slot named is not on file (404)."
* #unknown-appointment "Unknown appointment" "The Appointment named is not on file, nor a proposal of this server (404)."
* #unknown-coverage "Unknown coverage" "The Coverage an insurance input (`insurance-reference`, `coverage`) names is not on file (404)."
* #not-patients-coverage "Not this patient's coverage" "The Coverage an insurance input names or gives is not the patient's: its beneficiary is another patient (422)."
* #ambiguous-patient "Several patients match" "A patient-resource's identifiers name several patients on file (422): give patient-reference."
* #idempotency-key-reused "Idempotency-Key reused" "The Idempotency-Key was already used for a different request (422): use a new key."
* #overbooking-not-allowed "Overbooking not allowed" "An overbooking reason without a clinician's token that may overbook (403)."
* #changed-meanwhile "Changed meanwhile" "The Appointment was changed by another request meanwhile (409): read it again and retry."
* #not-permitted "Not permitted" "The access token does not permit the request (401/403)."
* #invalid-input "Invalid input" "A malformed, unknown or unsupported input, or a resource given whole that its profile refuses (400/422); the diagnostics name it."

ValueSet: BookingRefusals
Id: booking-refusals
Title: "Mediwox booking refusal reasons"
Description: "The reasons a Mediwox booking request is refused."
* ^experimental = false
* include codes from system BookingRefusal

CodeSystem: WorkloadMeasure
Id: workload-measure
Title: "Mediwox workload measures"
Description: "The figures of `$workload`: the code of each MeasureReport group (and of its population), the stratifiers, and the fairness figures of a pool."
* ^caseSensitive = true
* ^experimental = false
* #booked "Appointments booked" "Appointments that were booked (booked, arrived, checked-in, fulfilled, no-show, or cancelled after being booked); holds, proposals and waiting-list entries are not."
* #booked-minutes "Minutes booked" "Their minutes (end minus start)."
* #kept-minutes "Minutes kept" "Minutes of those not cancelled: booked, arrived, checked-in, fulfilled and no-show (a no-show still took the time)."
* #attended-minutes "Minutes attended" "Minutes of those arrived, checked in or fulfilled."
* #active "Active" "Booked, arrived or checked in now."
* #fulfilled "Fulfilled" "Appointments fulfilled."
* #noshow "No-shows" "Appointments with status noshow."
* #cancelled-patient "Cancelled by the patient" "Cancelled with an HL7 reason pat*, or without a reason by a patient's token."
* #cancelled-clinic "Cancelled by the clinic" "Cancelled with any other HL7 reason, or without a reason by anyone else."
* #rescheduled "Rescheduled" "Cancelled because they were moved (Mediwox reason rescheduled); not counted as cancelled."
* #urgent "Urgent" "Booked as urgent (priority 1)."
* #pool-assigned "Assigned by a pool" "Whose provider a pool's rotation or urgent search chose."
* #lead-time-p50 "Lead time, median" "Minutes from booking to visit, median (continuous percentile); visits entered after they began are left out. Every percentile here is computed over the lead times counted in log-scale bins (one per minute below 32 minutes, then 16 per doubling) at their bin's middle, so it is within 1/32 of the exact value and the same at every level and period."
* #lead-time-p90 "Lead time, 90th percentile" "Minutes from booking to visit, 90th percentile."
* #urgent-wait-p50 "Urgent wait, median" "The lead time of urgent bookings, median."
* #urgent-wait-p90 "Urgent wait, 90th percentile" "The lead time of urgent bookings, 90th percentile."
* #offered "Slots offered" "Slots of the provider's Schedules starting that day with status free, busy or busy-tentative (busy-unavailable and entered-in-error are not offered). Providers and the total only, and only without a pool filter: capacity is a provider's, not a pool's."
* #offered-minutes "Minutes offered" "Their minutes."
* #utilisation "Utilisation" "Minutes kept over minutes offered (a ratio; above 1 when visits were booked outside the Slots)."
* #spread "Spread" "A pool's most minus fewest assignments among its providers."
* #cv "Coefficient of variation" "A pool's population standard deviation of assignments over their mean."
* #gini "Gini coefficient" "0 when a pool's providers got equal assignments; (n-1)/n when one got all."
* #share "Share" "A provider's share of a pool's assignments."
* #capacity-share "Share of capacity" "A provider's share of the minutes a pool's providers offered in the period (its Slots free, busy or busy-tentative): the share of assignments a fair rotation would give them when providers work different hours; stratified by provider, each stratum with the provider's offered-minutes."
* #first-available "First available" "Days from the report's day to the day of a pool's first free Slot (clinic-local; 0 = today), within a year."
* #third-available "Third next available" "Days to a pool's third free Slot: the access measure clinics use (the first two are often leftovers of cancellations)."
* #period "Period bucket" "The stratifier of each measure: the first day of the bucket."
* #provider "Provider" "The stratifier of share and capacity-share: the provider (by reference, or a label for an anonymised colleague)."

Extension: SlotLength
Id: slot-length
Title: "Slot length"
Description: "On a Schedule whose Slots Mediwox generates from availability (tag `schedule-management#generated`): the length of each generated Slot, in `min` or `h` (UCUM), between 5 minutes and 8 hours. Without it the server's `mediwox.scheduling.generation.slot-length` (30 minutes)."
* ^context[0].type = #element
* ^context[0].expression = "Schedule"
* value[x] only Duration
* valueDuration 1..1
* valueDuration.system = "http://unitsofmeasure.org"
* valueDuration.code from SlotLengthUnits (required)
* valueDuration.comparator 0..0

ValueSet: SlotLengthUnits
Id: slot-length-units
Title: "Slot length units"
Description: "The UCUM units a generated Slot's length is given in."
* ^experimental = false
* http://unitsofmeasure.org#min "minute"
* http://unitsofmeasure.org#h "hour"

Extension: AvailabilityLocation
Id: availability-location
Title: "Availability location"
Description: "On `PractitionerRole.availableTime`: the Location these weekly hours are worked at, for a provider working at several sites. Hours without it apply at every Location of the role. R5 has no element for this either (`Availability` belongs to one role); Mediwox's generated Schedules read it."
* ^context[0].type = #element
* ^context[0].expression = "PractitionerRole.availableTime"
* value[x] only Reference(Location)
* valueReference 1..1

Extension: AvailabilityServiceType
Id: availability-service-type
Title: "Availability visit type"
Description: "On `PractitionerRole.availableTime`: the visit type these weekly hours are for, matched by system and code against `Schedule.serviceType`. A provider whose visit types take different times gets one generated Schedule per visit type, each with its `serviceType` and its `slot-length`; hours with this extension go only to the Schedules of that visit type, hours without it only to the role's Schedules whose visit type no hours name (so without the extension anywhere every Schedule follows all the hours). R5 has no element for this either; Mediwox's generated Schedules read it."
* ^context[0].type = #element
* ^context[0].expression = "PractitionerRole.availableTime"
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept.coding 1..*

Extension: LocationClosure
Id: location-closure
Title: "Location closure"
Description: "On a Location: a time it is closed (a public holiday, a closure for works). No Slot of a generated Schedule at that Location touches it. A `period` given as dates covers those whole local days (in the Location's time zone). R4 has no element for this; R5's `Location.hoursOfOperation` (an `Availability`) has `notAvailableTime` with the same two parts."
* ^context[0].type = #element
* ^context[0].expression = "Location"
* extension contains
    period 1..1 MS and
    description 0..1 MS
* extension[period] ^short = "When the Location is closed"
* extension[period].value[x] only Period
* extension[description] ^short = "Why, as shown to staff and patients"
* extension[description].value[x] only string

CodeSystem: ScheduleManagement
Id: schedule-management
Title: "Mediwox schedule management"
Description: "How Mediwox manages a Schedule's Slots: the tag of a Schedule whose Slots it generates from availability, and the code of the Task it raises when a booking falls outside that availability."
* ^caseSensitive = true
* ^experimental = false
* #generated "Generated from availability" "In a Schedule's `meta.tag`: Mediwox keeps its Slots equal to its PractitionerRole's `availableTime`, minus `notAvailable` and the Location's closures (`location-closure`), in Slots of `slot-length`, for the configured horizon. Free Slots no longer wanted become `busy-unavailable`; held and booked ones are never touched."
* #availability-conflict "Booked outside the provider's availability" "The code of a Task (`focus` the Appointment) raised when a booked or held Appointment falls in time its provider no longer works: the clinic moves or cancels it."

CodeSystem: StaffRole
Id: staff-role
Title: "Mediwox staff roles"
Description: "What a member of the clinic's staff does there, in `PractitionerRole.code` of one of their active roles. Roles are data the clinic edits, not scopes: Mediwox reads them for each request of a practitioner's token."
* ^caseSensitive = true
* ^experimental = false
* #clinician "Clinician" "Sees and works their own schedule; sees their pools' workload with colleagues unnamed."
* #front-desk "Front desk" "Books for patients at their locations."
* #manager "Manager" "Sees every provider's workload by name (`$workload`), and edits availability at the Locations of their roles and in the Organizations of their manager roles."

CodeSystem: StaffRefusal
Id: staff-refusal
Title: "Mediwox staff refusal reasons"
Description: "Why Mediwox refused a write by a member of the clinic's staff (a `user/` token whose `fhirUser` is a Practitioner): in `OperationOutcome.issue.details.coding` of the 403, next to `booking-refusal#not-permitted` and the English `diagnostics`. What each staff role may write is decided by the `staff-role` codes of the practitioner's active PractitionerRoles."
* ^caseSensitive = true
* ^experimental = false
* #not-at-staff-location "Not at one of your locations" "The Appointment is at a Location none of the practitioner's active PractitionerRoles is at (and, for a manager, outside the Organizations of their manager roles): the staff of that Location, or a manager, books it."
* #place-unknown "Location unknown" "The Appointment names no Location, nor a Slot or PractitionerRole that has one, so whether it is at one of the practitioner's locations cannot be told: add the Location as a participant, or book one of its Slots. Also availability a manager writes that names neither a Location nor an Organization (a PractitionerRole without `location` and `organization`, a Schedule without a Location or PractitionerRole actor that has one, a Slot of such a Schedule, a new Location without `managingOrganization`): name one."
* #manager-only "Managers only" "Availability — Schedules, Slots written directly, a Location's closures (`location-closure`) and `managingOrganization`, PractitionerRoles — is edited by managers (`staff-role#manager`) only; a practitioner may change only the leave (`notAvailable`) of their own PractitionerRole."
* #not-in-managed-places "Outside the places you manage" "A manager edits availability only where it belongs to one of the Locations of their active PractitionerRoles or to an Organization of their manager roles (a PractitionerRole by its `location`s and `organization`, a Schedule by its Location or PractitionerRole actors, a Slot by its Schedule, a Location by itself and its `managingOrganization`), both before and after the change: a manager of that clinic makes it."
