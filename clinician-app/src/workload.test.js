import { describe, expect, it } from 'vitest';
import {
  fairnessOf,
  fairnessSentence,
  formatFigure,
  headline,
  isEmpty,
  measuresOf,
  poolName,
  reportsOf,
  series,
  tableRows,
  verdict,
  workloadError,
  workloadQuery,
} from './workload.js';

const MEASURES = 'https://mediwox.org/fhir/CodeSystem/workload-measure';
const code = (c) => ({ coding: [{ system: MEASURES, code: c }] });
const GP = 'specialty=http://snomed.info/sct|394814009;visit-type=;location=';

/** A count measure as WorkloadReport writes it: the whole period's population, a stratum per week bucket. */
function count(c, whole, perBucket = {}) {
  return {
    code: code(c),
    population: [{ code: code(c), count: whole }],
    stratifier: [
      {
        code: [code('period')],
        stratum: Object.entries(perBucket).map(([bucket, n]) => ({
          value: { text: bucket },
          population: [{ count: n }],
        })),
      },
    ],
  };
}

function score(c, whole, perBucket = {}, unit = 'min') {
  return {
    code: code(c),
    measureScore: { value: whole, unit },
    stratifier: [
      {
        code: [code('period')],
        stratum: Object.entries(perBucket).map(([bucket, v]) => ({
          value: { text: bucket },
          measureScore: { value: v, unit },
        })),
      },
    ],
  };
}

const total = {
  resourceType: 'MeasureReport',
  period: { start: '2026-11-09', end: '2026-12-06' },
  group: [
    count('booked', 10, { '2026-11-23': 4, '2026-11-30': 6 }),
    count('noshow', 1, { '2026-11-30': 1 }),
    count('cancelled-patient', 1, { '2026-11-23': 1 }),
    count('cancelled-clinic', 1, { '2026-11-30': 1 }),
    count('offered', 40, { '2026-11-23': 20, '2026-11-30': 20 }),
    score('lead-time-p50', 1440, { '2026-11-23': 2880, '2026-11-30': 60 }),
    score('lead-time-p90', 4320, { '2026-11-23': 4320, '2026-11-30': 90 }),
    score('utilisation', 0.2375, { '2026-11-23': 0.15, '2026-11-30': 0.325 }, '1'),
  ],
};

const pool = {
  resourceType: 'MeasureReport',
  subject: {
    type: 'Group',
    identifier: { system: 'https://mediwox.org/fhir/provider-pool', value: GP },
    display: `Pool ${GP}`,
  },
  group: [
    count('booked', 7),
    { code: code('spread'), measureScore: { value: 1, unit: '1' } },
    { code: code('cv'), measureScore: { value: 0.1347, unit: '1' } },
    { code: code('gini'), measureScore: { value: 0.0476, unit: '1' } },
    {
      code: code('share'),
      stratifier: [
        {
          code: [code('provider')],
          stratum: [
            {
              value: { text: 'Provider A' },
              population: [{ code: code('pool-assigned'), count: 3 }],
              measureScore: { value: 0.4286 },
            },
            {
              value: { text: 'PractitionerRole/12', coding: [{ code: 'PractitionerRole/12' }] },
              population: [{ code: code('pool-assigned'), count: 2 }],
              measureScore: { value: 0.2857 },
            },
            {
              value: { text: 'Provider B' },
              population: [{ code: code('pool-assigned'), count: 2 }],
              measureScore: { value: 0.2857 },
            },
          ],
        },
      ],
    },
  ],
};

const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'MeasureReport',
        subject: { reference: 'PractitionerRole/12' },
        group: [count('booked', 3)],
      },
    },
    { resource: pool },
    { resource: total },
  ],
};

describe('the $workload request', () => {
  it('asks the whole clinic’s entry point for the period, grouping and location', () => {
    expect(workloadQuery({ start: '2026-11-09', end: '2026-12-07', grouping: 'week', location: '5', pool: GP })).toBe(
      '$workload?start=2026-11-09&end=2026-12-07&grouping=week&location=Location%2F5',
    );
  });

  it('asks the same figures as CSV, for the chosen pool too', () => {
    expect(workloadQuery({ start: '2026-11-09', end: '2026-12-07', grouping: 'day', pool: GP }, { csv: true })).toBe(
      `$workload?start=2026-11-09&end=2026-12-07&grouping=day&pool=${encodeURIComponent(GP)}&_format=text%2Fcsv`,
    );
  });
});

