import { describe, expect, it } from 'vitest';
import {
  deepLinkQuery,
  keepDeepLink,
  parseDeepLink,
  resolveDeepLink,
  slotOpen,
  slotTarget,
  takeDeepLink,
  withoutDeepLink,
} from './deeplink.js';
import { directory, GENERAL_PRACTICE } from './booking.js';

/** Session storage as the browser's: strings by key. */
function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
  };
}

const LINK = 'https://clinic.example/app/?slot=123&source=finder-abc&booking-referral=34d1a803';

describe('the booking deep link in the address', () => {
  it('reads the Slot and what a slot finder may add, as the specification names them', () => {
    expect(parseDeepLink(LINK)).toEqual({ slot: '123', source: 'finder-abc', bookingReferral: '34d1a803' });
    expect(parseDeepLink('https://clinic.example/app/?slot=a-1.b')).toEqual({
      slot: 'a-1.b',
      source: null,
      bookingReferral: null,
    });
  });

  it('ignores an address without a Slot, and a Slot id that cannot be a FHIR id (never sent to the server)', () => {
    expect(parseDeepLink('https://clinic.example/app/')).toBeNull();
    expect(parseDeepLink('https://clinic.example/app/?source=finder')).toBeNull();
    expect(parseDeepLink('https://clinic.example/app/?slot=')).toBeNull();
    expect(parseDeepLink('https://clinic.example/app/?slot=1/_history/2')).toBeNull();
    expect(parseDeepLink('https://clinic.example/app/?slot=..%2FPatient%2F4')).toBeNull();
    expect(parseDeepLink(`https://clinic.example/app/?slot=${'a'.repeat(65)}`)).toBeNull();
  });

  it('carries the link on to the launch, and leaves the address without it once taken', () => {
    const link = parseDeepLink(LINK);
    expect(parseDeepLink(`https://clinic.example/app/launch.html${deepLinkQuery(link)}`)).toEqual(link);
    expect(deepLinkQuery(null)).toBe('');
    expect(withoutDeepLink(`${LINK}&lang=es#/book`)).toBe('https://clinic.example/app/?lang=es#/book');
  });
});

describe('the deep link through the sign-in', () => {
  it('is kept before the launch and taken once after it, with what the slot finder added', () => {
    const session = memoryStorage();
    expect(keepDeepLink(`https://127.0.0.1:8080/app/launch.html?slot=123&source=finder-abc`, session)).toBe(true);
    // back from the authorization server: /app/ without the link
    const back = 'https://127.0.0.1:8080/app/';
    expect(takeDeepLink(back, session)).toEqual({ slot: '123', source: 'finder-abc', bookingReferral: null });
    expect(takeDeepLink(back, session)).toBeNull();
  });

  it('prefers the address when the patient was signed in already, and forgets what was kept', () => {
    const session = memoryStorage();
    keepDeepLink('https://clinic.example/app/launch.html?slot=1', session);
    expect(takeDeepLink('https://clinic.example/app/?slot=2', session).slot).toBe('2');
    expect(takeDeepLink('https://clinic.example/app/', session)).toBeNull();
  });

  it('keeps nothing without a link, and drops a kept value that is not a link', () => {
    const session = memoryStorage();
    expect(keepDeepLink('https://clinic.example/app/launch.html', session)).toBe(false);
    expect(takeDeepLink('https://clinic.example/app/', session)).toBeNull();
    session.setItem('mediwox.deepLink', '{not json');
    expect(takeDeepLink('https://clinic.example/app/', session)).toBeNull();
    session.setItem('mediwox.deepLink', JSON.stringify({ slot: '../Patient/4' }));
    expect(takeDeepLink('https://clinic.example/app/', session)).toBeNull();
    expect(session.getItem('mediwox.deepLink')).toBeNull();
  });
});

