Alias: $fhir-types = http://hl7.org/fhir/fhir-types
Alias: $sct = http://snomed.info/sct
Alias: $loinc = http://loinc.org
Alias: $bcp47 = urn:ietf:bcp:47
Alias: $v3-ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
Alias: $demo = https://mediwox.org/fhir/demo
