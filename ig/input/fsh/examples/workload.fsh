Instance: workload-measure-definition
InstanceOf: Measure
Title: "Workload (what $workload reports)"
Usage: #definition
* id = "workload"
* url = "https://mediwox.org/fhir/Measure/workload"
* version = "0.1.0"
* name = "Workload"
* title = "Workload and fairness of providers and pools"
* status = #draft
* publisher = "Mediwox"
* description = "The measure every MeasureReport of `$workload` reports: one group per code of CodeSystem workload-measure, each stratified by period bucket; a pool's report also has spread, cv, gini and share (stratified by provider)."
* scoring = http://terminology.hl7.org/CodeSystem/measure-scoring#continuous-variable
* group[0].code = WorkloadMeasure#booked
* group[+].code = WorkloadMeasure#booked-minutes
* group[+].code = WorkloadMeasure#kept-minutes
* group[+].code = WorkloadMeasure#attended-minutes
* group[+].code = WorkloadMeasure#active
* group[+].code = WorkloadMeasure#fulfilled
* group[+].code = WorkloadMeasure#noshow
* group[+].code = WorkloadMeasure#cancelled-patient
* group[+].code = WorkloadMeasure#cancelled-clinic
* group[+].code = WorkloadMeasure#rescheduled
* group[+].code = WorkloadMeasure#urgent
* group[+].code = WorkloadMeasure#pool-assigned
* group[+].code = WorkloadMeasure#lead-time-p50
* group[+].code = WorkloadMeasure#lead-time-p90
* group[+].code = WorkloadMeasure#urgent-wait-p50
* group[+].code = WorkloadMeasure#urgent-wait-p90
* group[+].code = WorkloadMeasure#offered
* group[+].code = WorkloadMeasure#offered-minutes
* group[+].code = WorkloadMeasure#utilisation
* group[+].code = WorkloadMeasure#spread
* group[+].code = WorkloadMeasure#cv
* group[+].code = WorkloadMeasure#gini
* group[+].code = WorkloadMeasure#share
* group[=].stratifier[0].code = WorkloadMeasure#provider
* group[+].code = WorkloadMeasure#capacity-share
* group[=].stratifier[0].code = WorkloadMeasure#provider
* group[+].code = WorkloadMeasure#first-available
* group[+].code = WorkloadMeasure#third-available

Instance: workload-request
InstanceOf: Parameters
Title: "$workload request: one ISO week of a pool, as one period"
Usage: #example
* parameter[0].name = "start"
* parameter[=].valueDate = "2027-03-22"
* parameter[+].name = "end"
* parameter[=].valueDate = "2027-03-29"
* parameter[+].name = "grouping"
* parameter[=].valueCode = #none
* parameter[+].name = "pool"
* parameter[=].valueString = "specialty=http://snomed.info/sct|394814009;visit-type=;location="

