import { useCallback, useEffect, useRef, useState } from 'react';
import {
  WEEKDAYS,
  availabilityError,
  breaksOf,
  changedMeanwhile,
  conflictQuery,
  formOf,
  newLeave,
  providersOf,
  providersQueries,
  saveRequest,
  validateHours,
  validateLeave,
  visitsToMove,
} from './availability.js';
import { FRESH } from './day.js';
import { formatDateTime, formatDay, t, zoneName } from './i18n.js';
import { routeHash } from './route.js';
import { dangerButton, fieldClass, primaryButton, secondaryButton, useAnnounce } from './ui.jsx';

/** After a save, how long and how often the conflict Tasks are looked for (the Slot generation runs in the background). */
const WATCH_MS = 180_000;
const WATCH_EVERY_MS = 4_000;

/**
 * The Availability tab: a provider's weekly hours and leave (PractitionerRole.availableTime / notAvailable), edited and
 * saved with a PUT on the version read; then the visits booked in time the provider no longer works, as the Slot
 * generation raises them (conflict Tasks). A manager edits hours and leave of the providers at their places (the
 * Locations of their roles, the Organizations of their manager roles) and is offered no other; anyone else sees their
 * own hours and edits their own leave. The server's staff rules decide, and their refusal is shown as it says it.
 */
