Instance: find-request-by-identifier
InstanceOf: Parameters
Title: "$find request: a practitioner known by identifier, in a town"
Description: "IHE ITI-115's own example form: the practitioner given by a business identifier rather than a reference, with a part of the location's address (location-string). Proposals are those of that practitioner's Schedules (and of their PractitionerRoles') at a Location whose address matches."
Usage: #example
* parameter[0].name = "start"
* parameter[=].valueDateTime = "2026-12-01T00:00:00-05:00"
* parameter[+].name = "end"
* parameter[=].valueDateTime = "2026-12-04T00:00:00-05:00"
* parameter[+].name = "practitioner"
* parameter[=].valueReference.identifier.system = "urn:oid:1.3.6.1.4.1.19376.1.2.999"
* parameter[=].valueReference.identifier.value = "PR23143"
* parameter[=].valueReference.display = "Dr. Pro Vider"
* parameter[+].name = "location-string"
* parameter[=].valueString = "Springfield"

Instance: hold-refused
InstanceOf: Bundle
Title: "$hold refused: the time was taken meanwhile (HTTP 409)"
Description: "A refused $hold or $book answers as IHE ITI-116/117 require: the Bundle holding only an OperationOutcome (search.mode outcome, total 0), under the refusal's HTTP status (400 bad input, 401/403 not allowed, 404 unknown, 409 taken, 422 a booking rule). A $hold of a time that is gone carries the fatal/not-found issue ITI-116 asks for."
Usage: #example
* type = #searchset
* total = 0
* entry[0].fullUrl = "urn:uuid:5b0e1c8a-7f7e-4a53-9a43-3c1e9d2f6a01"
* entry[=].resource = hold-refused-outcome
* entry[=].search.mode = #outcome

Instance: hold-refused-outcome
InstanceOf: OperationOutcome
Usage: #inline
* issue.severity = #fatal
* issue.code = #not-found
* issue.details.coding = BookingRefusal#slot-taken "Slot taken"
* issue.diagnostics = "Slot/example-slot is already held or booked by another Appointment. Nothing was stored; choose another time or provider."
