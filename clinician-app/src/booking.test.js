import { describe, expect, it } from 'vitest';
import {
  bookingResult,
  bookParameters,
  directory,
  errorMessage,
  explanation,
  findParameters,
  proposals,
  refusalCode,
  upcoming,
  whyText,
} from './booking.js';
import { bannerOf } from './banner.js';

const EXPLANATION = 'https://mediwox.org/fhir/StructureDefinition/assignment-explanation';
const explained = (method, poolSize, skipped = []) => ({
  resourceType: 'Appointment',
  id: '40',
  status: 'booked',
  start: '2026-12-07T14:00:00Z',
  participant: [{ actor: { reference: 'PractitionerRole/9', display: 'Dr. Amara Okafor' } }],
  extension: [
    {
      url: EXPLANATION,
      extension: [
        { url: 'method', valueCode: method },
        { url: 'pool', valueString: 'specialty=http://snomed.info/sct|394814009' },
        { url: 'poolSize', valueInteger: poolSize },
        { url: 'turn', valueInteger: 12 },
        ...skipped.map((s) => ({
          url: 'skipped',
          extension: [
            { url: 'provider', valueReference: { reference: s } },
            { url: 'reason', valueCode: 'no-free-slot' },
          ],
        })),
        { url: 'text', valueString: 'An English sentence the app must not show in Spanish' },
      ],
    },
  ],
});
const refusal = (status, code) => ({
  status,
  message: `${status} Conflict\n\n${JSON.stringify({
    resourceType: 'Bundle',
    entry: [
      {
        resource: {
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'conflict',
              diagnostics: 'HAPI-0000: some words',
              details: { coding: [{ system: 'https://mediwox.org/fhir/CodeSystem/booking-refusal', code }] },
            },
          ],
        },
      },
    ],
  })}`,
});

describe('booking parameters', () => {
  it('books into a pool by specialty, urgent, as a reschedule', () => {
    const p = bookParameters({
      patientId: '4',
      specialty: 'http://snomed.info/sct|394814009',
      urgent: true,
      replaces: '7',
    });
    expect(p.parameter).toEqual([
      { name: 'patient-reference', valueReference: { reference: 'Patient/4' } },
      { name: 'specialty', valueString: 'http://snomed.info/sct|394814009' },
      { name: 'priority', valueString: 'urgent' },
      { name: 'cancelled-appt-id', valueString: '7' },
    ]);
  });

  it('books a proposal of $find by its id', () => {
    const p = bookParameters({ patientId: '4', proposalId: 'p1' });
    expect(p.parameter[1]).toEqual({ name: 'appointment-reference', valueReference: { reference: 'Appointment/p1' } });
    expect(p.parameter[2]).toEqual({ name: 'priority', valueString: 'routine' });
  });

  it('refuses a booking without a patient', () => {
    expect(() => bookParameters({ specialty: 'x|y' })).toThrow();
  });

  it('finds one practitioner’s times for the patient', () => {
    const p = findParameters({
      patientId: '4',
      specialty: 's|c',
      practitioner: 'Practitioner/3',
      from: new Date('2026-12-05T00:00:00Z'),
    });
    expect(p.parameter).toContainEqual({ name: 'practitioner', valueReference: { reference: 'Practitioner/3' } });
    expect(p.parameter).toContainEqual({ name: 'end', valueDateTime: '2026-12-19T00:00:00.000Z' });
  });

  it('reads proposals earliest first with the provider', () => {
    const answer = {
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'Appointment', id: 'b', start: '2026-12-08T14:00:00Z', participant: [] } },
        { resource: explained('rotation', 5) },
      ],
    };
    expect(proposals(answer).map((p) => [p.id, p.provider])).toEqual([
      ['40', 'Dr. Amara Okafor'],
      ['b', null],
    ]);
  });
});

describe('the explanation in the clinician’s language', () => {
  it('says whose turn it was among how many, from the values', () => {
    const why = explanation(explained('rotation', 5));
    expect(why).toMatchObject({ method: 'rotation', poolSize: 5, turn: 12 });
    expect(whyText(why, 'Dr. Amara Okafor', 'en')).toBe(
      'Dr. Amara Okafor was next in turn among the 5 providers of this pool.',
    );
    expect(whyText(why, 'Dra. Amara Okafor', 'es')).toBe(
      'Era el turno de Dra. Amara Okafor entre los 5 profesionales de este grupo.',
    );
  });

  it('says when providers before had no free time', () => {
    const why = explanation(explained('rotation', 5, ['PractitionerRole/1']));
    expect(whyText(why, 'Dr. X', 'en')).toContain('the providers before had none');
    expect(whyText(why, 'Dr. X', 'es')).toContain('los anteriores no tenían');
  });

  it('says urgent, or the provider chosen, and never the server’s sentence', () => {
    expect(whyText(explanation(explained('urgent-earliest', 5)), 'Dr. X', 'es')).toMatch(/^Urgente/);
    expect(whyText(null, 'Dr. X', 'en')).toBe('Chosen by you: Dr. X.');
    expect(whyText(explanation(explained('rotation', 5)), 'Dr. X', 'es')).not.toContain('English');
  });

  it('reads the booked and the replaced appointment of $book', () => {
    const answer = {
      resourceType: 'Bundle',
      entry: [
        { resource: explained('rotation', 5) },
        { resource: { resourceType: 'Appointment', status: 'cancelled' } },
      ],
    };
    const result = bookingResult(answer);
    expect(result.booked.id).toBe('40');
    expect(result.replaced.status).toBe('cancelled');
    expect(result.why.poolSize).toBe(5);
    expect(result.payer).toEqual({ cards: [], coverage: [], pending: false });
  });

  it("says when $book's answer has the payer's answer still to come", () => {
    const answer = {
      resourceType: 'Bundle',
      entry: [
        { resource: explained('rotation', 5) },
        {
          resource: {
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'warning',
                code: 'timeout',
                details: {
                  coding: [{ system: 'https://mediwox.org/fhir/CodeSystem/payer-check-status', code: 'pending' }],
                },
              },
            ],
          },
        },
      ],
    };
    expect(bookingResult(answer).payer.pending).toBe(true);
  });
});

