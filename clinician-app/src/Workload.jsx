// The Workload dashboard (loaded on demand: Recharts is in this chunk only, My day does not load it). Filters live in
// the hash route (route.js); the figures come from $workload and are shaped by workload.js.
import { useEffect, useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { directory } from './booking.js';
import { formatBirthDate, formatShortDate, t } from './i18n.js';
import { GROUPINGS, PERIODS, lastDay, periodRange, routeHash, todayIn } from './route.js';
import { fieldClass, secondaryButton, useAnnounce } from './ui.jsx';
import {
  csvFileName,
  fairnessOf,
  fairnessSentence,
  formatFigure,
  formatNumber,
  headline,
  isEmpty,
  measuresOf,
  poolName,
  reportsOf,
  series,
  tableRows,
  workloadError,
  workloadQuery,
} from './workload.js';

const COLORS = { blue: '#1e40af', red: '#b91c1c', amber: '#92400e', slate: '#334155', green: '#166534' };
const TICK = { fill: COLORS.slate, fontSize: 13 };

/** The clinic's kinds of visit, providers' names and locations, for naming pools and providers. */
function useClinic(client) {
  const [clinic, setClinic] = useState({ kinds: new Map(), names: new Map(), locations: [] });
  useEffect(() => {
    Promise.all([
      client.request('PractitionerRole?active=true&_count=200').catch(() => null),
      client.request('Location?_count=100').catch(() => null),
    ]).then(([roles, locations]) => {
      const d = directory(roles);
      setClinic({
        kinds: new Map(d.kinds.map((k) => [k.token, k.name])),
        names: d.names,
        locations: (locations?.entry ?? [])
          .map((e) => e.resource)
          .filter((r) => r?.resourceType === 'Location')
          .map((r) => ({ id: r.id, name: r.name ?? r.id }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      });
    });
  }, [client]);
  return clinic;
}

export default function Workload({ client, me, filters, language }) {
  const clinic = useClinic(client);
  const announce = useAnnounce();
  const today = todayIn(me.zone);
  const range = periodRange(filters, today);
  const { start, end } = range;
  const [answer, setAnswer] = useState(null);
  const [failure, setFailure] = useState(null);
  const [downloading, setDownloading] = useState(false);
  const pools = useMemo(() => new Set(), []); // every pool seen this session, so the filter keeps its choices

  useEffect(() => {
    let current = true;
    setFailure(null);
    setAnswer(null); // figures of other filters are not shown as these
    client
      .request(workloadQuery({ start, end, grouping: filters.grouping, location: filters.location }))
      .then((bundle) => {
        if (!current) return;
        const reports = reportsOf(bundle);
        reports.pools.forEach((p) => pools.add(p.key));
        setAnswer({ ...reports, asked: `${start}/${end}/${filters.grouping}` });
      })
      .catch((e) => current && (setAnswer(null), setFailure(e)));
    return () => {
      current = false;
    };
  }, [client, start, end, filters.grouping, filters.location, pools]);

  useEffect(() => {
    if (answer)
      announce(
        t(language, 'workload.loaded', {
          from: formatBirthDate(start, language),
          to: formatBirthDate(lastDay(range), language),
        }),
      );
    // said when new figures arrive, not when only the language changes
  }, [answer]);

  const change = (key, value) => {
    const next = { ...filters, [key]: value };
    if (key === 'period' && value === 'custom' && !(next.from && next.to)) {
      next.from = start;
      next.to = lastDay(range);
    }
    window.location.hash = routeHash({ view: 'workload', filters: next });
  };

  const download = async () => {
    setDownloading(true);
    try {
      // a plain link would carry no token: fetched with it, then saved from a Blob
      const url = new URL(workloadQuery({ ...filters, start, end }, { csv: true }), `${client.state.serverUrl}/`);
      const response = await fetch(url, {
        headers: { Authorization: client.getAuthorizationHeader(), Accept: 'text/csv' },
      });
      if (!response.ok)
        throw Object.assign(new Error(`${response.status} ${response.statusText}`), { status: response.status });
      const file = csvFileName({ start, end: lastDay(range) });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = file;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      announce(t(language, 'workload.csvSaved', { file }));
    } catch (e) {
      setFailure(e);
      announce(workloadError(e, language));
    } finally {
      setDownloading(false);
    }
  };

  const selectedPool = filters.pool && answer?.pools.find((p) => p.key === filters.pool);
  const shown = selectedPool ? selectedPool.report : answer?.total;
  const measures = measuresOf(shown);
  const figures = headline(measures.whole);
  const points = series(measures.buckets, range, filters.grouping);
  const grouping = t(language, `grouping.${filters.grouping}`).toLowerCase();
  const mine = new Set((me.roles ?? []).map((id) => `PractitionerRole/${id}`));
  const names = new Map([...clinic.names, ...[...mine].map((r) => [r, t(language, 'fairness.you')])]);
  const onlyMine = answer?.providers.every(
    (p) => !p.reference || mine.has(p.reference) || p.reference === `Practitioner/${me.practitionerId}`,
  );
  const poolChoices = [...new Set([...pools, ...(filters.pool ? [filters.pool] : [])])];
  const name = (key) => poolName(key, clinic.kinds, new Map(clinic.locations.map((l) => [l.id, l.name])));

  return (
    <section aria-labelledby="workload-title" className="space-y-6">
      <h2 id="workload-title" className="text-2xl font-bold">
        {t(language, 'workload.title')}
      </h2>
      <form
        aria-label={t(language, 'workload.filters')}
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field id="workload-period" label={t(language, 'workload.period')}>
          <select
            id="workload-period"
            className={fieldClass}
            value={filters.period}
            onChange={(e) => change('period', e.target.value)}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(language, `period.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        {filters.period === 'custom' && (
          <>
            <Field id="workload-from" label={t(language, 'workload.from')}>
              <input
                id="workload-from"
                type="date"
                className={fieldClass}
                value={filters.from}
                max={filters.to}
                onChange={(e) => e.target.value && change('from', e.target.value)}
              />
            </Field>
            <Field id="workload-to" label={t(language, 'workload.to')}>
              <input
                id="workload-to"
                type="date"
                className={fieldClass}
                value={filters.to}
                min={filters.from}
                onChange={(e) => e.target.value && change('to', e.target.value)}
              />
            </Field>
          </>
        )}
        <Field id="workload-grouping" label={t(language, 'workload.grouping')}>
          <select
            id="workload-grouping"
            className={fieldClass}
            value={filters.grouping}
            onChange={(e) => change('grouping', e.target.value)}
          >
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(language, `grouping.${g}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="workload-pool" label={t(language, 'workload.pool')}>
          <select
            id="workload-pool"
            className={`${fieldClass} max-w-72`}
            value={filters.pool}
            onChange={(e) => change('pool', e.target.value)}
          >
            <option value="">{t(language, 'workload.allPools')}</option>
            {poolChoices.map((key) => (
              <option key={key} value={key}>
                {name(key)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="workload-location" label={t(language, 'workload.location')}>
          <select
            id="workload-location"
            className={fieldClass}
            value={filters.location}
            onChange={(e) => change('location', e.target.value)}
          >
            <option value="">{t(language, 'workload.allLocations')}</option>
            {clinic.locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" className={secondaryButton} disabled={downloading} onClick={download}>
          {t(language, 'workload.csv')}
        </button>
      </form>
      <p data-testid="workload-range" className="text-slate-700">
        {t(language, 'workload.range', {
          from: formatBirthDate(start, language),
          to: formatBirthDate(lastDay(range), language),
        })}{' '}
        {selectedPool
          ? t(language, 'workload.scopePool', { pool: name(filters.pool) })
          : onlyMine && t(language, 'workload.scope')}
      </p>
      {failure && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-800">
          {workloadError(failure, language)}
        </p>
      )}
      {!answer && !failure && <p>{t(language, 'app.loading')}</p>}
      {answer && isEmpty(answer) && (
        <p data-testid="workload-empty" className="rounded-lg bg-amber-50 p-3 text-amber-900">
          {t(language, 'workload.empty')}
        </p>
      )}
      {answer && !isEmpty(answer) && (
        <>
          <Headline figures={figures} asked={answer.asked} language={language} />
          <ChartCard
            id="chart-utilisation"
            title={t(language, 'chart.utilisation', { grouping })}
            points={points}
            columns={['booked', 'utilisation']}
            language={language}
          >
            <LineChart data={points} title={t(language, 'chart.utilisation', { grouping })}>
              <CartesianGrid stroke="#cbd5e1" strokeDasharray="3 3" />
              <XAxis dataKey="bucket" tick={TICK} tickFormatter={(d) => formatShortDate(d, language)} />
              <YAxis tick={TICK} unit="%" domain={[0, 100]} />
              <Tooltip labelFormatter={(d) => formatShortDate(d, language)} />
              <Legend />
              <Line
                type="monotone"
                dataKey="utilisation"
                name={t(language, 'series.utilisation')}
                stroke={COLORS.blue}
                strokeWidth={3}
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </ChartCard>
          <ChartCard
            id="chart-rates"
            title={t(language, 'chart.rates', { grouping })}
            points={points}
            columns={['booked', 'noShowRate', 'cancellationRate']}
            language={language}
          >
            <BarChart data={points} title={t(language, 'chart.rates', { grouping })}>
              <CartesianGrid stroke="#cbd5e1" strokeDasharray="3 3" />
              <XAxis dataKey="bucket" tick={TICK} tickFormatter={(d) => formatShortDate(d, language)} />
              <YAxis tick={TICK} unit="%" />
              <Tooltip labelFormatter={(d) => formatShortDate(d, language)} />
              <Legend />
              <Bar
                dataKey="noShowRate"
                stackId="rates"
                name={t(language, 'series.noShowRate')}
                fill={COLORS.red}
                isAnimationActive={false}
              />
              <Bar
                dataKey="cancellationRate"
                stackId="rates"
                name={t(language, 'series.cancellationRate')}
                fill={COLORS.amber}
                isAnimationActive={false}
              />
            </BarChart>
          </ChartCard>
          <ChartCard
            id="chart-lead"
            title={t(language, 'chart.lead', { grouping })}
            points={points}
            columns={['leadP50', 'leadP90']}
            language={language}
          >
            <LineChart data={points} title={t(language, 'chart.lead', { grouping })}>
              <CartesianGrid stroke="#cbd5e1" strokeDasharray="3 3" />
              <XAxis dataKey="bucket" tick={TICK} tickFormatter={(d) => formatShortDate(d, language)} />
              <YAxis tick={TICK} unit=" h" />
              <Tooltip labelFormatter={(d) => formatShortDate(d, language)} />
              <Legend />
              <Line
                type="monotone"
                dataKey="leadP50"
                name={t(language, 'series.leadP50')}
                stroke={COLORS.blue}
                strokeWidth={3}
                connectNulls
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="leadP90"
                name={t(language, 'series.leadP90')}
                stroke={COLORS.green}
                strokeWidth={3}
                strokeDasharray="6 3"
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </ChartCard>
          <Fairness
            pools={selectedPool ? [selectedPool] : answer.pools}
            names={names}
            name={name}
            language={language}
          />
        </>
      )}
    </section>
  );
}

/** A label that is only the label's text, tied to its field by id (so "Period" finds the select). */
function Field({ id, label, children }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      {children}
    </div>
  );
}

const HEADLINE = [
  ['offered', 'count'],
  ['booked', 'count'],
  ['utilisation', 'rate'],
  ['noShowRate', 'rate'],
  ['cancellationRate', 'rate'],
  ['leadP50', 'minutes'],
  ['leadP90', 'minutes'],
];

function Headline({ figures, asked, language }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" data-testid="headline" data-asked={asked}>
      {HEADLINE.map(([key, kind]) => (
        <div key={key} className="rounded-lg border border-slate-300 p-3" data-testid={`figure-${key}`}>
          <dt className="text-sm text-slate-700">{t(language, `figure.${key}`)}</dt>
          <dd className="text-2xl font-bold tabular-nums" data-value={figures[key] ?? ''}>
            {formatFigure(kind, figures[key], language)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A chart with its title, and its data as a table on demand (the same figures for who cannot see the chart). */
function ChartCard({ id, title, points, columns, language, children, height = 260 }) {
  const [table, setTable] = useState(false);
  const tableId = `${id}-table`;
  return (
    <figure className="space-y-2 rounded-lg border border-slate-300 p-3" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </figcaption>
      <div style={{ width: '100%', height }} data-testid={id}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      <button
        type="button"
        className={secondaryButton}
        aria-expanded={table}
        aria-controls={tableId}
        onClick={() => setTable(!table)}
      >
        {t(language, table ? 'chart.hideTable' : 'chart.showTable')}
      </button>
      <div id={tableId} hidden={!table}>
        {table && <DataTable title={title} points={points} columns={columns} language={language} />}
      </div>
    </figure>
  );
}

function DataTable({ title, points, columns, language }) {
  const header = (column) => (column === 'booked' ? t(language, 'chart.booked') : t(language, `series.${column}`));
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t(language, 'chart.bucket')}</th>
          {columns.map((c) => (
            <th key={c} scope="col" className="text-right">
              {header(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {tableRows(points, columns, language).map((row) => (
          <tr key={row.bucket} className="border-t border-slate-200">
            <th scope="row" className="font-normal">
              {formatBirthDate(row.bucket, language)}
            </th>
            {row.cells.map((cell, i) => (
              <td key={columns[i]} className="text-right tabular-nums">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Per pool: a bar per provider against the equal share and, beside it, the bookings their share of the hours offered
 * would give; and a sentence on how fair the rotation was.
 */
function Fairness({ pools, names, name, language }) {
  // a plain block, not a region named "…pools": the Pool filter stays the one thing labelled so
  return (
    <div className="space-y-4">
      <h3 className="text-xl font-semibold">{t(language, 'fairness.title')}</h3>
      {pools.length === 0 && <p>{t(language, 'fairness.nonePools')}</p>}
      {pools.map(({ key, report }, index) => {
        const f = fairnessOf(report, names);
        const title = t(language, 'chart.pool', { pool: name(key) });
        const points = f.providers.map((p) => ({
          bucket: p.label,
          assigned: p.assigned,
          share: p.share,
          capacityShare: p.capacityShare,
          fairByHours: p.fairByHours,
        }));
        return (
          <div key={key} data-testid="pool-fairness" data-pool={key} className="space-y-2">
            <p data-testid="fairness-sentence" className="font-semibold">
              {name(key)}: {fairnessSentence(f, language)}
            </p>
            <PoolCard id={`chart-pool-${index}`} title={title} fairness={f} points={points} language={language} />
          </div>
        );
      })}
    </div>
  );
}

function PoolCard({ id, title, fairness, points, language }) {
  const [table, setTable] = useState(false);
  const tableId = `${id}-table`;
  const fairLabel = t(language, 'chart.fairShare', { value: formatNumber(fairness.fairShare ?? 0, language, 2) });
  // a second bar per provider when the pool's providers offered hours: the bookings their share of the hours would give
  const byHours = points.some((p) => p.fairByHours !== null);
  return (
    <figure className="space-y-2 rounded-lg border border-slate-300 p-3" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </figcaption>
      <div style={{ width: '100%', height: 240 }} data-testid={id}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} title={title}>
            <CartesianGrid stroke="#cbd5e1" strokeDasharray="3 3" />
            <XAxis dataKey="bucket" tick={TICK} />
            <YAxis tick={TICK} allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="assigned" name={t(language, 'chart.assigned')} fill={COLORS.blue} isAnimationActive={false} />
            {byHours && (
              <Bar
                dataKey="fairByHours"
                name={t(language, 'chart.fairByHours')}
                fill={COLORS.slate}
                isAnimationActive={false}
              />
            )}
            {fairness.fairShare !== null && (
              <ReferenceLine
                y={fairness.fairShare}
                stroke={COLORS.red}
                strokeWidth={2}
                strokeDasharray="6 3"
                label={{ value: fairLabel, position: 'insideTopRight', fill: COLORS.red, fontSize: 13 }}
              />
            )}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <button
        type="button"
        className={secondaryButton}
        aria-expanded={table}
        aria-controls={tableId}
        onClick={() => setTable(!table)}
      >
        {t(language, table ? 'chart.hideTable' : 'chart.showTable')}
      </button>
      <div id={tableId} hidden={!table}>
        {table && (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t(language, 'chart.provider')}</th>
                <th scope="col" className="text-right">
                  {t(language, 'chart.assigned')}
                </th>
                <th scope="col" className="text-right">
                  {t(language, 'chart.share')}
                </th>
                <th scope="col" className="text-right">
                  {t(language, 'chart.capacityShare')}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.bucket} className="border-t border-slate-200">
                  <th scope="row" className="font-normal">
                    {p.bucket}
                  </th>
                  <td className="text-right tabular-nums">{p.assigned}</td>
                  <td className="text-right tabular-nums">{formatFigure('rate', p.share, language)}</td>
                  <td className="text-right tabular-nums">{formatFigure('rate', p.capacityShare, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="text-sm text-slate-700">{fairLabel}</p>
      </div>
    </figure>
  );
}
