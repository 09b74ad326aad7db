Instance: workload
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/workload"
* version = "0.1.0"
* name = "Workload"
* title = "Workload and fairness of providers and pools"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "The workload figures of a period, per provider (PractitionerRole), per pool and for everything selected, over the whole period and per bucket (day, ISO week, month): appointments booked and their minutes, Slots offered and their minutes, utilisation, minutes kept and attended, fulfilled, no-shows, cancellations by the patient and by the clinic, rescheduled, urgent, assigned by a pool, lead time from booking to visit and the wait of urgent bookings (median and 90th percentile, minutes); for each pool the days to its first and third free Slot as of now (the third next available measure), its fairness — spread (most minus fewest assignments), coefficient of variation, Gini coefficient — and each provider's share of its assignments, members who got none counting 0, beside their share of the minutes the pool's providers offered in the period (capacity-share: the share a fair rotation gives a provider who works fewer hours). A visit counts on its day in the clinic's time zone. Answered as a collection Bundle of summary MeasureReports (measure https://mediwox.org/fhir/Measure/workload, codes of CodeSystem workload-measure, stratifier period with the bucket's first day), or as CSV (one row per subject and bucket, header row) with _format=text/csv or Accept: text/csv. Computed by SQL over a read model kept in the transaction of every Appointment write; no resource is loaded. Access: a token that may search Appointments beyond one patient (user/ or system/ scopes). A back end (system scopes, no user) sees every provider by reference; a practitioner (fhirUser Practitioner) sees their own roles by reference and the pools of at least three providers their roles were assigned in, colleagues named only as Provider A, Provider B… (most assignments first, ties in an order of each report's own); patients and other users are refused (403), and so is a request naming a provider the caller may not see. At most three years per request. Offered capacity (Slots free, busy or busy-tentative, and their minutes; counted for the Schedule's provider as the Schedule names it now) and utilisation (kept over offered minutes) are reported for providers and the total when no pool filter is given: capacity is a provider's, not a pool's."
* affectsState = false
* code = #workload
* resource[0] = #PractitionerRole
* system = true
* type = true
* instance = true
* parameter[0].name = #start
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The first day of the period, in the clinic's time zone"
* parameter[=].type = #date
* parameter[+].name = #end
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The day after the period (exclusive); at most three years after start"
* parameter[=].type = #date
* parameter[+].name = #grouping
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "day, week (ISO, Monday first; the default), month, or none (the whole period only)"
* parameter[=].type = #code
* parameter[+].name = #pool
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Only bookings of these pools: the pool as the assignment explanation names it (specialty=…;visit-type=…;location=…)"
* parameter[=].type = #string
* parameter[+].name = #practitioner-role
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Only these providers, each as the text PractitionerRole/[id] (a string, so that GET can carry it); not with the instance-level call, which reports on its role. Without it: every provider the caller may see"
* parameter[=].type = #string
* parameter[+].name = #location
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Only visits at these Locations (the Appointment's Location participant), and only capacity of Schedules at them (the Schedule's Location actor); each as the text Location/[id]"
* parameter[=].type = #string
* parameter[+].name = #level
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Which reports to answer: provider, pool, total (repeat, or comma-separated); default all three. A clinic overview asks for pool,total: the answer stays small whatever the number of providers"
* parameter[=].type = #code
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "A collection Bundle of summary MeasureReports: one per provider, one per pool, one for everything selected (no subject). When CSV was asked for, the answer is the CSV itself (text/csv), not a FHIR resource"
* parameter[=].type = #Bundle