describe('refusal messages', () => {
  it('says each refusal code in English and Spanish', () => {
    expect(errorMessage(refusal(409, 'patient-busy'), 'en')).toBe('The patient already has an appointment then.');
    expect(errorMessage(refusal(409, 'patient-busy'), 'es')).toBe('El paciente ya tiene una cita a esa hora.');
    expect(errorMessage(refusal(409, 'slot-taken'), 'en')).toBe('That time has just been taken. Choose another one.');
    expect(errorMessage(refusal(422, 'no-capacity'), 'es')).toMatch(/^Ningún profesional/);
  });

  it('reads the code from a Bundle or an OperationOutcome, and ignores unknown codes', () => {
    const body = JSON.parse(refusal(409, 'provider-busy').message.split('\n\n')[1]);
    expect(refusalCode(body)).toBe('provider-busy');
    expect(refusalCode(body.entry[0].resource)).toBe('provider-busy');
    expect(refusalCode(JSON.parse(refusal(409, 'something-new').message.split('\n\n')[1]))).toBeNull();
  });

  it('falls back to taken, offline, server trouble, not allowed, then the diagnostics without HAPI numbers', () => {
    expect(errorMessage(refusal(409, 'something-new'), 'en')).toBe('Someone else has just taken it.');
    expect(errorMessage(new Error('Failed to fetch'), 'es')).toMatch(/^No se puede conectar/);
    expect(errorMessage({ status: 502, message: '502 Bad Gateway\n\n<html>' }, 'en')).toMatch(/had a problem/);
    expect(errorMessage({ status: 403, message: '403 Forbidden' }, 'en')).toBe(
      'This is not available to your account.',
    );
    const bad = {
      status: 400,
      message: `400 Bad Request\n\n${JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ diagnostics: 'HAPI-1: bad date' }] })}`,
    };
    expect(errorMessage(bad, 'en')).toBe('bad date');
  });
});

describe('directory, the patient’s appointments and the banner', () => {
  it('lists kinds of visit and providers of active roles', () => {
    const roles = {
      entry: [
        {
          resource: {
            resourceType: 'PractitionerRole',
            id: '9',
            practitioner: { reference: 'Practitioner/3', display: 'Dr. Amara Okafor' },
            specialty: [{ coding: [{ system: 's', code: 'gp', display: 'General practice' }] }],
          },
        },
        { resource: { resourceType: 'PractitionerRole', id: '10', active: false, specialty: [] } },
      ],
    };
    const d = directory(roles);
    expect(d.kinds).toEqual([{ token: 's|gp', name: 'General practice' }]);
    expect(d.providers).toEqual([
      { practitioner: 'Practitioner/3', role: 'PractitionerRole/9', name: 'Dr. Amara Okafor', kinds: ['s|gp'] },
    ]);
  });

  it('lists upcoming active appointments only', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    const a = (id, status, start) => ({ resource: { resourceType: 'Appointment', id, status, start, end: start } });
    const list = upcoming(
      {
        entry: [
          a('2', 'booked', '2026-12-09T10:00:00Z'),
          a('1', 'booked', '2026-12-07T10:00:00Z'),
          a('x', 'cancelled', '2026-12-08T10:00:00Z'),
          a('h', 'pending', '2026-12-08T10:00:00Z'),
          a('p', 'booked', '2026-12-01T10:00:00Z'),
        ],
      },
      now,
    );
    expect(list.map((x) => x.id)).toEqual(['1', '2']);
  });

  it('shows name, birth date, gender and identifier', () => {
    expect(
      bannerOf({
        resourceType: 'Patient',
        id: '4',
        name: [{ given: ['Emily'], family: 'Chen' }],
        birthDate: '1991-07-13',
        gender: 'female',
        identifier: [{ system: 'https://mediwox.org/fhir/demo', value: 'patient-4' }],
      }),
    ).toEqual({ id: '4', name: 'Emily Chen', birthDate: '1991-07-13', gender: 'female', identifier: 'patient-4' });
  });
});
