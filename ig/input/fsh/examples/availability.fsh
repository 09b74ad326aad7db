Instance: example-location-madrid
InstanceOf: Location
Title: "Location: Madrid site, closed on a holiday"
Description: "A site in Madrid's time zone, closed on 6 January 2027 (Epiphany): no generated Slot touches that local day."
Usage: #example
* status = #active
* name = "Mediwox Demo Clinic, Madrid"
* extension[0].url = "http://hl7.org/fhir/StructureDefinition/timezone"
* extension[=].valueCode = #Europe/Madrid
* extension[+].url = "https://mediwox.org/fhir/StructureDefinition/location-closure"
* extension[=].extension[0].url = "period"
* extension[=].extension[=].valuePeriod.start = "2027-01-06"
* extension[=].extension[=].valuePeriod.end = "2027-01-06"
* extension[=].extension[+].url = "description"
* extension[=].extension[=].valueString = "Epiphany"

Instance: example-practitioner-role-hours
InstanceOf: MediwoxPractitionerRole
Title: "PractitionerRole: weekly hours with a lunch break, and a week of leave"
Description: "Monday to Friday 09:00–13:00 and 14:00–17:00 at the Madrid site, Saturday mornings at any site; away 15–19 February 2027."
Usage: #example
* active = true
* practitioner = Reference(example-practitioner)
* specialty = $sct#394814009 "General practice (specialty)"
* location = Reference(example-location-madrid)
* availableTime[0].daysOfWeek[0] = #mon
* availableTime[=].daysOfWeek[+] = #tue
* availableTime[=].daysOfWeek[+] = #wed
* availableTime[=].daysOfWeek[+] = #thu
* availableTime[=].daysOfWeek[+] = #fri
* availableTime[=].availableStartTime = "09:00:00"
* availableTime[=].availableEndTime = "13:00:00"
* availableTime[=].extension[0].url = "https://mediwox.org/fhir/StructureDefinition/availability-location"
* availableTime[=].extension[=].valueReference = Reference(example-location-madrid)
* availableTime[+].daysOfWeek[0] = #mon
* availableTime[=].daysOfWeek[+] = #tue
* availableTime[=].daysOfWeek[+] = #wed
* availableTime[=].daysOfWeek[+] = #thu
* availableTime[=].daysOfWeek[+] = #fri
* availableTime[=].availableStartTime = "14:00:00"
* availableTime[=].availableEndTime = "17:00:00"
* availableTime[=].extension[0].url = "https://mediwox.org/fhir/StructureDefinition/availability-location"
* availableTime[=].extension[=].valueReference = Reference(example-location-madrid)
* availableTime[+].daysOfWeek[0] = #sat
* availableTime[=].availableStartTime = "09:00:00"
* availableTime[=].availableEndTime = "12:00:00"
* notAvailable[0].description = "Annual leave"
* notAvailable[=].during.start = "2027-02-15"
* notAvailable[=].during.end = "2027-02-19"

Instance: example-schedule-generated
InstanceOf: MediwoxSchedule
Title: "Schedule with Slots generated from availability"
Description: "Tagged `schedule-management#generated`: Mediwox keeps its 20-minute Slots equal to the role's hours at the Madrid site, minus leave and closures."
Usage: #example
* meta.tag = https://mediwox.org/fhir/CodeSystem/schedule-management#generated "Generated from availability"
* active = true
* actor[0] = Reference(example-practitioner-role-hours)
* actor[+] = Reference(example-location-madrid)
* specialty = $sct#394814009 "General practice (specialty)"
* extension[0].url = "https://mediwox.org/fhir/StructureDefinition/slot-length"
* extension[=].valueDuration = 20 'min' "minutes"

Instance: example-practitioner-role-visit-types
InstanceOf: MediwoxPractitionerRole
Title: "PractitionerRole: a week split between two visit types"
Description: "Consultations Monday to Friday 09:00–13:00 (the hours that name no visit type) and minor procedures on Tuesday 14:00–17:00 (availability-service-type): each goes to the generated Schedule of its visit type."
Usage: #example
* active = true
* practitioner = Reference(example-practitioner)
* specialty = $sct#394582007 "Dermatology"
* location = Reference(example-location-madrid)
* availableTime[0].daysOfWeek[0] = #mon
* availableTime[=].daysOfWeek[+] = #tue
* availableTime[=].daysOfWeek[+] = #wed
* availableTime[=].daysOfWeek[+] = #thu
* availableTime[=].daysOfWeek[+] = #fri
* availableTime[=].availableStartTime = "09:00:00"
* availableTime[=].availableEndTime = "13:00:00"
* availableTime[+].daysOfWeek[0] = #tue
* availableTime[=].availableStartTime = "14:00:00"
* availableTime[=].availableEndTime = "17:00:00"
* availableTime[=].extension[0].url = "https://mediwox.org/fhir/StructureDefinition/availability-service-type"
* availableTime[=].extension[=].valueCodeableConcept = $sct#71388002 "Procedure"

Instance: example-schedule-generated-consultation
InstanceOf: MediwoxSchedule
Title: "Schedule of one visit type: 20-minute consultations"
Description: "Generated from the role's hours that name no visit type: 20-minute Slots, serviceType Consultation (copied to each Slot)."
Usage: #example
* meta.tag = https://mediwox.org/fhir/CodeSystem/schedule-management#generated "Generated from availability"
* active = true
* actor[0] = Reference(example-practitioner-role-visit-types)
* actor[+] = Reference(example-location-madrid)
* serviceType = $sct#11429006 "Consultation"
* specialty = $sct#394582007 "Dermatology"
* extension[0].url = "https://mediwox.org/fhir/StructureDefinition/slot-length"
* extension[=].valueDuration = 20 'min' "minutes"

Instance: example-schedule-generated-procedure
InstanceOf: MediwoxSchedule
Title: "Schedule of one visit type: one-hour procedures"
Description: "Generated from the role's Tuesday afternoon, the hours whose availability-service-type is Procedure: one-hour Slots, serviceType Procedure."
Usage: #example
* meta.tag = https://mediwox.org/fhir/CodeSystem/schedule-management#generated "Generated from availability"
* active = true
* actor[0] = Reference(example-practitioner-role-visit-types)
* actor[+] = Reference(example-location-madrid)
* serviceType = $sct#71388002 "Procedure"
* specialty = $sct#394582007 "Dermatology"
* extension[0].url = "https://mediwox.org/fhir/StructureDefinition/slot-length"
* extension[=].valueDuration = 1 'h' "hour"
