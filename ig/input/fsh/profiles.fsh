Invariant: mwx-appt-1
Description: "An appointment ends after it starts"
Expression: "start.empty() or end.empty() or end > start"
Severity: #error

Invariant: mwx-slot-1
Description: "A slot ends after it starts"
Expression: "end > start"
Severity: #error

Invariant: mwx-sched-1
Description: "A planning horizon cannot end before it starts"
Expression: "planningHorizon.start.empty() or planningHorizon.end.empty() or planningHorizon.end >= planningHorizon.start"
Severity: #error

Invariant: mwx-role-1
Description: "A PractitionerRole without a specialty is in no provider pool: $book cannot assign it"
Expression: "specialty.exists()"
Severity: #warning

Invariant: mwx-pat-1
Description: "Mobile and SMS numbers should be E.164 (+ and 8 to 15 digits) for SMS reminders to reach them"
Expression: "telecom.where(system = 'sms' or (system = 'phone' and use = 'mobile')).all(value.replaceMatches('[\\\\s().-]', '').matches('^\\\\+[1-9][0-9]{7,14}$'))"
Severity: #warning

Invariant: mwx-doc-1
Description: "A document the patient app lists has a Mediwox category"
Expression: "category.coding.where(system = 'https://mediwox.org/fhir/CodeSystem/document-category').exists()"
Severity: #warning

Profile: MediwoxPatient
Parent: Patient
Id: mediwox-patient
Title: "Mediwox Patient"
Description: "A patient who books appointments. Notifications go to the first usable `email` and the first `sms` or mobile `phone` ContactPoint (by rank); `communication` (preferred first) picks the language of messages (English or Spanish); a ContactPoint can opt out of notifications."
* obeys mwx-pat-1
* name MS
* telecom MS
* telecom.extension contains NotificationOptOut named optOut 0..1 MS
* communication MS
* communication.language MS
* communication.preferred MS

Profile: MediwoxPractitionerRole
Parent: PractitionerRole
Id: mediwox-practitioner-role
Title: "Mediwox PractitionerRole"
Description: "A provider's role. Pool membership: an `active` role with a `specialty` (and `location`) whose Schedule is active is in the pool of that specialty at that location; `$book` rotates over a pool's roles in id order."
* obeys mwx-role-1
* active MS
* practitioner MS
* specialty MS
* location MS

Profile: MediwoxSchedule
Parent: Schedule
Id: mediwox-schedule
Title: "Mediwox Schedule"
Description: "The Schedule of a PractitionerRole: its Slots are what `$find` offers and `$book` takes."
* obeys mwx-sched-1
* active MS
* actor MS
* serviceType MS
* specialty MS
* planningHorizon MS

Profile: MediwoxSlot
Parent: Slot
Id: mediwox-slot
Title: "Mediwox Slot"
Description: "A bookable piece of a Schedule. `$book` takes a `free` Slot (it becomes `busy`) in the same transaction as the Appointment; the database refuses a second booking of the same Slot."
* obeys mwx-slot-1
* schedule MS
* status MS
* start MS
* end MS
* serviceType MS
* specialty MS

Profile: MediwoxAppointment
Parent: Appointment
Id: mediwox-appointment
Title: "Mediwox Appointment"
Description: "An appointment as Mediwox books it: one Slot, a Patient and a PractitionerRole participant; `priority` 1 marks an urgent booking; a pool booking carries the explanation of the assignment."
* obeys mwx-appt-1
* extension contains AssignmentExplanation named assignmentExplanation 0..1 MS and HoldExpiry named holdExpiry 0..1 MS and Overbooking named overbooking 0..1 MS and RescheduledFrom named rescheduledFrom 0..1 MS and WaitlistFor named waitlistFor 0..1 MS
* status MS
* priority MS
* priority ^short = "1 = urgent (booked outside the rotation)"
* start MS
* end MS
* slot MS
* participant MS
* participant.actor MS
* cancelationReason MS

Profile: MediwoxDocumentReference
Parent: DocumentReference
Id: mediwox-document-reference
Title: "Mediwox DocumentReference"
Description: "A patient's document — a prescription, a report or an uploaded attachment. Content larger than 64 KB is stored encrypted in Amazon S3 (or the data directory) and served by `$binary-access-read`."
* obeys mwx-doc-1
* status MS
* subject MS
* category MS
* category from DocumentCategories (extensible)
* content.attachment.contentType MS
* content.attachment.title MS
