import { describe, expect, it } from 'vitest';
import {
  addDays,
  groupByDay,
  languageChoices,
  lastProvider,
  offeredTimes,
  overlaps,
  sameKindSameDay,
  statusKey,
  stepWeek,
  weekWindow,
} from './schedule.js';

const GP = 'http://snomed.info/sct|394814009';
const gp = [{ coding: [{ system: 'http://snomed.info/sct', code: '394814009' }] }];
const proposal = (start, provider, id, minutes = 30) => ({
  id,
  start,
  end: new Date(new Date(start).getTime() + minutes * 6e4).toISOString(),
  provider,
  providerRef: `PractitionerRole/${provider}`,
  place: 'Main',
  locationId: 'm',
});

describe('free times offered', () => {
  it('offers each time and place once with every provider free then, earliest first', () => {
    const times = offeredTimes([
      proposal('2026-12-01T15:00:00.000Z', 'C', 'p3'),
      proposal('2026-12-01T14:00:00.000Z', 'A', 'p1'),
      proposal('2026-12-01T14:00:00.000Z', 'B', 'p2'),
    ]);
    expect(times.map((t) => t.start)).toEqual(['2026-12-01T14:00:00.000Z', '2026-12-01T15:00:00.000Z']);
    expect(times[0].providers).toEqual([
      { name: 'A', reference: 'PractitionerRole/A', proposalId: 'p1' },
      { name: 'B', reference: 'PractitionerRole/B', proposalId: 'p2' },
    ]);
  });

  it("never offers a time overlapping one of the patient's own active appointments", () => {
    const own = [
      { id: '1', status: 'booked', start: '2026-12-01T14:15:00Z', end: '2026-12-01T14:45:00Z' },
      { id: '2', status: 'cancelled', start: '2026-12-01T16:00:00Z', end: '2026-12-01T16:30:00Z' },
    ];
    const times = offeredTimes(
      [
        proposal('2026-12-01T14:00:00.000Z', 'A', 'p1'), // overlaps 14:15-14:45
        proposal('2026-12-01T14:30:00.000Z', 'B', 'p2'), // overlaps too
        proposal('2026-12-01T14:45:00.000Z', 'C', 'p3'), // starts when it ends: free
        proposal('2026-12-01T16:00:00.000Z', 'D', 'p4'), // a cancelled one holds no time
      ],
      own,
    );
    expect(times.map((t) => t.providers[0].name)).toEqual(['C', 'D']);
  });

  it('knows when intervals overlap (touching ends do not)', () => {
    const a = { start: '2026-12-01T14:00:00Z', end: '2026-12-01T14:30:00Z' };
    expect(overlaps(a, { start: '2026-12-01T14:29:00Z', end: '2026-12-01T15:00:00Z' })).toBe(true);
    expect(overlaps(a, { start: '2026-12-01T14:30:00Z', end: '2026-12-01T15:00:00Z' })).toBe(false);
    expect(overlaps(a, { start: '2026-12-01T13:00:00Z', end: '2026-12-01T16:00:00Z' })).toBe(true);
  });
});

describe('times by day', () => {
  it("groups by the day in the patient's zone, days in order", () => {
    const times = [
      { start: '2026-12-02T01:00:00Z' }, // still Dec 1 in New York
      { start: '2026-12-01T14:00:00Z' },
      { start: '2026-12-02T14:00:00Z' },
    ];
    const days = groupByDay(times, 'America/New_York');
    expect(days.map((d) => d.day)).toEqual(['2026-12-01', '2026-12-02']);
    expect(days[0].times).toHaveLength(2);
    expect(groupByDay(times, 'Europe/Madrid').map((d) => d.times.length)).toEqual([1, 2]);
  });
});

describe('a second visit of the same kind on the same day', () => {
  const own = [
    { id: '1', status: 'booked', specialty: gp, start: '2026-12-01T14:00:00Z', end: '2026-12-01T14:30:00Z' },
    { id: '2', status: 'cancelled', specialty: gp, start: '2026-12-02T14:00:00Z', end: '2026-12-02T14:30:00Z' },
  ];
  it('is noticed on the same day, not on another day, another kind or a cancelled one', () => {
    const zone = 'America/New_York';
    expect(sameKindSameDay({ start: '2026-12-01T20:00:00Z', specialty: GP, own, timeZone: zone })?.id).toBe('1');
    expect(sameKindSameDay({ start: '2026-12-02T15:00:00Z', specialty: GP, own, timeZone: zone })).toBeNull();
    expect(sameKindSameDay({ start: '2026-12-01T20:00:00Z', specialty: 'x|y', own, timeZone: zone })).toBeNull();
    // the appointment being moved is not a second one
    expect(sameKindSameDay({ start: '2026-12-01T20:00:00Z', specialty: GP, own, except: '1', timeZone: zone })).toBe(
      null,
    );
  });
});

