Instance: bulk-publish
InstanceOf: OperationDefinition
Usage: #definition
* url = "https://mediwox.org/fhir/OperationDefinition/bulk-publish"
* version = "0.1.0"
* name = "BulkPublish"
* title = "Publish open availability (SMART Scheduling Links)"
* status = #draft
* kind = #operation
* publisher = "Mediwox"
* description = "The public availability feed of SMART Scheduling Links (https://github.com/smart-on-fhir/smart-scheduling-links/blob/master/specification.md), for slot finders (aggregators) that poll every one to five minutes. GET [base]/$bulk-publish answers the specification's manifest, a JSON object (not a FHIR resource, as in Bulk Data): transactionTime (an instant), request (the URL asked), output — one entry per file with type (Location, Schedule or Slot), url and extension.state (the US states of the published Locations) — and error (empty). The files are application/fhir+ndjson, one resource a line: [base]/$bulk-publish/locations.ndjson (each Location with name, phone, address with line, city, state and postal code, position when known, and an identifier [base]/Location|id), schedules.ndjson (one Schedule per Location and service, derived from the clinic's: the Location as its only actor, the service as serviceType) and slots-YYYY-MM-DD.ndjson (one file per clinic-local day from today, mediwox.bulk-publish.days days; Slot.status only free or busy — a held Slot is busy —, each Slot with the extensions booking-deep-link, the patient app's address with the Slot chosen ([server]/app/?slot=id, to which a slot finder may add source and booking-referral), and booking-phone). A Location without a phone or a complete address is not published, nor are its Slots. Only availability is published: nothing about patients or appointments. No token is needed while the feed is switched on (mediwox.bulk-publish.enabled, default true); switched off it answers 404 with an OperationOutcome and is not advertised. Cheap polling: every answer has a weak ETag (the newest change of a Slot, Schedule, Location or PractitionerRole, and the day) and Cache-Control max-age; If-None-Match with it answers 304 Not Modified after one database query. Only GET (and HEAD); other methods answer 405. Errors are OperationOutcomes: a _since that is not an instant 400, a file not in the current manifest 404."
* comment = "Served by a servlet filter before HAPI's REST layer (the files are NDJSON, not FHIR interactions), so these requests are not in the audit trail; nothing published is about a patient."
* affectsState = false
* code = #bulk-publish
* system = true
* type = false
* instance = false
* parameter[0].name = #_since
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Only what changed at or after this instant (the transactionTime of the manifest the client read last), with its time zone, such as 2021-04-22T14:28:21.582Z. Carried into every file URL of the manifest; a file then holds only the resources that changed since (a derived Schedule when a source Schedule, its PractitionerRole or its Location changed). Deleted Slots are not announced (the specification has no way to): a full download shows them gone."
* parameter[=].type = #instant
