// The workspace's hash route: "#/" is My day, "#/workload?period=…&from=…&to=…&grouping=…&pool=…&location=…" the
// Workload dashboard with its filters, "#/availability?role=…" the Availability tab with the chosen provider. The filters live in the URL so that Back and a bookmark bring them back.

export const PERIODS = ['week', '4weeks', 'month', 'quarter', 'custom'];
export const GROUPINGS = ['day', 'week', 'month'];
const DEFAULTS = { period: '4weeks', grouping: 'week' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The view and the dashboard's filters of a location hash; anything unknown falls back to My day or a default. */
export function parseRoute(hash) {
  const [path, query = ''] = (hash ?? '').replace(/^#/, '').split('?');
  const p = new URLSearchParams(query);
  if (path.replace(/\/$/, '') === '/availability') {
    const role = p.get('role') ?? '';
    return { view: 'availability', role: /^[A-Za-z0-9\-.]{1,64}$/.test(role) ? role : '' };
  }
  if (path.replace(/\/$/, '') !== '/workload') return { view: 'day' };
  const period = PERIODS.includes(p.get('period')) ? p.get('period') : DEFAULTS.period;
  const from = DATE.test(p.get('from') ?? '') ? p.get('from') : '';
  const to = DATE.test(p.get('to') ?? '') ? p.get('to') : '';
  return {
    view: 'workload',
    filters: {
      period: period === 'custom' && !(from && to && from <= to) ? DEFAULTS.period : period,
      from: period === 'custom' ? from : '',
      to: period === 'custom' ? to : '',
      grouping: GROUPINGS.includes(p.get('grouping')) ? p.get('grouping') : DEFAULTS.grouping,
      pool: p.get('pool') ?? '',
      location: /^[A-Za-z0-9\-.]{1,64}$/.test(p.get('location') ?? '') ? p.get('location') : '',
    },
  };
}

/** The hash of a view and its filters (empty filters left out, so the default dashboard is just "#/workload"). */
export function routeHash({ view, filters = {}, role = '' }) {
  if (view === 'availability') return role ? `#/availability?role=${encodeURIComponent(role)}` : '#/availability';
  if (view !== 'workload') return '#/';
  const p = new URLSearchParams();
  for (const key of ['period', 'from', 'to', 'grouping', 'pool', 'location']) {
    const value = filters[key];
    if (
      !value ||
      (key === 'period' && value === DEFAULTS.period) ||
      (key === 'grouping' && value === DEFAULTS.grouping)
    )
      continue;
    if ((key === 'from' || key === 'to') && filters.period !== 'custom') continue;
    p.set(key, value);
  }
  const query = p.toString();
  return query ? `#/workload?${query}` : '#/workload';
}

/** Today's date ({@code YYYY-MM-DD}) in the clinic's zone. */
export function todayIn(zone, now = new Date()) {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
}

function addDays(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function monday(day) {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(day, -weekday);
}

/**
 * The clinic-local days a period covers as {@code $workload} asks them: {@code start} included, {@code end} excluded.
 * week: this ISO week; 4weeks: this week and the three before; month: this calendar month; quarter: this week and the
 * twelve before; custom: from … to, both included.
 */
export function periodRange({ period, from, to }, today) {
  switch (period) {
    case 'week':
      return { start: monday(today), end: addDays(monday(today), 7) };
    case 'month': {
      const start = `${today.slice(0, 7)}-01`;
      const next = new Date(`${start}T00:00:00Z`);
      next.setUTCMonth(next.getUTCMonth() + 1);
      return { start, end: next.toISOString().slice(0, 10) };
    }
    case 'quarter':
      return { start: addDays(monday(today), -84), end: addDays(monday(today), 7) };
    case 'custom':
      if (from && to && from <= to) return { start: from, end: addDays(to, 1) };
      return periodRange({ period: '4weeks' }, today);
    default:
      return { start: addDays(monday(today), -21), end: addDays(monday(today), 7) };
  }
}

/** The last day a period covers (its end is exclusive). */
export function lastDay(range) {
  return addDays(range.end, -1);
}
