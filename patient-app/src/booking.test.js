import { describe, expect, it } from 'vitest';
import { rotationExplanation, rotationText } from './test-fixtures.js';
import {
  explanation,
  idempotencyKeys,
  bookingResult,
  bookParameters,
  confirmParameters,
  holdResult,
  newIdempotencyKey,
  releasedBeforeBooking,
  releasedHold,
  participant,
  problem,
  splitAppointments,
} from './booking.js';

describe('$book request', () => {
  it('books into the pool of a specialty, routine unless urgent', () => {
    const body = bookParameters({ patientId: '7', specialty: 'http://snomed.info/sct|394814009', locationId: '3' });
    expect(body.parameter).toEqual([
      { name: 'patient-reference', valueReference: { reference: 'Patient/7' } },
      { name: 'specialty', valueString: 'http://snomed.info/sct|394814009' },
      { name: 'location-reference', valueReference: { reference: 'Location/3' } },
      { name: 'priority', valueString: 'routine' },
    ]);
    const urgent = bookParameters({ patientId: '7', specialty: 's', urgent: true, replaces: '41' });
    expect(urgent.parameter).toContainEqual({ name: 'priority', valueString: 'urgent' });
    expect(urgent.parameter).toContainEqual({ name: 'cancelled-appt-id', valueString: '41' });
  });

  it('refuses to build a request without patient or specialty', () => {
    expect(() => bookParameters({ specialty: 's' })).toThrow('patientId');
    expect(() => bookParameters({ patientId: '7' })).toThrow('specialty');
  });

  it('keeps one idempotency key per tapped thing until a booking went through', () => {
    const keys = idempotencyKeys();
    const nine = keys.keyFor('09:00|Main');
    expect(keys.keyFor('09:00|Main')).toBe(nine);
    expect(keys.keyFor('09:30|Main')).not.toBe(nine);
    keys.clear();
    expect(keys.keyFor('09:00|Main')).not.toBe(nine);
  });

  it('makes a new idempotency key per booking attempt', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('$book answer', () => {
  const answer = {
    resourceType: 'Parameters',
    parameter: [
      {
        name: 'return',
        resource: {
          resourceType: 'Bundle',
          entry: [
            { resource: { resourceType: 'Appointment', id: '41', status: 'cancelled' } },
            {
              resource: {
                resourceType: 'Appointment',
                id: '42',
                status: 'booked',
                priority: 1,
                participant: [
                  { actor: { reference: 'Patient/7' } },
                  { actor: { reference: 'PractitionerRole/5', display: 'Dr. Amelia Chen' } },
                ],
              },
            },
          ],
        },
      },
      {
        name: 'outcome',
        resource: { resourceType: 'OperationOutcome', issue: [{ diagnostics: 'Urgent: earliest free slot.' }] },
      },
    ],
  };

  // the same answer as Mediwox gives it (IHE ITI-117): the searchset Bundle itself, the explanation as its outcome entry
  const bundleAnswer = {
    resourceType: 'Bundle',
    type: 'searchset',
    total: 1,
    entry: [
      { search: { mode: 'match' }, resource: answer.parameter[0].resource.entry[1].resource },
      { search: { mode: 'include' }, resource: answer.parameter[0].resource.entry[0].resource },
      { search: { mode: 'outcome' }, resource: answer.parameter[1].resource },
    ],
  };

  it('reads the IHE Bundle $book answers: the booked appointment, the one it replaced, why', () => {
    const result = bookingResult(bundleAnswer);
    expect(result.booked.id).toBe('42');
    expect(result.replaced.id).toBe('41');
    expect(result.why).toEqual({ text: 'Urgent: earliest free slot.' });
    expect(result.urgent).toBe(true);
  });

  it('reads the booked appointment, the one it replaced, why, and whether it is urgent', () => {
    const result = bookingResult(answer);
    expect(result.booked.id).toBe('42');
    expect(result.replaced.id).toBe('41');
    expect(result.why).toEqual({ text: 'Urgent: earliest free slot.' });
    expect(result.urgent).toBe(true);
    expect(participant(result.booked, 'PractitionerRole')).toBe('Dr. Amelia Chen');
    expect(participant(result.booked, 'Location')).toBeNull();
  });

  it("keeps the insurer's pending warning out of the explanation and says the answer is awaited", () => {
    const pending = structuredClone(answer);
    pending.parameter[1].resource.issue.push({
      severity: 'warning',
      code: 'timeout',
      details: { coding: [{ system: 'https://mediwox.org/fhir/CodeSystem/payer-check-status', code: 'pending' }] },
      diagnostics: 'Booked. The insurer did not answer in time; its check is retried in the background',
    });
    const result = bookingResult(pending);
    expect(result.why).toEqual({ text: 'Urgent: earliest free slot.' });
    expect(result.payer).toEqual({ cards: [], pending: true });
    expect(bookingResult(answer).payer).toEqual({ cards: [], pending: false });
  });

  it('explains a replayed booking (a retry) with the explanation kept on the Appointment', () => {
    const replay = structuredClone(answer);
    replay.parameter[0].resource.entry[1].resource.extension = [rotationExplanation];
    replay.parameter[1].resource.issue = [
      { diagnostics: 'Replayed: this Idempotency-Key already booked Appointment/42' },
    ];
    expect(bookingResult(replay)).toMatchObject({
      why: { method: 'rotation', poolSize: 5, position: 2, text: rotationText },
    });
  });

  it('reads every value of the structured explanation, skipped providers and Slots with their reasons', () => {
    expect(explanation({ extension: [rotationExplanation] })).toEqual({
      method: 'rotation',
      pool: 'specialty=http://snomed.info/sct|394814009;visit-type=;location=1030',
      poolSize: 5,
      turn: 11,
      position: 2,
      assigned: { reference: 'PractitionerRole/5', display: 'Dr. Amelia Chen' },
      skipped: [
        { provider: { reference: 'PractitionerRole/4' }, reason: 'no-free-slot', slot: null },
        { provider: { reference: 'PractitionerRole/5' }, reason: 'patient-busy', slot: { reference: 'Slot/77' } },
      ],
      text: rotationText,
    });
    expect(explanation({})).toBeNull();
  });

  it('reads an explanation stored before it had structure as its text alone', () => {
    const old = structuredClone(answer);
    old.parameter[0].resource.entry[1].resource.extension = [
      { url: 'https://mediwox.org/fhir/StructureDefinition/assignment-explanation', valueString: 'Rotation turn 3' },
    ];
    old.parameter[1].resource.issue = [];
    expect(bookingResult(old)).toMatchObject({ why: { text: 'Rotation turn 3' } });
  });

  it('shows what the server said when it refused', () => {
    expect(problem({ issue: [{ diagnostics: 'No free slot in the window' }] }, 'x')).toBe('No free slot in the window');
    expect(problem(undefined, 'Network error')).toBe('Network error');
    // a refused $book answers as IHE ITI-117: a Bundle holding only the OperationOutcome
    const refusal = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: 0,
      entry: [
        {
          resource: { resourceType: 'OperationOutcome', issue: [{ diagnostics: 'Slot 7 is already booked' }] },
          search: { mode: 'outcome' },
        },
      ],
    };
    expect(problem(refusal, 'x')).toBe('Slot 7 is already booked');
  });
});

describe('my appointments', () => {
  it('splits upcoming (earliest first) from past and cancelled (latest first)', () => {
    const at = (id, start, status = 'booked') => ({ resource: { resourceType: 'Appointment', id, start, status } });
    const bundle = {
      entry: [
        at('a', '2026-12-03T09:00:00Z'),
        at('b', '2026-12-02T09:00:00Z'),
        at('c', '2026-11-01T09:00:00Z'),
        at('d', '2026-12-05T09:00:00Z', 'cancelled'),
      ],
    };
    const { upcoming, past } = splitAppointments(bundle, new Date('2026-11-25T00:00:00Z'));
    expect(upcoming.map((a) => a.id)).toEqual(['b', 'a']);
    expect(past.map((a) => a.id)).toEqual(['d', 'c']);
  });
});

describe('booking one provider, with a reason, and paging', () => {
  it("books one provider's $find proposal by its id, keeping urgency and the move", async () => {
    const { bookParameters } = await import('./booking.js');
    const body = bookParameters({
      patientId: '7',
      specialty: 's',
      proposalId: 'p-1',
      urgent: true,
      replaces: '41',
      comment: 'Cough',
    });
    expect(body.parameter).toEqual([
      { name: 'patient-reference', valueReference: { reference: 'Patient/7' } },
      { name: 'appointment-reference', valueReference: { reference: 'Appointment/p-1' } },
      { name: 'priority', valueString: 'urgent' },
      { name: 'cancelled-appt-id', valueString: '41' },
      { name: 'comment', valueString: 'Cough' },
    ]);
    expect(bookParameters({ patientId: '7', specialty: 's', comment: 'Rash' }).parameter).toContainEqual({
      name: 'comment',
      valueString: 'Rash',
    });
  });

  it("follows $find's next link, and none on the last page", async () => {
    const { nextLink } = await import('./booking.js');
    const next = 'http://x/fhir/Appointment/$find?specialty=s&_count=60&page-offset=60';
    expect(
      nextLink({
        resourceType: 'Bundle',
        link: [
          { relation: 'self', url: 'a' },
          { relation: 'next', url: next },
        ],
      }),
    ).toBe(next);
    expect(nextLink({ resourceType: 'Bundle', link: [{ relation: 'self', url: 'a' }] })).toBeNull();
  });
});

const HOLD_EXPIRY = 'https://mediwox.org/fhir/StructureDefinition/hold-expiry';

/** A pool $hold's answer as the server gives it: the pending Appointment with its explanation and expiry. */
const heldAnswer = {
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [
    {
      search: { mode: 'match' },
      resource: {
        resourceType: 'Appointment',
        id: '91',
        meta: { versionId: '1' },
        status: 'pending',
        start: '2026-12-01T14:00:00Z',
        end: '2026-12-01T14:30:00Z',
        extension: [rotationExplanation, { url: HOLD_EXPIRY, valueInstant: '2026-11-30T10:10:00.000Z' }],
        participant: [
          { actor: { reference: 'Patient/7' }, status: 'tentative' },
          { actor: { reference: 'PractitionerRole/5' }, status: 'tentative' },
          { actor: { reference: 'Location/m' }, status: 'tentative' },
        ],
      },
    },
    {
      search: { mode: 'outcome' },
      resource: { resourceType: 'OperationOutcome', issue: [{ diagnostics: rotationText }] },
    },
  ],
};

describe('the pool hold', () => {
  it('reads exactly who and when was held, until when and why', () => {
    const held = holdResult(
      heldAnswer,
      new Map([
        ['PractitionerRole/5', 'Dr. Amelia Chen'],
        ['Location/m', 'Main'],
      ]),
    );
    expect(held).toMatchObject({
      provider: 'Dr. Amelia Chen',
      providerRef: 'PractitionerRole/5',
      place: 'Main',
      locationId: 'm',
      start: '2026-12-01T14:00:00Z',
      until: '2026-11-30T10:10:00.000Z',
    });
    expect(held.appointment.id).toBe('91');
    expect(held.why).toMatchObject({ method: 'rotation', poolSize: 5 });
    expect(holdResult({ resourceType: 'Bundle', entry: [] })).toBeNull();
  });

  it('confirms the hold by its id, with the visit reason, and nothing that would choose again', () => {
    expect(confirmParameters({ patientId: '7', heldId: '91', comment: 'A cough' }).parameter).toEqual([
      { name: 'appointment-reference', valueReference: { reference: 'Appointment/91' } },
      { name: 'patient-reference', valueReference: { reference: 'Patient/7' } },
      { name: 'comment', valueString: 'A cough' },
    ]);
    expect(confirmParameters({ patientId: '7', heldId: '91' }).parameter).toHaveLength(2);
  });

  it('releases a hold as cancelled with every participant declined, the rest as it was held', () => {
    const held = heldAnswer.entry[0].resource;
    const released = releasedHold(held);
    expect(released.status).toBe('cancelled');
    expect(released.participant.map((p) => p.status)).toEqual(['declined', 'declined', 'declined']);
    expect(released.id).toBe('91');
    expect(held.status).toBe('pending');
  });

  it('leaves holds released before booking out of My appointments, but lists a lapsed one', () => {
    const released = { ...releasedHold(heldAnswer.entry[0].resource) };
    const lapsed = {
      ...released,
      id: '92',
      cancelationReason: {
        coding: [{ system: 'https://mediwox.org/fhir/CodeSystem/cancellation-reason', code: 'hold-expired' }],
      },
    };
    const cancelledBooking = { resourceType: 'Appointment', id: '93', status: 'cancelled', start: released.start };
    expect(releasedBeforeBooking(released)).toBe(true);
    expect(releasedBeforeBooking(lapsed)).toBe(false);
    expect(releasedBeforeBooking(cancelledBooking)).toBe(false);
    expect(releasedBeforeBooking(heldAnswer.entry[0].resource)).toBe(false);
    const { past } = splitAppointments(
      { entry: [released, lapsed, cancelledBooking].map((resource) => ({ resource })) },
      new Date('2026-12-02T00:00:00Z'),
    );
    expect(past.map((a) => a.id).sort()).toEqual(['92', '93']);
  });
});