const DERMATOLOGY = 'http://snomed.info/sct|394582007';
const clinic = directory({
  entry: [
    {
      resource: {
        resourceType: 'PractitionerRole',
        id: '5',
        practitioner: { display: 'Dr. Amara Okafor' },
        specialty: [{ coding: [{ system: 'http://snomed.info/sct', code: '394814009' }] }],
        location: [{ reference: 'Location/7' }],
      },
    },
    {
      resource: {
        resourceType: 'PractitionerRole',
        id: '6',
        practitioner: { display: 'Dr. Luis Fernández' },
        specialty: [{ coding: [{ system: 'http://snomed.info/sct', code: '394582007' }] }],
        location: [{ reference: 'Location/7' }, { reference: 'Location/8' }],
      },
    },
    { resource: { resourceType: 'Location', id: '7', name: 'Mediwox Main Street' } },
    { resource: { resourceType: 'Location', id: '8', name: 'Mediwox North' } },
  ],
});
const schedule = (actors, extra = {}) => ({
  resourceType: 'Schedule',
  id: '40',
  actor: actors.map((reference) => ({ reference })),
  ...extra,
});

describe('what the linked Slot is for', () => {
  it('takes the provider and place from its Schedule, and the kind of visit the clinic books by', () => {
    const slot = { specialty: [{ coding: [{ system: 'http://snomed.info/sct', code: '394814009' }] }] };
    expect(slotTarget(slot, schedule(['PractitionerRole/5', 'Location/7']), clinic)).toEqual({
      roleRef: 'PractitionerRole/5',
      locationId: '7',
      specialty: GENERAL_PRACTICE,
    });
  });

  it("falls back to the role's only place and specialty; a role at two places names none", () => {
    expect(slotTarget({}, schedule(['PractitionerRole/5']), clinic)).toEqual({
      roleRef: 'PractitionerRole/5',
      locationId: '7',
      specialty: GENERAL_PRACTICE,
    });
    expect(slotTarget({}, schedule(['PractitionerRole/6']), clinic)).toEqual({
      roleRef: 'PractitionerRole/6',
      locationId: null,
      specialty: DERMATOLOGY,
    });
  });

  it('skips a kind of visit the clinic does not offer, and knows nothing without a Schedule', () => {
    const slot = { specialty: [{ coding: [{ system: 'http://example.org/other', code: 'x' }] }] };
    expect(slotTarget(slot, schedule(['PractitionerRole/6']), clinic).specialty).toBe(DERMATOLOGY);
    expect(slotTarget(slot, null, clinic)).toEqual({ roleRef: null, locationId: null, specialty: null });
  });

  it('is open only while free and not begun', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    expect(slotOpen({ status: 'free', start: '2026-12-05T12:30:00Z' }, now)).toBe(true);
    expect(slotOpen({ status: 'free', start: '2026-12-05T12:00:00Z' }, now)).toBe(false);
    for (const status of ['busy', 'busy-tentative', 'busy-unavailable', 'entered-in-error'])
      expect(slotOpen({ status, start: '2026-12-06T09:00:00Z' }, now)).toBe(false);
    expect(slotOpen(null, now)).toBe(false);
  });
});

const NOW = new Date('2026-12-05T12:00:00Z');
const SLOT = {
  resourceType: 'Slot',
  id: '123',
  status: 'free',
  schedule: { reference: 'Schedule/40' },
  start: '2026-12-07T14:00:00Z',
  end: '2026-12-07T14:30:00Z',
};
const proposal = (slot, id) => ({
  resourceType: 'Appointment',
  id,
  status: 'proposed',
  start: SLOT.start,
  end: SLOT.end,
  slot: [{ reference: `Slot/${slot}` }],
  participant: [
    { actor: { reference: 'PractitionerRole/5', display: 'Dr. Amara Okafor' } },
    { actor: { reference: 'Location/7', display: 'Mediwox Main Street' } },
  ],
});

/** A client that answers as the server would, and records what was asked. */
function fakeClient({ slot = SLOT, found = [proposal('123', 'proposal-abc')], slotStatus } = {}) {
  const asked = [];
  return {
    asked,
    async request(request) {
      asked.push(request);
      const url = typeof request === 'string' ? request : request.url;
      if (url.startsWith('Slot/')) {
        if (slotStatus) throw Object.assign(new Error(`${slotStatus} Not Found`), { status: slotStatus });
        return slot;
      }
      if (url === 'Schedule/40') return schedule(['PractitionerRole/5', 'Location/7']);
      if (url === 'Appointment/$find')
        return { resourceType: 'Bundle', type: 'searchset', entry: found.map((resource) => ({ resource })) };
      throw new Error(`unexpected request ${url}`);
    },
  };
}

