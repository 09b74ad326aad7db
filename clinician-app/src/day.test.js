import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  changedMeanwhile,
  dayOf,
  dayWindow,
  groupDay,
  myDayQuery,
  startOfDay,
  statusChange,
} from './day.js';

const NY = 'America/New_York';
const appointment = (id, start, status = 'booked', patient = '1', extra = {}) => ({
  resource: {
    resourceType: 'Appointment',
    id,
    meta: { versionId: '3' },
    status,
    start,
    end: start,
    participant: [{ actor: { reference: `Patient/${patient}` } }, { actor: { reference: 'PractitionerRole/9' } }],
    ...extra,
  },
});
const patient = (id, given, family) => ({
  resource: { resourceType: 'Patient', id, name: [{ given: [given], family }] },
});

describe('day grouping', () => {
  it('finds the clinic day of an instant, across midnight UTC', () => {
    expect(dayOf('2026-12-05T03:00:00Z', NY)).toBe('2026-12-04');
    expect(dayOf('2026-12-05T06:00:00Z', NY)).toBe('2026-12-05');
  });

  it('starts days at the clinic midnight, DST included', () => {
    expect(startOfDay('2026-12-05', NY).toISOString()).toBe('2026-12-05T05:00:00.000Z');
    expect(startOfDay('2026-07-01', NY).toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(startOfDay('2026-03-08', NY).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', NY).toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('searches today and the next six days of the practitioner roles, patients included', () => {
    const window = dayWindow(new Date('2026-12-05T15:00:00Z'), NY);
    expect(window.today).toBe('2026-12-05');
    expect(window.to.toISOString()).toBe('2026-12-12T05:00:00.000Z');
    const request = myDayQuery(['9', '10'], window);
    expect(request.headers).toEqual({ 'Cache-Control': 'no-cache' });
    const query = decodeURIComponent(request.url);
    expect(query).toContain('actor=PractitionerRole/9,PractitionerRole/10');
    expect(query).toContain('date=ge2026-12-05T05:00:00.000Z&date=lt2026-12-12T05:00:00.000Z');
    expect(query).toContain('_include=Appointment:patient');
  });

  it('groups today and the week by day, times in order, without cancelled ones or holds', () => {
    const bundle = {
      entry: [
        appointment('c', '2026-12-07T15:00:00Z'),
        appointment('b', '2026-12-05T19:00:00Z', 'arrived', '2'),
        appointment('a', '2026-12-05T14:00:00Z', 'booked', '1', { reasonCode: [{ text: 'Cough' }] }),
        appointment('x', '2026-12-05T16:00:00Z', 'cancelled'),
        appointment('h', '2026-12-05T17:00:00Z', 'pending'),
        appointment('d', '2026-12-06T04:30:00Z'),
        patient('1', 'Emily', 'Chen'),
        patient('2', 'Ana', 'García'),
      ],
    };
    const day = groupDay(bundle, new Date('2026-12-05T12:00:00Z'), NY);
    // 04:30 UTC on the 6th is still the 5th in New York
    expect(day.today.map((e) => e.id)).toEqual(['a', 'b', 'd']);
    expect(day.today[0]).toMatchObject({ patientName: 'Emily Chen', reason: 'Cough', version: '3', patientId: '1' });
    expect(day.today[1].patientName).toBe('Ana García');
    expect(day.week.map((d) => d.day)).toEqual(['2026-12-07']);
    const later = groupDay(bundle, new Date('2026-12-04T12:00:00Z'), NY);
    expect(later.week.map((d) => d.day)).toEqual(['2026-12-05', '2026-12-07']);
    expect(later.week[0].appointments.map((e) => e.id)).toEqual(['a', 'b', 'd']);
  });

  it("carries what the payer said of each visit (cards, CRD's coverage information)", () => {
    const extension = [
      {
        url: 'https://mediwox.org/fhir/StructureDefinition/payer-card',
        extension: [
          { url: 'summary', valueString: 'Not covered at this location' },
          { url: 'indicator', valueCode: 'critical' },
          { url: 'source', valueString: 'Test Payer' },
        ],
      },
      {
        url: 'http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information',
        extension: [{ url: 'covered', valueCode: 'not-covered' }],
      },
    ];
    const bundle = { entry: [appointment('a', '2026-12-05T14:00:00Z', 'booked', '1', { extension })] };
    const [entry] = groupDay(bundle, new Date('2026-12-05T12:00:00Z'), NY).today;
    expect(entry.payer.cards.map((c) => [c.indicator, c.summary])).toEqual([
      ['critical', 'Not covered at this location'],
    ]);
    expect(entry.payer.coverage.map((c) => c.covered)).toEqual(['not-covered']);
  });
});

describe('status transitions', () => {
  it('allows arrived and no-show for booked, fulfilled after arrival, nothing else', () => {
    expect(allowedActions('booked')).toEqual(['arrived', 'noshow']);
    expect(allowedActions('arrived')).toEqual(['fulfilled']);
    expect(allowedActions('checked-in')).toEqual(['fulfilled']);
    for (const status of ['fulfilled', 'noshow', 'cancelled', 'pending', 'proposed']) {
      expect(allowedActions(status)).toEqual([]);
    }
  });

  it('patches /status with If-Match on the version seen', () => {
    const request = statusChange({ id: '5', status: 'booked', version: '3' }, 'arrived');
    expect(request).toEqual({
      url: 'Appointment/5',
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json', 'If-Match': 'W/"3"' },
      body: '[{"op":"replace","path":"/status","value":"arrived"}]',
    });
  });

  it('refuses a change the rules do not allow before sending it', () => {
    expect(() => statusChange({ id: '5', status: 'noshow', version: '3' }, 'arrived')).toThrow();
    expect(() => statusChange({ id: '5', status: 'booked', version: '3' }, 'fulfilled')).toThrow();
  });

  it('knows a change meanwhile by 409 or 412', () => {
    expect(changedMeanwhile({ status: 412 })).toBe(true);
    expect(changedMeanwhile({ message: '409 Conflict\n\n{}' })).toBe(true);
    expect(changedMeanwhile({ status: 500 })).toBe(false);
  });
});