describe('status in words', () => {
  const cancelled = (system, code) => ({ status: 'cancelled', cancelationReason: { coding: [{ system, code }] } });
  it('says Moved, Cancelled by you or by the clinic from the cancellation code', () => {
    const mediwox = 'https://mediwox.org/fhir/CodeSystem/cancellation-reason';
    const hl7 = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';
    expect(statusKey(cancelled(mediwox, 'rescheduled'))).toBe('status.moved');
    expect(statusKey(cancelled(mediwox, 'hold-expired'))).toBe('status.holdExpired');
    expect(statusKey(cancelled(hl7, 'pat-fb'))).toBe('status.cancelledByYou');
    expect(statusKey(cancelled(hl7, 'pat'))).toBe('status.cancelledByYou');
    expect(statusKey(cancelled(hl7, 'prov-pers'))).toBe('status.cancelledByClinic');
    expect(statusKey(cancelled(hl7, 'maint'))).toBe('status.cancelledByClinic');
    // text alone is never read
    expect(statusKey({ status: 'cancelled', cancelationReason: { text: 'Rescheduled' } })).toBe('status.cancelled');
    expect(statusKey({ status: 'booked' })).toBe('status.booked');
  });
});

describe('filters', () => {
  const visit = (id, start, status, role, specialty = gp) => ({
    resourceType: 'Appointment',
    id,
    start,
    end: start,
    status,
    specialty,
    participant: [{ actor: { reference: 'Patient/7' } }, { actor: { reference: `PractitionerRole/${role}` } }],
  });
  const now = new Date('2026-12-10T12:00:00Z');

  it('finds the doctor of the last visit of that kind: the latest past one, else the next upcoming', () => {
    const derm = [{ coding: [{ system: 'http://snomed.info/sct', code: '394582007' }] }];
    const visits = [
      visit('1', '2026-11-01T14:00:00Z', 'fulfilled', 'old'),
      visit('2', '2026-12-01T14:00:00Z', 'booked', 'recent'),
      visit('3', '2026-12-05T14:00:00Z', 'cancelled', 'cancelled'),
      visit('4', '2026-12-06T14:00:00Z', 'booked', 'skin', derm),
      visit('5', '2026-12-20T14:00:00Z', 'booked', 'coming'),
    ];
    expect(lastProvider(visits, GP, now)).toBe('PractitionerRole/recent');
    expect(lastProvider(visits.slice(2), GP, now)).toBe('PractitionerRole/coming');
    expect(lastProvider([visits[2]], GP, now)).toBeNull();
    expect(lastProvider(undefined, GP, now)).toBeNull();
  });

  it("offers each provider's time on its own when the patient chooses providers by language", () => {
    const proposed = [proposal('2026-12-01T14:00:00.000Z', 'A', 'p1'), proposal('2026-12-01T14:00:00.000Z', 'B', 'p2')];
    expect(offeredTimes(proposed)).toHaveLength(1);
    const apart = offeredTimes(proposed, [], { perProvider: true });
    expect(apart.map((t) => t.providers.map((p) => p.proposalId))).toEqual([['p1'], ['p2']]);
  });

  it("names the languages spoken once each, in the patient's language, sorted by name", () => {
    const roles = [{ languages: ['es', 'en'] }, { languages: ['en', 'de'] }, {}];
    expect(languageChoices(roles, 'en')).toEqual([
      { code: 'en', name: 'English' },
      { code: 'de', name: 'German' },
      { code: 'es', name: 'Spanish' },
    ]);
    expect(languageChoices(roles, 'es').map((l) => l.name)).toEqual(['Alemán', 'Español', 'Inglés']);
  });
});

describe('week of free times', () => {
  // 10:30 on Saturday 5 December 2026 in the browser's zone, whatever zone the tests run in
  const now = new Date(2026, 11, 5, 10, 30);

  it('is this week from now on by default, seven days, the window ending at midnight after the seventh day', () => {
    const week = weekWindow(null, now);
    expect(week).toEqual({
      first: '2026-12-05',
      last: '2026-12-11',
      start: now,
      end: new Date(2026, 11, 12),
      current: true,
    });
    // a day before today is today: times in the past are never asked for
    expect(weekWindow('2026-11-20', now)).toEqual(week);
  });

  it('starts a chosen later day at its midnight', () => {
    expect(weekWindow('2027-01-30', now)).toEqual({
      first: '2027-01-30',
      last: '2027-02-05',
      start: new Date(2027, 0, 30),
      end: new Date(2027, 1, 6),
      current: false,
    });
  });

  it('steps a week forward and back, never before today', () => {
    expect(stepWeek(null, 1, now)).toBe('2026-12-12');
    expect(stepWeek('2026-12-12', 1, now)).toBe('2026-12-19');
    expect(stepWeek('2026-12-19', -1, now)).toBe('2026-12-12');
    expect(stepWeek('2026-12-08', -1, now)).toBe('2026-12-05');
    expect(stepWeek(null, -1, now)).toBe('2026-12-05');
    // across a month, a year and a leap day
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
    expect(addDays('2028-02-26', 7)).toBe('2028-03-04');
    expect(addDays('2028-03-04', -7)).toBe('2028-02-26');
  });
});