Instance: workload-pool-report
InstanceOf: MeasureReport
Title: "A pool's week: 9 bookings over three providers (4, 3, 2), who offered 360, 240 and 0 minutes"
Usage: #inline
* status = #complete
* type = #summary
* measure = "https://mediwox.org/fhir/Measure/workload"
* subject.type = #Group
* subject.identifier.system = "https://mediwox.org/fhir/provider-pool"
* subject.identifier.value = "specialty=http://snomed.info/sct|394814009;visit-type=;location="
* subject.display = "Pool specialty=http://snomed.info/sct|394814009;visit-type=;location="
* date = "2027-03-29T08:00:00Z"
* period.start = "2027-03-22"
* period.end = "2027-03-28"
* group[0].code = WorkloadMeasure#booked
* group[=].population[0].code = WorkloadMeasure#booked
* group[=].population[=].count = 9
* group[+].code = WorkloadMeasure#noshow
* group[=].population[0].code = WorkloadMeasure#noshow
* group[=].population[=].count = 1
* group[+].code = WorkloadMeasure#pool-assigned
* group[=].population[0].code = WorkloadMeasure#pool-assigned
* group[=].population[=].count = 9
* group[+].code = WorkloadMeasure#lead-time-p50
* group[=].measureScore = 2880 'min' "min"
* group[+].code = WorkloadMeasure#spread
* group[=].measureScore.value = 2
* group[=].measureScore.unit = "1"
* group[+].code = WorkloadMeasure#gini
* group[=].measureScore.value = 0.1481
* group[=].measureScore.unit = "1"
* group[+].code = WorkloadMeasure#third-available
* group[=].measureScore = 3 'd' "d"
* group[+].code = WorkloadMeasure#share
* group[=].stratifier[0].code = WorkloadMeasure#provider
* group[=].stratifier[=].stratum[0].value.text = "PractitionerRole/11"
* group[=].stratifier[=].stratum[=].value.coding.code = #PractitionerRole/11
* group[=].stratifier[=].stratum[=].population[0].code = WorkloadMeasure#pool-assigned
* group[=].stratifier[=].stratum[=].population[=].count = 4
* group[=].stratifier[=].stratum[=].measureScore.value = 0.4444
* group[=].stratifier[=].stratum[=].measureScore.unit = "1"
* group[=].stratifier[=].stratum[+].value.text = "PractitionerRole/12"
* group[=].stratifier[=].stratum[=].value.coding.code = #PractitionerRole/12
* group[=].stratifier[=].stratum[=].population[0].code = WorkloadMeasure#pool-assigned
* group[=].stratifier[=].stratum[=].population[=].count = 3
* group[=].stratifier[=].stratum[=].measureScore.value = 0.3333
* group[=].stratifier[=].stratum[=].measureScore.unit = "1"
* group[=].stratifier[=].stratum[+].value.text = "PractitionerRole/13"
* group[=].stratifier[=].stratum[=].value.coding.code = #PractitionerRole/13
* group[=].stratifier[=].stratum[=].population[0].code = WorkloadMeasure#pool-assigned
* group[=].stratifier[=].stratum[=].population[=].count = 2
* group[=].stratifier[=].stratum[=].measureScore.value = 0.2222
* group[=].stratifier[=].stratum[=].measureScore.unit = "1"
* group[+].code = WorkloadMeasure#capacity-share
* group[=].stratifier[0].code = WorkloadMeasure#provider
* group[=].stratifier[=].stratum[0].value.text = "PractitionerRole/11"
* group[=].stratifier[=].stratum[=].value.coding.code = #PractitionerRole/11
* group[=].stratifier[=].stratum[=].population[0].code = WorkloadMeasure#offered-minutes
* group[=].stratifier[=].stratum[=].population[=].count = 360
* group[=].stratifier[=].stratum[=].measureScore.value = 0.6
* group[=].stratifier[=].stratum[=].measureScore.unit = "1"
* group[=].stratifier[=].stratum[+].value.text = "PractitionerRole/12"
* group[=].stratifier[=].stratum[=].value.coding.code = #PractitionerRole/12
* group[=].stratifier[=].stratum[=].population[0].code = WorkloadMeasure#offered-minutes
* group[=].stratifier[=].stratum[=].population[=].count = 240
* group[=].stratifier[=].stratum[=].measureScore.value = 0.4
* group[=].stratifier[=].stratum[=].measureScore.unit = "1"
* group[=].stratifier[=].stratum[+].value.text = "PractitionerRole/13"
* group[=].stratifier[=].stratum[=].value.coding.code = #PractitionerRole/13
* group[=].stratifier[=].stratum[=].population[0].code = WorkloadMeasure#offered-minutes
* group[=].stratifier[=].stratum[=].population[=].count = 0
* group[=].stratifier[=].stratum[=].measureScore.value = 0
* group[=].stratifier[=].stratum[=].measureScore.unit = "1"

Instance: workload-response
InstanceOf: Bundle
Title: "$workload response: the pool's MeasureReport (grouping none)"
Usage: #example
* type = #collection
* timestamp = "2027-03-29T08:00:00Z"
* entry[0].fullUrl = "urn:uuid:5b1f3d52-8f0e-4c0a-9d59-0f3a7f6c2e10"
* entry[=].resource = workload-pool-report
