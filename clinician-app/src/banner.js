// The patient banner an EHR launch asks for (need_patient_banner): who the open chart is, so that nobody books for the
// wrong patient.
import { personName } from './day.js';

/** Name, birth date, gender and the first identifier (its type's text or code, and value) of a Patient. */
export function bannerOf(patient) {
  if (!patient) return null;
  const identifier = (patient.identifier ?? []).find((i) => i.value) ?? null;
  return {
    id: patient.id,
    name: personName(patient) ?? `Patient/${patient.id}`,
    birthDate: patient.birthDate ?? null,
    gender: patient.gender ?? null,
    identifier: identifier ? identifier.value : null,
  };
}
