Instance: bulk-publish-request
InstanceOf: Parameters
Title: "$bulk-publish request: what changed since the last poll"
Description: "A slot finder's poll of the public availability feed with the transactionTime of the manifest it read last (GET [base]/$bulk-publish?_since=2027-03-22T14:28:21.582Z). The answer is SMART Scheduling Links' manifest (JSON, not a FHIR resource) whose files hold only what changed since."
Usage: #example
* parameter[0].name = "_since"
* parameter[=].valueInstant = "2027-03-22T14:28:21.582Z"