export default function Availability({ client, me, role: roleId, language }) {
  const announce = useAnnounce();
  const manager = me.staff?.manager ?? false;
  const [providers, setProviders] = useState(null);
  const [role, setRole] = useState(null);
  const [form, setForm] = useState(null);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState([]);
  const [draft, setDraft] = useState({ description: '', from: '', to: '' });
  const [draftProblems, setDraftProblems] = useState([]);
  const [failure, setFailure] = useState(null);
  const [notice, setNotice] = useState(null);
  const [saving, setSaving] = useState(false);
  const [visits, setVisits] = useState(null);
  const [watchUntil, setWatchUntil] = useState(0);
  const focusAfter = useRef(null);

  useEffect(() => {
    const staff = me.staff ?? { manager: false, organizations: [], locations: [] };
    Promise.all(providersQueries(staff, me.practitionerId).map((query) => client.request(query))).then(
      (bundles) => setProviders(providersOf(bundles, { manager, staff })),
      setFailure,
    );
  }, [client, me, manager]);

  const chosen = roleId || (providers?.length === 1 ? providers[0].id : '');
  const provider = providers?.find((p) => p.id === chosen) ?? null;

  const loadRole = useCallback(async () => {
    const read = await client.request({ url: `PractitionerRole/${chosen}`, headers: FRESH });
    setRole(read);
    setForm(formOf(read));
    setDirty(false);
    setProblems([]);
  }, [client, chosen]);

  const loadVisits = useCallback(async () => {
    setVisits(visitsToMove(await client.request(conflictQuery(chosen))));
  }, [client, chosen]);

  useEffect(() => {
    setRole(null);
    setForm(null);
    setVisits(null);
    setNotice(null);
    setFailure(null);
    setWatchUntil(0);
    if (!chosen) return;
    loadRole().catch(setFailure);
    loadVisits().catch(setFailure);
  }, [chosen, loadRole, loadVisits]);

  // after a save the generation follows in the background: look for new conflict Tasks for a while
  useEffect(() => {
    if (!watchUntil) return undefined;
    const timer = setInterval(() => {
      if (Date.now() > watchUntil) {
        setWatchUntil(0);
        return;
      }
      loadVisits().catch(() => {});
    }, WATCH_EVERY_MS);
    return () => clearInterval(timer);
  }, [watchUntil, loadVisits]);

  const count = visits?.length ?? 0;
  const said = useRef(0);
  useEffect(() => {
    if (watchUntil && count > said.current) announce(t(language, 'move.found', { count }));
    said.current = count;
  }, [count, watchUntil, announce, language]);

  useEffect(() => {
    if (focusAfter.current) {
      document.getElementById(focusAfter.current)?.focus();
      focusAfter.current = null;
    }
  });

  const choose = (id) => {
    window.location.hash = routeHash({ view: 'availability', role: id });
  };

  const change = (update) => {
    setForm((f) => update(structuredClone(f)));
    setDirty(true);
    setNotice(null);
  };

  const setRange = (day, index, field, value) =>
    change((f) => {
      f.hours[day][index][field] = value;
      return f;
    });
  const addRange = (day) => {
    const ranges = form.hours[day];
    const last = ranges[ranges.length - 1];
    focusAfter.current = `hours-${day}-${ranges.length}-start`;
    change((f) => {
      f.hours[day].push(
        last
          ? { start: last.end, end: last.end, location: last.location }
          : { start: '09:00', end: '17:00', location: '' },
      );
      return f;
    });
  };
  const removeRange = (day, index) => {
    focusAfter.current = `hours-${day}-add`;
    change((f) => {
      f.hours[day].splice(index, 1);
      return f;
    });
  };

  const addLeave = () => {
    const found = validateLeave(draft);
    setDraftProblems(found);
    if (found.length) {
      focusAfter.current = `leave-${found[0].field}`;
      return;
    }
    const leave = newLeave(draft);
    change((f) => {
      f.leave.push(leave);
      return f;
    });
    setDraft({ description: '', from: '', to: '' });
    announce(t(language, 'leave.added', { description: leave.description }));
    focusAfter.current = 'leave-description';
  };
  const removeLeave = (key) => {
    focusAfter.current = 'leave-description';
    change((f) => {
      f.leave = f.leave.filter((l) => l.key !== key);
      return f;
    });
  };

  const save = async () => {
    const found = manager ? validateHours(form.hours) : [];
    setProblems(found);
    if (found.length) {
      setNotice({ kind: 'error', text: t(language, 'availability.fix') });
      announce(t(language, 'availability.fix'));
      focusAfter.current = `hours-${found[0].day}-${found[0].index}-${found[0].field}`;
      return;
    }
    setSaving(true);
    setNotice(null);
    try {
      await client.request(saveRequest(role, form));
      const text = t(language, 'availability.saved', { provider: provider?.label ?? '' });
      await loadRole();
      setNotice({ kind: 'ok', text });
      announce(text);
      await loadVisits().catch(() => {});
      setWatchUntil(Date.now() + WATCH_MS);
    } catch (e) {
      // a 412 is said once the role is shown again as it is now
      if (changedMeanwhile(e)) await loadRole().catch(setFailure);
      const text = availabilityError(e, language);
      setNotice({ kind: 'error', text });
      announce(text);
    } finally {
      setSaving(false);
      focusAfter.current = 'availability-notice';
    }
  };

  const problemOf = (day, index, field) =>
    problems.find((p) => p.day === day && p.index === index && p.field === field);
  const zone = zoneName(new Date().toISOString(), language, me.zone);
  const day = (d) => t(language, `weekday.${d}`);

  return (
    <section aria-labelledby="availability-title" className="space-y-6">
      <h2 id="availability-title" className="text-2xl font-bold">
        {t(language, 'availability.title')}
      </h2>
      {failure && <p className="rounded-lg bg-red-50 p-3 text-red-800">{availabilityError(failure, language)}</p>}
      {!providers && !failure && <p>{t(language, 'app.loading')}</p>}
      {providers && (
        <div className="flex flex-wrap items-center gap-3">
          <label htmlFor="availability-provider" className="font-semibold">
            {t(language, 'availability.provider')}
          </label>
          <select
            id="availability-provider"
            className={`${fieldClass} min-w-64`}
            value={chosen}
            onChange={(e) => choose(e.target.value)}
          >
            <option value="">{t(language, 'availability.choose')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {providers.length === 0 && <p>{t(language, 'availability.noProviders')}</p>}
        </div>
      )}
      {chosen && form && (
        <>
          <p className="text-slate-700">
            {t(language, manager ? 'availability.managerNote' : 'availability.ownNote')}{' '}
            {t(language, 'availability.zone', { zone })}
          </p>
          <section aria-labelledby="hours-title" className="space-y-3">
            <h3 id="hours-title" className="text-xl font-semibold">
              {t(language, 'availability.hours')}
            </h3>
            {manager ? (
              WEEKDAYS.map((d) => (
                <fieldset key={d} className="rounded-lg border border-slate-300 p-3" data-testid={`hours-${d}`}>
                  <legend className="px-1 font-semibold">{day(d)}</legend>
                  {form.hours[d].length === 0 && <p className="text-slate-700">{t(language, 'availability.closed')}</p>}
                  <ul className="space-y-2">
                    {form.hours[d].map((range, i) => {
                      const id = `hours-${d}-${i}`;
                      const problem = problemOf(d, i, 'start') ?? problemOf(d, i, 'end');
                      return (
                        <li key={i} className="flex flex-wrap items-center gap-2">
                          <label htmlFor={`${id}-start`} className="sr-only">
                            {t(language, 'availability.fromOn', { day: day(d), n: i + 1 })}
                          </label>
                          <span aria-hidden="true">{t(language, 'availability.from')}</span>
                          <input
                            id={`${id}-start`}
                            type="time"
                            step="300"
                            className={fieldClass}
                            value={range.start}
                            aria-invalid={problemOf(d, i, 'start') ? true : undefined}
                            aria-describedby={problem ? `${id}-error` : undefined}
                            onChange={(e) => setRange(d, i, 'start', e.target.value)}
                          />
                          <label htmlFor={`${id}-end`} className="sr-only">
                            {t(language, 'availability.toOn', { day: day(d), n: i + 1 })}
                          </label>
                          <span aria-hidden="true">{t(language, 'availability.to')}</span>
                          <input
                            id={`${id}-end`}
                            type="time"
                            step="300"
                            className={fieldClass}
                            value={range.end}
                            aria-invalid={problemOf(d, i, 'end') ? true : undefined}
                            aria-describedby={problem ? `${id}-error` : undefined}
                            onChange={(e) => setRange(d, i, 'end', e.target.value)}
                          />
                          {(provider?.locations.length > 1 || range.location) && (
                            <>
                              <label htmlFor={`${id}-location`} className="sr-only">
                                {t(language, 'availability.place', { day: day(d), n: i + 1 })}
                              </label>
                              <select
                                id={`${id}-location`}
                                className={fieldClass}
                                value={range.location}
                                onChange={(e) => setRange(d, i, 'location', e.target.value)}
                              >
                                <option value="">{t(language, 'availability.everyPlace')}</option>
                                {(provider?.locations ?? []).map((l) => (
                                  <option key={l.reference} value={l.reference}>
                                    {l.name}
                                  </option>
                                ))}
                              </select>
                            </>
                          )}
                          <button
                            type="button"
                            className={dangerButton}
                            aria-label={t(language, 'availability.removeHours', {
                              start: range.start,
                              end: range.end,
                              day: day(d),
                            })}
                            onClick={() => removeRange(d, i)}
                          >
                            {t(language, 'availability.remove')}
                          </button>
                          {problem && (
                            <p id={`${id}-error`} className="w-full text-red-800">
                              {t(language, problem.key, problem.values)}
                            </p>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                  {breaksOf(form.hours[d]).map((b) => (
                    <p key={b.start} className="text-sm text-slate-700">
                      {t(language, 'availability.break', b)}
                    </p>
                  ))}
                  <button
                    id={`hours-${d}-add`}
                    type="button"
                    className={`${secondaryButton} mt-2`}
                    aria-label={t(language, 'availability.addHours', { day: day(d) })}
                    onClick={() => addRange(d)}
                  >
                    {t(language, 'availability.addHoursShort')}
                  </button>
                </fieldset>
              ))
            ) : (
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1" data-testid="hours-read-only">
                {WEEKDAYS.map((d) => (
                  <div key={d} className="contents">
                    <dt className="font-semibold">{day(d)}</dt>
                    <dd>
                      {form.hours[d].length
                        ? form.hours[d].map((r) => `${r.start}–${r.end}`).join(', ')
                        : t(language, 'availability.closed')}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </section>

          <section aria-labelledby="leave-title" className="space-y-3">
            <h3 id="leave-title" className="text-xl font-semibold">
              {t(language, 'leave.title')}
            </h3>
            {form.leave.length === 0 && <p>{t(language, 'leave.none')}</p>}
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300" data-testid="leave-list">
              {form.leave.map((l) => (
                <li key={l.key} className="flex flex-wrap items-center gap-3 p-3" data-testid="leave">
                  <span className="flex-1">
                    <span className="block font-semibold">{l.description}</span>
                    <span className="block text-sm text-slate-700">
                      {t(language, 'leave.days', {
                        from: when(l.start, l.wholeDays, language, me.zone),
                        to: when(l.end, l.wholeDays, language, me.zone),
                      })}
                    </span>
                  </span>
                  <button
                    type="button"
                    className={dangerButton}
                    aria-label={t(language, 'leave.remove', { description: l.description })}
                    onClick={() => removeLeave(l.key)}
                  >
                    {t(language, 'availability.remove')}
                  </button>
                </li>
              ))}
            </ul>
            <div className="flex flex-wrap items-end gap-3">
              {[
                ['description', 'text', 'leave.description'],
                ['from', 'date', 'leave.from'],
                ['to', 'date', 'leave.to'],
              ].map(([field, type, label]) => {
                const problem = draftProblems.find((p) => p.field === field);
                return (
                  <div key={field} className="flex flex-col">
                    <label htmlFor={`leave-${field}`} className="font-semibold">
                      {t(language, label)}
                    </label>
                    <input
                      id={`leave-${field}`}
                      type={type}
                      className={fieldClass}
                      value={draft[field]}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={problem ? `leave-${field}-error` : undefined}
                      onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
                    />
                    {problem && (
                      <p id={`leave-${field}-error`} className="max-w-56 text-red-800">
                        {t(language, problem.key, problem.values)}
                      </p>
                    )}
                  </div>
                );
              })}
              <button type="button" className={secondaryButton} onClick={addLeave}>
                {t(language, 'leave.add')}
              </button>
            </div>
          </section>

          <div className="flex flex-wrap items-center gap-3">
            <button type="button" className={primaryButton} disabled={saving || !dirty} onClick={save}>
              {saving ? t(language, 'availability.saving') : t(language, 'availability.save')}
            </button>
            <button
              type="button"
              className={secondaryButton}
              disabled={saving || !dirty}
              onClick={() => {
                setForm(formOf(role));
                setDirty(false);
                setProblems([]);
              }}
            >
              {t(language, 'availability.discard')}
            </button>
            {dirty && <span className="text-slate-700">{t(language, 'availability.unsaved')}</span>}
          </div>
          {notice && (
            <p
              id="availability-notice"
              tabIndex={-1}
              data-testid="availability-notice"
              className={`rounded-lg p-3 ${notice.kind === 'ok' ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-800'}`}
            >
              {notice.text}
            </p>
          )}

          <section aria-labelledby="move-title" className="space-y-3" data-testid="visits-to-move">
            <h3 id="move-title" className="text-xl font-semibold">
              {t(language, 'move.title')}
            </h3>
            <p className="text-slate-700">{t(language, 'move.intro')}</p>
            {visits && visits.length === 0 && <p>{t(language, 'move.none')}</p>}
            {visits && visits.length > 0 && (
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300">
                {visits.map((v) => (
                  <li
                    key={v.appointmentId}
                    className="flex flex-wrap gap-x-6 p-3"
                    data-testid="visit-to-move"
                    data-id={v.appointmentId}
                  >
                    <span className="font-semibold">{v.patientName ?? '—'}</span>
                    <span>{formatDateTime(v.start, language, me.zone)}</span>
                  </li>
                ))}
              </ul>
            )}
            <div className="flex flex-wrap items-center gap-3">
              {watchUntil > 0 && <p>{t(language, 'move.checking')}</p>}
              <button type="button" className={secondaryButton} onClick={() => loadVisits().catch(setFailure)}>
                {t(language, 'move.check')}
              </button>
            </div>
          </section>
        </>
      )}
    </section>
  );
}

/** A leave bound: a date as the day, a date and time in the clinic zone. */
function when(value, wholeDays, language, zone) {
  if (!value) return '…';
  return wholeDays ? formatDay(value, language) : formatDateTime(value, language, zone);
}