describe('the answer', () => {
  it('sorts the reports into the total, providers and pools', () => {
    const r = reportsOf(bundle);
    expect(r.total).toBe(total);
    expect(r.providers.map((p) => p.reference)).toEqual(['PractitionerRole/12']);
    expect(r.pools.map((p) => p.key)).toEqual([GP]);
  });

  it('reads each measure over the period and per bucket', () => {
    const m = measuresOf(total);
    expect(m.whole).toMatchObject({ booked: 10, noshow: 1, offered: 40, 'lead-time-p50': 1440, utilisation: 0.2375 });
    expect(m.buckets.map((b) => b.bucket)).toEqual(['2026-11-23', '2026-11-30']);
    expect(m.buckets[1]).toMatchObject({ booked: 6, noshow: 1, 'cancelled-clinic': 1, utilisation: 0.325 });
  });

  it('gives the headline figures: rates of the booked appointments', () => {
    expect(headline(measuresOf(total).whole)).toEqual({
      offered: 40,
      booked: 10,
      utilisation: 0.2375,
      noShowRate: 0.1,
      cancellationRate: 0.2,
      leadP50: 1440,
      leadP90: 4320,
    });
    expect(headline({})).toMatchObject({ booked: 0, noShowRate: null, cancellationRate: null, utilisation: null });
  });

  it('has a point for every week of the period, quiet weeks too, in percentages and hours', () => {
    const points = series(measuresOf(total).buckets, { start: '2026-11-09', end: '2026-12-07' }, 'week');
    expect(points.map((p) => p.bucket)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(points[0]).toEqual({
      bucket: '2026-11-09',
      booked: 0,
      utilisation: null,
      noShowRate: null,
      cancellationRate: null,
      leadP50: null,
      leadP90: null,
    });
    expect(points[3]).toEqual({
      bucket: '2026-11-30',
      booked: 6,
      utilisation: 32.5,
      noShowRate: 16.7,
      cancellationRate: 16.7,
      leadP50: 1,
      leadP90: 1.5,
    });
  });

  it('starts day and month buckets as the server does', () => {
    expect(series([], { start: '2026-11-29', end: '2026-12-02' }, 'day').map((p) => p.bucket)).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(series([], { start: '2026-11-09', end: '2027-01-01' }, 'month').map((p) => p.bucket)).toEqual([
      '2026-11-01',
      '2026-12-01',
    ]);
  });

  it('makes a table of a chart’s points', () => {
    const points = series(measuresOf(total).buckets, { start: '2026-11-23', end: '2026-12-07' }, 'week');
    expect(tableRows(points, ['noShowRate', 'cancellationRate'], 'es')).toEqual([
      { bucket: '2026-11-23', cells: ['0', '25'] },
      { bucket: '2026-11-30', cells: ['16,7', '16,7'] },
    ]);
  });

  it('knows an empty period', () => {
    expect(isEmpty(reportsOf(bundle))).toBe(false);
    expect(
      isEmpty(reportsOf({ entry: [{ resource: { resourceType: 'MeasureReport', group: [count('booked', 0)] } }] })),
    ).toBe(true);
    expect(isEmpty(reportsOf({ entry: [] }))).toBe(true);
  });
});

describe('fairness of a pool', () => {
  it('puts each provider against the equal share, named where the caller may know them', () => {
    const f = fairnessOf(pool, new Map([['PractitionerRole/12', 'You']]));
    expect(f.providers).toEqual([
      { reference: null, label: 'Provider A', assigned: 3, share: 0.4286, capacityShare: null, fairByHours: null },
      {
        reference: 'PractitionerRole/12',
        label: 'You',
        assigned: 2,
        share: 0.2857,
        capacityShare: null,
        fairByHours: null,
      },
      { reference: null, label: 'Provider B', assigned: 2, share: 0.2857, capacityShare: null, fairByHours: null },
    ]);
    expect(f).toMatchObject({ assigned: 7, fairShare: 2.33, spread: 1, cv: 0.1347, gini: 0.0476 });
  });

  it('puts each provider against their share of the hours the pool offered', () => {
    // the server's capacity-share group: a stratum per provider, in the share group's order
    const offered = (minutes, value) => ({
      value: { text: 'x' },
      population: [{ code: code('offered-minutes'), count: minutes }],
      measureScore: { value, unit: '1' },
    });
    const withHours = {
      ...pool,
      group: [
        ...pool.group,
        {
          code: code('capacity-share'),
          stratifier: [{ code: [code('provider')], stratum: [offered(600, 0.6), offered(400, 0.4), offered(0, 0)] }],
        },
      ],
    };
    const f = fairnessOf(withHours);
    // 7 bookings shared 0.6 / 0.4 / 0 by hours: 4.2, 2.8 and 0 against the 3, 2 and 2 they had
    expect(f.providers.map((p) => [p.label, p.assigned, p.capacityShare, p.fairByHours])).toEqual([
      ['Provider A', 3, 0.6, 4.2],
      ['PractitionerRole/12', 2, 0.4, 2.8],
      ['Provider B', 2, 0, 0],
    ]);
    // not a figure of its own in the headline figures
    expect(measuresOf(withHours).whole).not.toHaveProperty('capacity-share');
  });

  it('gives colleagues with the same label a bar each', () => {
    const same = (count) => ({ value: { text: 'Provider' }, population: [{ count }] });
    const report = { group: [{ code: code('share'), stratifier: [{ stratum: [same(1), same(0), same(0)] }] }] };
    expect(fairnessOf(report).providers.map((p) => p.label)).toEqual(['Provider', 'Provider (2)', 'Provider (3)']);
  });

  it('says in a sentence how fair it was', () => {
    expect(fairnessSentence(fairnessOf(pool), 'en')).toBe('Spread 1 booking; Gini 0.05 — fair');
    expect(fairnessSentence(fairnessOf(pool), 'es')).toBe('Diferencia de 1 reserva; Gini 0,05 — equitativo');
    expect(fairnessSentence({ assigned: 9, spread: 5, gini: 0.3 }, 'en')).toBe(
      'Spread 5 bookings; Gini 0.30 — very uneven',
    );
    expect(fairnessSentence({ assigned: 0, spread: 0, gini: null }, 'en')).toBe(
      'The pool assigned no booking in this period.',
    );
  });

  it('calls a spread of one fair whatever the Gini, and grades the rest by Gini', () => {
    expect(verdict({ assigned: 3, spread: 1, gini: 0.33 })).toBe('fair');
    expect(verdict({ assigned: 20, spread: 3, gini: 0.08 })).toBe('fair');
    expect(verdict({ assigned: 20, spread: 4, gini: 0.2 })).toBe('uneven');
    expect(verdict({ assigned: 20, spread: 9, gini: 0.4 })).toBe('veryUneven');
    expect(verdict({ assigned: 0, spread: 0, gini: null })).toBe('none');
  });
});

describe('names and figures', () => {
  it('names a pool by its kind of visit and location', () => {
    const kinds = new Map([['http://snomed.info/sct|394814009', 'General practice']]);
    expect(poolName(GP, kinds)).toBe('General practice');
    expect(
      poolName(
        'specialty=http://snomed.info/sct|394582007;visit-type=;location=Location/3',
        kinds,
        new Map([['3', 'North']]),
      ),
    ).toBe('394582007 · North');
  });

  it('writes rates as percentages and lead times in hours or days', () => {
    expect(formatFigure('rate', 0.125, 'en')).toBe('12.5%');
    expect(formatFigure('rate', 0.125, 'es')).toMatch(/^12,5\s?%$/);
    expect(formatFigure('minutes', 90, 'en')).toBe('1.5 h');
    expect(formatFigure('minutes', 4320, 'es')).toBe('3 días');
    expect(formatFigure('count', 1234, 'en')).toBe('1,234');
    expect(formatFigure('rate', null, 'en')).toBe('—');
  });
});

describe('failures', () => {
  it('says a 403 in plain words, and anything else as the rest of the workspace does', () => {
    const forbidden = new Error('403 Forbidden\nURL: /fhir/$workload\n\n{"resourceType":"OperationOutcome"}');
    forbidden.status = 403;
    expect(workloadError(forbidden, 'en')).toBe(
      'Workload figures are for the clinic’s practitioners. Your account cannot see them.',
    );
    expect(workloadError(new Error('403 Forbidden'), 'es')).toMatch(/^Las cifras de carga de trabajo/);
    expect(workloadError(Object.assign(new Error('500 Server Error'), { status: 500 }), 'en')).toBe(
      'The clinic’s server had a problem. Try again.',
    );
  });
});
