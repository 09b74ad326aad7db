// The Workload dashboard's logic: the $workload request, and its answer (a Bundle of summary MeasureReports, measures
// coded in https://mediwox.org/fhir/CodeSystem/workload-measure) turned into headline figures, chart series, pool
// fairness and table rows. Pure: the screen is Workload.jsx.
import { errorMessage } from './booking.js';
import { t } from './i18n.js';

export const POOL_SYSTEM = 'https://mediwox.org/fhir/provider-pool';
const MINUTES_PER_HOUR = 60;

/** The {@code $workload} query of the filters (the whole clinic's entry point); {@code csv} asks for CSV. */
export function workloadQuery({ start, end, grouping, location, pool }, { csv = false } = {}) {
  const p = new URLSearchParams({ start, end, grouping });
  if (location) p.set('location', `Location/${location}`);
  if (csv && pool) p.set('pool', pool);
  if (csv) p.set('_format', 'text/csv');
  return `$workload?${p.toString()}`;
}

/** The name a CSV download is saved under. */
export function csvFileName({ start, end }) {
  return `workload-${start}-to-${end}.csv`;
}

const codeOf = (concept) => concept?.coding?.[0]?.code;

function valueOf(part) {
  if (part?.population?.[0]?.count !== undefined) return part.population[0].count;
  if (part?.measureScore?.value !== undefined) return part.measureScore.value;
  return null;
}

/** One MeasureReport's figures: over the whole period ({@code whole}) and per period bucket ({@code buckets}). */
export function measuresOf(report) {
  const whole = {};
  const buckets = new Map();
  for (const group of report?.group ?? []) {
    const code = codeOf(group.code);
    if (!code || code === 'share' || code === 'capacity-share') continue;
    whole[code] = valueOf(group);
    const period = (group.stratifier ?? []).find((s) => (s.code ?? []).some((c) => codeOf(c) === 'period'));
    for (const stratum of period?.stratum ?? []) {
      const bucket = stratum.value?.text;
      if (!bucket) continue;
      if (!buckets.has(bucket)) buckets.set(bucket, { bucket });
      buckets.get(bucket)[code] = valueOf(stratum);
    }
  }
  return { whole, buckets: [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)) };
}

/** The Bundle's reports by kind: the total (no subject), each provider's, each pool's (keyed by pool key). */
export function reportsOf(bundle) {
  const result = { total: null, providers: [], pools: [] };
  for (const report of (bundle?.entry ?? []).map((e) => e.resource)) {
    if (report?.resourceType !== 'MeasureReport') continue;
    const subject = report.subject;
    if (!subject) result.total = report;
    else if (subject.identifier?.system === POOL_SYSTEM) result.pools.push({ key: subject.identifier.value, report });
    else result.providers.push({ reference: subject.reference ?? null, label: subject.display ?? null, report });
  }
  return result;
}

const ratio = (part, whole) => (whole ? part / whole : null);

/** The headline figures of one report's measures (rates of the booked appointments; null where nothing counts). */
export function headline(whole) {
  const booked = whole.booked ?? 0;
  const cancelled = (whole['cancelled-patient'] ?? 0) + (whole['cancelled-clinic'] ?? 0);
  return {
    offered: whole.offered ?? null,
    booked,
    utilisation: whole.utilisation ?? null,
    noShowRate: ratio(whole.noshow ?? 0, booked),
    cancellationRate: ratio(cancelled, booked),
    leadP50: whole['lead-time-p50'] ?? null,
    leadP90: whole['lead-time-p90'] ?? null,
  };
}