describe('opening the linked Slot', () => {
  it("opens the review of exactly that time, booked by $find's proposal of it for this patient", async () => {
    const client = fakeClient({ found: [proposal('99', 'other'), proposal('123', 'proposal-abc')] });
    const found = await resolveDeepLink(client, { slotId: '123', patientId: '4', clinic, now: NOW });

    expect(found.state).toBe('open');
    expect(found.time).toMatchObject({
      start: SLOT.start,
      end: SLOT.end,
      locationId: '7',
      providers: [{ reference: 'PractitionerRole/5', name: 'Dr. Amara Okafor', proposalId: 'proposal-abc' }],
    });
    const find = client.asked.find((r) => r.url === 'Appointment/$find');
    const parameters = JSON.parse(find.body).parameter;
    const value = (name) => parameters.filter((p) => p.name === name).map((p) => p.valueString ?? p.valueDateTime);
    const reference = (name) => parameters.filter((p) => p.name === name).map((p) => p.valueReference.reference);
    expect(value('start')).toEqual(['2026-12-07T14:00:00.000Z']);
    expect(value('end')).toEqual(['2026-12-07T14:30:00.000Z']);
    expect(value('specialty')).toEqual([GENERAL_PRACTICE]);
    expect(reference('practitioner')).toEqual(['PractitionerRole/5']);
    expect(reference('location-reference')).toEqual(['Location/7']);
    expect(reference('patient-reference')).toEqual(['Patient/4']);
  });

  it('says taken, with its kind of visit and place, for a Slot held, booked or closed — without asking $find', async () => {
    for (const status of ['busy', 'busy-tentative', 'busy-unavailable']) {
      const client = fakeClient({ slot: { ...SLOT, status } });
      const found = await resolveDeepLink(client, { slotId: '123', patientId: '4', clinic, now: NOW });
      expect(found).toEqual({
        state: 'taken',
        start: SLOT.start,
        target: { roleRef: 'PractitionerRole/5', locationId: '7', specialty: GENERAL_PRACTICE },
      });
      expect(client.asked.some((r) => r.url === 'Appointment/$find')).toBe(false);
    }
  });

  it('says taken for a time that has begun, and for a free Slot $find does not offer this patient', async () => {
    const past = await resolveDeepLink(fakeClient(), {
      slotId: '123',
      patientId: '4',
      clinic,
      now: new Date('2026-12-07T14:00:00Z'),
    });
    expect(past.state).toBe('taken');
    // e.g. the patient has another appointment then, or it was held a moment ago
    const notOffered = await resolveDeepLink(fakeClient({ found: [proposal('99', 'other')] }), {
      slotId: '123',
      patientId: '4',
      clinic,
      now: NOW,
    });
    expect(notOffered.state).toBe('taken');
  });

  it('leaves out a proposal at a time the patient already has, as the time lists do', async () => {
    const own = [{ resourceType: 'Appointment', status: 'booked', start: SLOT.start, end: SLOT.end }];
    const found = await resolveDeepLink(fakeClient(), { slotId: '123', patientId: '4', clinic, own, now: NOW });
    expect(found.state).toBe('taken');
  });

  it('says unknown for a Slot the server does not have (404, 410), and lets other failures through', async () => {
    for (const status of [404, 410]) {
      const found = await resolveDeepLink(fakeClient({ slotStatus: status }), {
        slotId: '123',
        patientId: '4',
        clinic,
        now: NOW,
      });
      expect(found).toEqual({ state: 'unknown', target: null });
    }
    await expect(
      resolveDeepLink(fakeClient({ slotStatus: 503 }), { slotId: '123', patientId: '4', clinic, now: NOW }),
    ).rejects.toThrow('503');
  });
});
