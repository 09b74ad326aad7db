// Test fixtures shaped as the server writes them.

export const rotationText =
  'Rotation turn 11 of pool specialty=http://snomed.info/sct|394814009;visit-type=;location=1030 (5 providers, ' +
  'position 2): assigned PractitionerRole/5 (Dr. Amelia Chen), 1 provider(s) later in rotation';

/** A rotation booking's assignment-explanation: the provider at position 2 had no free time, the next one was booked. */
export const rotationExplanation = {
  url: 'https://mediwox.org/fhir/StructureDefinition/assignment-explanation',
  extension: [
    { url: 'method', valueCode: 'rotation' },
    { url: 'pool', valueString: 'specialty=http://snomed.info/sct|394814009;visit-type=;location=1030' },
    { url: 'poolSize', valueInteger: 5 },
    { url: 'turn', valueInteger: 11 },
    { url: 'position', valueInteger: 2 },
    { url: 'assigned', valueReference: { reference: 'PractitionerRole/5', display: 'Dr. Amelia Chen' } },
    {
      url: 'skipped',
      extension: [
        { url: 'provider', valueReference: { reference: 'PractitionerRole/4' } },
        { url: 'reason', valueCode: 'no-free-slot' },
      ],
    },
    {
      url: 'skipped',
      extension: [
        { url: 'provider', valueReference: { reference: 'PractitionerRole/5' } },
        { url: 'reason', valueCode: 'patient-busy' },
        { url: 'slot', valueReference: { reference: 'Slot/77' } },
      ],
    },
    { url: 'text', valueString: rotationText },
  ],
};