function addDays(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first day of the bucket a day falls in, as the server counts (ISO weeks from Monday, calendar months). */
export function bucketOf(day, grouping) {
  if (grouping === 'month') return `${day.slice(0, 7)}-01`;
  if (grouping === 'week') return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
  return day;
}

function nextBucket(bucket, grouping) {
  if (grouping === 'month') {
    const d = new Date(`${bucket}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    return d.toISOString().slice(0, 10);
  }
  return addDays(bucket, grouping === 'week' ? 7 : 1);
}

/**
 * The chart series: one point per bucket of the period (buckets without any appointment too, so a quiet week shows as
 * a gap in the rates and 0 bookings), rates as percentages, lead times in hours.
 */
export function series(buckets, { start, end }, grouping) {
  const byBucket = new Map(buckets.map((b) => [b.bucket, b]));
  const points = [];
  for (let bucket = bucketOf(start, grouping); bucket < end; bucket = nextBucket(bucket, grouping)) {
    const m = byBucket.get(bucket) ?? {};
    const h = headline(m);
    points.push({
      bucket,
      booked: h.booked,
      utilisation: percent(h.utilisation),
      noShowRate: percent(h.noShowRate),
      cancellationRate: percent(h.cancellationRate),
      leadP50: hours(h.leadP50),
      leadP90: hours(h.leadP90),
    });
  }
  return points;
}

const percent = (value) => (value === null || value === undefined ? null : Math.round(value * 1000) / 10);
const hours = (minutes) =>
  minutes === null || minutes === undefined ? null : Math.round((minutes / MINUTES_PER_HOUR) * 10) / 10;

/**
 * A pool's fairness: each provider's bookings against the equal share and against their share of the hours offered
 * ({@code fairByHours}), and the pool's spread, CV and Gini.
 */
export function fairnessOf(poolReport, names = new Map()) {
  const group = (code) => (poolReport?.group ?? []).find((g) => codeOf(g.code) === code);
  const score = (code) => group(code)?.measureScore?.value ?? null;
  const strata = group('share')?.stratifier?.[0]?.stratum ?? [];
  // capacity-share has a stratum per provider in the same order: their share of the minutes the pool's providers offered
  const capacity = group('capacity-share')?.stratifier?.[0]?.stratum ?? [];
  const providers = strata.map((s, i) => {
    const reference = s.value?.coding?.[0]?.code ?? null;
    return {
      reference,
      label: (reference && names.get(reference)) || s.value?.text || reference,
      assigned: s.population?.[0]?.count ?? 0,
      share: s.measureScore?.value ?? null,
      capacityShare: capacity[i]?.measureScore?.value ?? null,
    };
  });
  // colleagues the pool assigned nothing may all carry the same label: each bar and row needs its own
  const seen = new Map();
  for (const p of providers) {
    const n = (seen.get(p.label) ?? 0) + 1;
    seen.set(p.label, n);
    if (n > 1) p.label = `${p.label} (${n})`;
  }
  const assigned = providers.reduce((sum, p) => sum + p.assigned, 0);
  // the bookings each would have had, shared by the hours they offered (null when nobody offered any)
  for (const p of providers) {
    p.fairByHours = p.capacityShare === null ? null : Math.round(p.capacityShare * assigned * 10) / 10;
  }
  return {
    providers,
    assigned,
    fairShare: providers.length ? Math.round((assigned / providers.length) * 100) / 100 : null,
    spread: score('spread'),
    cv: score('cv'),
    gini: score('gini'),
  };
}

/**
 * How fair a pool's rotation was: "fair" when the spread is at most one booking (a rotation cannot do better) or the
 * Gini coefficient at most 0.1; "uneven" up to 0.25; above it "very uneven"; "none" when nothing was assigned.
 */
export function verdict({ assigned, spread, gini }) {
  if (!assigned) return 'none';
  if ((spread ?? Infinity) <= 1 || (gini ?? Infinity) <= 0.1) return 'fair';
  return (gini ?? Infinity) <= 0.25 ? 'uneven' : 'veryUneven';
}

/** The sentence under a pool's chart: "Spread 1 booking; Gini 0.04 — fair". */
export function fairnessSentence(fairness, language) {
  const v = verdict(fairness);
  if (v === 'none') return t(language, 'fairness.none');
  const spread = t(language, fairness.spread === 1 ? 'fairness.spreadOne' : 'fairness.spread', {
    spread: fairness.spread,
  });
  const gini =
    fairness.gini === null || fairness.gini === undefined
      ? ''
      : t(language, 'fairness.gini', { gini: formatNumber(fairness.gini, language, 2) });
  return `${spread}${gini} — ${t(language, `fairness.${v}`)}`;
}

const LOCALES = { en: 'en-US', es: 'es-ES' };

/** A number in the language's notation with at most {@code digits} decimals. */
export function formatNumber(value, language, digits = 1) {
  return new Intl.NumberFormat(LOCALES[language] ?? 'en-US', {
    minimumFractionDigits: digits === 2 ? 2 : 0,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A headline figure as shown: counts as they are, rates as percentages, lead times in hours or days; "—" for none. */
export function formatFigure(kind, value, language) {
  if (value === null || value === undefined) return '—';
  switch (kind) {
    case 'rate':
      return new Intl.NumberFormat(LOCALES[language] ?? 'en-US', {
        style: 'percent',
        maximumFractionDigits: 1,
      }).format(value);
    case 'minutes':
      return value < 48 * MINUTES_PER_HOUR
        ? t(language, 'unit.hours', { value: formatNumber(value / MINUTES_PER_HOUR, language) })
        : t(language, 'unit.days', { value: formatNumber(value / (24 * MINUTES_PER_HOUR), language) });
    default:
      return formatNumber(value, language, 0);
  }
}

/** A pool key ({@code specialty=system|code;visit-type=…;location=…}) as a name: the kind of visit, and where. */
export function poolName(key, kinds = new Map(), locations = new Map()) {
  const parts = Object.fromEntries(
    (key ?? '').split(';').map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
    }),
  );
  const kind = parts.specialty ? (kinds.get(parts.specialty) ?? parts.specialty.split('|').pop()) : key;
  const visitType = parts['visit-type'] ? ` · ${parts['visit-type'].split('|').pop()}` : '';
  const location = parts.location
    ? ` · ${locations.get(parts.location.replace(/^Location\//, '')) ?? parts.location}`
    : '';
  return `${kind}${visitType}${location}`;
}

/** The rows of a chart's data table: the bucket and each column's value as shown ("—" for none). */
export function tableRows(points, columns, language) {
  return points.map((point) => ({
    bucket: point.bucket,
    cells: columns.map((column) =>
      point[column] === null || point[column] === undefined ? '—' : formatNumber(point[column], language),
    ),
  }));
}

/** Whether the period has nothing to show: no appointment booked and no Slot offered. */
export function isEmpty(reports) {
  const all = [reports.total, ...reports.providers.map((p) => p.report), ...reports.pools.map((p) => p.report)];
  return all.every((report) => {
    const { whole } = measuresOf(report);
    return !whole.booked && !whole.offered;
  });
}

/** What to say when $workload fails: a 403 in plain words (who may see the figures), else as any other failure. */
export function workloadError(error, language) {
  const status = error?.status ?? Number(/^(\d{3}) /.exec(String(error?.message ?? ''))?.[1]);
  return status === 403 ? t(language, 'workload.forbidden') : errorMessage(error, language);
}
