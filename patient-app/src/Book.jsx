// Book: a kind of visit, a place, a language spoken and optionally a provider (or the same doctor as last time); free
// times by day with the providers free then and more times on request ($find and its next link); a tap opens the
// review, and only Confirm books. For the next provider in turn (or a time several providers have free) the review
// first holds the pool's choice ($hold), so it shows exactly who and when; Confirm books that hold ($book), closing the
// review releases it. One provider's time is booked by its proposal. Each confirmed thing has an Idempotency-Key kept
// for its retries. Afterwards: who, when, why, add to calendar and the cancellation policy.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  bookingError,
  bookingResult,
  bookParameters,
  confirmParameters,
  directory,
  fairness,
  findParameters,
  holdResult,
  idempotencyKeys,
  newIdempotencyKey,
  nextLink,
  proposals,
  releasedHold,
  whoAndWhere,
} from './booking.js';
import { googleCalendarUrl, icsEvent, outlookCalendarUrl } from './calendar.js';
import { resolveDeepLink } from './deeplink.js';
import { explanationDetails } from './explain.js';
import { payerSaid } from '@mediwox/web-common/payer.js';
import PayerCards from './PayerCards.jsx';
import { formatDateTime, formatDay, formatTime, providerTitle, specialtyName, t, zoneName } from './i18n.js';
import Reminders from './Reminders.jsx';
import Review from './Review.jsx';
import {
  groupByDay,
  languageChoices,
  lastProvider,
  offeredTimes,
  sameKindSameDay,
  stepWeek,
  weekWindow,
} from './schedule.js';
import { fieldClass, primaryButton, secondaryButton, Status, timeButton, useAnnounce, useFhir } from './ui.jsx';

const json = { 'Content-Type': 'application/fhir+json' };

/** Posts $book; who and where are named from the clinic's directory (the pool's providers are all in it). */
export async function book(client, parameters, key, names = new Map()) {
  const answer = await client.request({
    url: 'Appointment/$book',
    method: 'POST',
    headers: { ...json, 'Idempotency-Key': key },
    body: JSON.stringify(parameters),
  });
  const result = bookingResult(answer);
  return { ...result, ...whoAndWhere(result.booked, names) };
}

/**
 * Holds the pool's choice ($hold with the pool's inputs): the provider whose turn it is, at their earliest free time in
 * the window (or at the one time asked for); what {@link holdResult} reads.
 */
export async function hold(client, parameters, key, names = new Map()) {
  const answer = await client.request({
    url: 'Appointment/$hold',
    method: 'POST',
    headers: { ...json, 'Idempotency-Key': key },
    body: JSON.stringify(parameters),
  });
  const held = holdResult(answer, names);
  if (!held) throw new Error('The answer holds no appointment');
  return held;
}

/**
 * Releases a hold the patient left: the held Appointment set cancelled, on the version held (a new hold is version 1),
 * so a hold that a lost Confirm booked meanwhile is refused (412), never cancelled.
 */
export function release(client, held) {
  return client.request({
    url: `Appointment/${held.id}`,
    method: 'PUT',
    headers: { ...json, 'If-Match': `W/"${held.meta?.versionId ?? '1'}"` },
    body: JSON.stringify(releasedHold(held)),
  });
}

/** The patient's booked and attended visits, latest first (for "same doctor as last time"). */
export function useVisits(client, patientId) {
  return useFhir(
    () =>
      client
        .request(
          `Appointment?patient=Patient/${patientId}&status=booked,arrived,checked-in,fulfilled&_sort=-date&_count=50`,
        )
        .then((bundle) =>
          (bundle?.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === 'Appointment'),
        ),
    [patientId],
  );
}

/** The clinic's kinds of visit, places, providers (with gender, for titles) and names ({@link directory}), read once. */
export function useClinic(client) {
  return useFhir(
    () =>
      client
        .request(
          'PractitionerRole?active=true&_include=PractitionerRole:location&_include=PractitionerRole:practitioner&_count=200',
        )
        .then(directory),
    [client],
  );
}

/** One page of free times ($find, or its next link): the proposals and the link to the next page. */
function findPage(client, request, names) {
  return client.request(request).then((answer) => ({ proposals: proposals(answer, names), next: nextLink(answer) }));
}

/**
 * Free times of a specialty (at a place, with a provider), page by page: {@code state} of the first page, all
 * proposals read so far, {@code more()} to read the next page (within the same window: $find's next link keeps it).
 * The window: {@code from}–{@code to} when given ({@code window} names it, e.g. the week's first day), else the next
 * 14 days.
 */
export function useFreeTimes(
  client,
  { patientId, specialty, locationId, practitioner, names, count = 60, from, to, window: span = null },
) {
  // one provider, or several (those who speak a language): compared by value, not by array identity
  const providers = [practitioner].flat().filter(Boolean).join(' ');
  const first = useFhir(
    () =>
      specialty
        ? findPage(
            client,
            {
              url: 'Appointment/$find',
              method: 'POST',
              headers: json,
              body: JSON.stringify(
                findParameters({
                  patientId,
                  specialty,
                  locationId,
                  practitioner: providers.split(' '),
                  count,
                  from,
                  to,
                }),
              ),
            },
            names,
          )
        : Promise.resolve({ proposals: [], next: null }),
    [specialty, locationId, providers, names, span],
  );
  const [extra, setExtra] = useState({ proposals: [], next: undefined, loading: false });
  useEffect(() => setExtra({ proposals: [], next: undefined, loading: false }), [first.data]);
  const next = extra.next === undefined ? first.data?.next : extra.next;
  async function more() {
    if (!next) return;
    setExtra((e) => ({ ...e, loading: true }));
    try {
      const page = await findPage(client, next, names);
      setExtra((e) => ({ proposals: [...e.proposals, ...page.proposals], next: page.next, loading: false }));
    } catch {
      setExtra((e) => ({ ...e, loading: false }));
    }
  }
  return {
    state: first,
    proposals: [...(first.data?.proposals ?? []), ...extra.proposals],
    hasMore: Boolean(next),
    loadingMore: extra.loading,
    more,
  };
}

/** The patient's appointments from today on (their times are never offered again; same-day visits are noticed). */
export function useOwnAppointments(client, patientId) {
  return useFhir(() => {
    const today = new Date(Date.now() - 864e5).toISOString().slice(0, 10);
    return client
      .request(`Appointment?patient=Patient/${patientId}&date=ge${today}&_count=100`)
      .then((bundle) => (bundle?.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === 'Appointment'));
  }, [patientId]);
}

/** The providers' names with the title in the patient's language. */
function providerNames(time, genders, language) {
  return time.providers.map((p) => providerTitle(p.name, genders.get(p.reference), language) ?? '—').join(', ');
}

/** A free time under its day: the time, the place, who is free; tapping it opens the review. */
export function TimeButton({ time, language, genders = new Map(), disabled, onClick, action }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      data-start={time.start}
      data-end={time.end}
      data-testid="time"
      className={`${timeButton} flex w-full items-center justify-between gap-3 text-left`}
    >
      <span>
        <span className="block font-semibold">{formatTime(time.start, language)}</span>
        <span className="block text-sm text-slate-700">
          {[time.place, t(language, 'book.withProviders', { names: providerNames(time, genders, language) })]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </span>
      <span className="rounded-lg bg-teal-700 px-3 py-1 text-sm font-semibold text-white">
        {action ?? t(language, 'book.choose')}
      </span>
    </button>
  );
}

/** Free times grouped by day (headings name the day; the zone is named once above the list). */
export function TimesByDay({ times, language, genders, disabled, onChoose, action, level = 4 }) {
  const Heading = `h${level}`;
  const days = groupByDay(times);
  if (!times.length) return null;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{zoneName(times[0].start, language)}</p>
      {days.map(({ day, times: list }) => (
        <div key={day}>
          <Heading className="mb-2 font-semibold capitalize">{formatDay(day, language)}</Heading>
          <ul className="space-y-2">
            {list.map((time) => (
              <li key={time.key}>
                <TimeButton
                  time={time}
                  language={language}
                  genders={genders}
                  disabled={disabled}
                  action={action}
                  onClick={() => onChoose(time)}
                />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

/**
 * Why this provider, in the patient's words; Details says how the pool chose, from the explanation's values in the
 * patient's language (never the server's English sentence).
 */
function Why({ why, provider, kind, place, nameOf, language }) {
  const reason = fairness(why);
  const details = explanationDetails(why, { language, provider, kind, place, nameOf });
  return (
    <div className="mt-2 text-sm">
      <p>
        <span className="font-semibold">{t(language, 'book.why')}: </span>
        {reason
          ? t(language, reason.key, { ...reason.values, provider: provider ?? '—' })
          : t(language, 'book.whyGeneral')}
      </p>
      {details.length > 0 && (
        <details className="mt-1 text-slate-700" data-testid="why-details">
          <summary className="flex min-h-11 cursor-pointer items-center">{t(language, 'book.details')}</summary>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** Add to calendar: an .ics file and Google/Outlook links for a booked appointment. */
export function AddToCalendar({ appointment, title, place, language }) {
  const event = {
    id: appointment.id,
    host: window.location.hostname,
    start: appointment.start,
    end: appointment.end,
    title,
    location: place,
  };
  const ics = useMemo(
    () => `data:text/calendar;charset=utf-8,${encodeURIComponent(icsEvent(event))}`,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [appointment.id, appointment.start, title, place],
  );
  const link = `${secondaryButton} inline-flex items-center text-sm`;
  return (
    <div className="mt-3">
      <p className="font-semibold">{t(language, 'after.calendar')}</p>
      <div className="mt-1 flex flex-wrap gap-2">
        <a className={link} href={ics} download={`appointment-${appointment.id}.ics`} data-testid="ics">
          {t(language, 'after.ics')}
        </a>
        <a className={link} href={googleCalendarUrl(event)} target="_blank" rel="noreferrer">
          {t(language, 'after.google')}
        </a>
        <a className={link} href={outlookCalendarUrl(event)} target="_blank" rel="noreferrer">
          {t(language, 'after.outlook')}
        </a>
      </div>
    </div>
  );
}

/** The booked appointment: who, when, where, why; add to calendar; the cancellation policy; how reminders come. */
const Booked = ({ client, patientId, result, language, specialty, genders, names, resultRef }) => {
  const provider = providerTitle(result.provider, genders.get(result.providerRef), language);
  const nameOf = (reference) => providerTitle(names?.get(reference), genders.get(reference), language) ?? null;
  const title = t(language, 'after.eventTitle', {
    kind: specialtyName(specialty, language),
    provider: provider ?? '—',
  });
  return (
    <div
      ref={resultRef}
      tabIndex={-1}
      className="rounded-lg border border-teal-700 bg-teal-50 p-4 focus:outline-none focus-visible:ring-2"
      data-testid="booked"
      data-id={result.booked.id}
    >
      <p className="font-semibold">
        {t(language, 'book.booked', { when: formatDateTime(result.booked.start, language), provider: provider ?? '—' })}
      </p>
      {result.place && <p>{t(language, 'book.where', { place: result.place })}</p>}
      {result.urgent && <p className="font-medium text-red-800">{t(language, 'book.urgentBooked')}</p>}
      {result.why && (
        <Why
          why={result.why}
          provider={provider}
          kind={specialtyName(specialty, language)}
          place={result.place}
          nameOf={nameOf}
          language={language}
        />
      )}
      <PayerCards news={result.payer} language={language} level={3} />
      <AddToCalendar appointment={result.booked} title={title} place={result.place} language={language} />
      <p className="mt-3 text-sm" data-testid="policy">
        {t(language, 'after.policy')}
      </p>
      <Reminders client={client} language={language} patientId={patientId} />
    </div>
  );
};

/** The days of a week in words: "Saturday, December 5 to Friday, December 11". */
const weekRange = (week, language) =>
  t(language, 'book.weekRange', { from: formatDay(week.first, language), to: formatDay(week.last, language) });

/**
 * Which week of free times: a date field (the week from that day) and Previous/Next week, then the week's days in
 * words. Previous week is disabled on the current week; the focus then goes to Next week rather than being lost.
 */
function WeekPicker({ week, language, onWeek, rangeRef }) {
  const nextRef = useRef(null);
  // what the patient is typing: a week is taken only from a whole date from today on (not from "0002-12-20")
  const [typed, setTyped] = useState(week.first);
  useEffect(() => setTyped(week.first), [week.first]);
  const go = (first) => {
    onWeek(first);
    return weekWindow(first);
  };
  const today = weekWindow(null).first;
  return (
    <div className="mb-4 space-y-3">
      <div className="grid grid-cols-2 items-end gap-2 sm:flex">
        <label className="col-span-2 block sm:w-56">
          <span className="font-medium">{t(language, 'book.weekFrom')}</span>
          <input
            type="date"
            name="week"
            min={today}
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && e.target.value >= today) go(e.target.value);
            }}
            className={fieldClass}
          />
        </label>
        <button
          type="button"
          disabled={week.current}
          onClick={() => {
            if (go(stepWeek(week.first, -1)).current) nextRef.current?.focus();
          }}
          className={secondaryButton}
        >
          {t(language, 'book.previousWeek')}
        </button>
        <button type="button" ref={nextRef} onClick={() => go(stepWeek(week.first, 1))} className={secondaryButton}>
          {t(language, 'book.nextWeek')}
        </button>
      </div>
      <p
        ref={rangeRef}
        tabIndex={-1}
        className="font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-700"
        data-testid="week"
      >
        {weekRange(week, language)}
      </p>
    </div>
  );
}

/** Whether the review first holds the pool's choice: the next provider in turn, or a time several providers have free. */
const needsHold = (time) => !time || time.providers.length > 1;

/**
 * What a booking deep link ({@code /app/?slot=<id>}) came to: while its Slot is read, "opening"; when the Slot is no
 * longer free (or not found), why, with the other free times of the same kind of visit and place listed below.
 * Focused and announced when it appears.
 */
function DeepLinkNote({ linked, language, clinic }) {
  const announce = useAnnounce();
  const ref = useRef(null);
  const found = linked.data;
  let text = null;
  if (!found) text = t(language, 'deepLink.opening');
  else if (found.state === 'taken' && found.target?.specialty) {
    const place = clinic?.locations.find((l) => l.id === found.target.locationId)?.name;
    text = t(language, place ? 'deepLink.taken' : 'deepLink.takenAnyPlace', {
      when: formatDateTime(found.start, language),
      kind: specialtyName(found.target.specialty, language),
      place,
    });
  } else if (found.state !== 'open') text = t(language, 'deepLink.unknown');
  useEffect(() => {
    if (!found || found.state === 'open' || !text) return;
    announce(text);
    ref.current?.focus();
  }, [found, text, announce]);
  return (
    <Status state={linked} language={language}>
      {text && (
        <p
          ref={ref}
          tabIndex={-1}
          data-testid="deep-link"
          data-state={found?.state ?? 'opening'}
          className="rounded-lg bg-amber-50 p-3 text-amber-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-700"
        >
          {text}
        </p>
      )}
    </Status>
  );
}

export default function Book({ client, language, patientId, clinic, own, deepLink = null }) {
  const announce = useAnnounce();
  const [chosen, setChosen] = useState({ specialty: null, locationId: '', practitioner: '', spoken: '' });
  const specialty = chosen.specialty ?? clinic.data?.specialties[0]?.token ?? null;
  const { locationId, practitioner, spoken } = chosen;
  const [urgent, setUrgent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  // { time, attempt, holdKey, hold } (null time: the next provider in turn; hold: { status: holding|held|failed, … })
  const [review, setReview] = useState(null);
  const attempts = useRef(0);
  const [error, setError] = useState(null);
  const [keys] = useState(idempotencyKeys);
  const resultRef = useRef(null);
  const weekRef = useRef(null);
  const returnFocus = useRef(null);
  const names = clinic.data?.names;
  const genders = clinic.data?.genders ?? new Map();
  const visits = useVisits(client, patientId);
  const roles = (clinic.data?.roles ?? []).filter(
    (r) => r.specialties.includes(specialty) && (!locationId || r.locations.includes(`Location/${locationId}`)),
  );
  const spokenChoices = languageChoices(roles, language);
  // by language: the providers who speak it (the patient then chooses among them, outside the rotation)
  const speakers = spoken ? roles.filter((r) => r.languages.includes(spoken)).map((r) => r.reference) : [];
  // the week of free times shown: from today, or from the day the patient chose (the date field or a week's step)
  const [weekFirst, setWeekFirst] = useState(null);
  const week = weekWindow(weekFirst);
  const showWeek = (first) => {
    setWeekFirst(first);
    const shown = weekWindow(first);
    announce(weekRange(shown, language));
  };
  const free = useFreeTimes(client, {
    patientId,
    specialty,
    locationId,
    practitioner: practitioner || speakers,
    names,
    from: week.start,
    to: week.end,
    window: week.first,
  });
  const times = offeredTimes(free.proposals, own.data ?? [], { perProvider: Boolean(spoken) });
  const last = lastProvider(visits.data, specialty);
  const lastRole = (clinic.data?.roles ?? []).find((r) => r.reference === last && r.specialties.includes(specialty));
  const locationOf = (id) => clinic.data?.locations.find((l) => l.id === id) ?? null;

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  // a booking deep link: its Slot read once the clinic directory and the patient's appointments are known
  const ready = Boolean(deepLink && clinic.data && own.data);
  const linked = useFhir(
    () =>
      ready
        ? resolveDeepLink(client, { slotId: deepLink.slot, patientId, clinic: clinic.data, own: own.data })
        : Promise.resolve(null),
    [deepLink, ready],
  );
  const linkedFound = linked.data;
  useEffect(() => {
    if (!linkedFound) return;
    const { target } = linkedFound;
    // the same kind of visit and place as the linked time: its review, or the other free times there
    if (target?.specialty)
      setChosen((c) => ({
        ...c,
        specialty: target.specialty,
        locationId: target.locationId ?? '',
        practitioner: '',
        spoken: '',
      }));
    if (linkedFound.state === 'open') {
      returnFocus.current = null;
      open(linkedFound.time);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linkedFound]);

  /** Holds the pool's choice for the review {@code attempt}; a hold that answers after the review closed is released. */
  async function placeHold(time, key, attempt) {
    setReview((r) => (r?.attempt === attempt ? { ...r, hold: { status: 'holding' } } : r));
    try {
      const parameters = bookParameters({
        patientId,
        specialty,
        locationId: time?.locationId ?? (locationId || null),
        urgent,
        start: time?.start,
        end: time?.end,
      });
      const held = await hold(client, parameters, key, names);
      if (attempts.current !== attempt) {
        release(client, held.appointment).catch(() => {});
        return;
      }
      setReview((r) => (r?.attempt === attempt ? { ...r, hold: { status: 'held', ...held } } : r));
      announce(t(language, 'review.heldFor', { provider: held.provider ?? '—' }));
    } catch (e) {
      if (attempts.current === attempt)
        setReview((r) =>
          r?.attempt === attempt ? { ...r, hold: { status: 'failed', error: bookingError(e, language) } } : r,
        );
    }
  }

  async function confirm(comment) {
    const time = review.time;
    const held = review.hold?.status === 'held' ? review.hold : null;
    if (needsHold(time) && !held) return;
    setBusy(true);
    setError(null);
    try {
      // held: exactly the provider and time the review shows; one provider free then: that provider's proposal
      const parameters = held
        ? confirmParameters({ patientId, heldId: held.appointment.id, comment })
        : bookParameters({ patientId, specialty, proposalId: time.providers[0].proposalId, urgent, comment });
      const target = held ? `held|${held.appointment.id}|${comment}` : `${time.key}|${urgent}|${comment}`;
      const booked = await book(client, parameters, keys.keyFor(target), names);
      const providerRef = booked.booked?.participant
        ?.map((p) => p.actor?.reference)
        .find((r) => r?.startsWith('PractitionerRole/'));
      keys.clear();
      attempts.current += 1;
      setReview(null);
      setResult({ ...booked, providerRef });
      announce(
        [
          t(language, 'book.booked', { when: formatDateTime(booked.booked.start, language), provider: '' }),
          ...payerSaid(booked.payer, language, t),
        ].join(' '),
      );
      free.state.reload();
      own.reload();
      visits.reload();
    } catch (e) {
      // the key of this tap stays for its retry; what is free has changed
      setError(bookingError(e, language));
      free.state.reload();
      own.reload();
    } finally {
      setBusy(false);
    }
  }

  const open = (time) => {
    setError(null);
    const attempt = ++attempts.current;
    if (!needsHold(time)) {
      setReview({ time, attempt });
      return;
    }
    // one key per opening of the review: a retry of this hold takes no second turn; reopening holds anew
    const holdKey = newIdempotencyKey();
    setReview({ time, attempt, holdKey, hold: { status: 'holding' } });
    placeHold(time, holdKey, attempt);
  };
  const openFrom = (time) => (event) => {
    returnFocus.current = event?.currentTarget ?? document.activeElement;
    open(time);
  };
  const close = () => {
    const held = review?.hold?.status === 'held' ? review.hold.appointment : null;
    attempts.current += 1;
    setReview(null);
    setError(null);
    if (held) {
      // the time goes back to others at once (else it would wait for the hold to lapse); a hold booked meanwhile stays
      release(client, held)
        .catch(() => {})
        .finally(() => {
          free.state.reload();
          own.reload();
        });
    }
    // back where the patient was: the time they tapped, or the first time when the list changed meanwhile
    // after the dialog is gone (a modal dialog keeps the focus inside while it is open)
    setTimeout(() => {
      const target = returnFocus.current?.isConnected
        ? returnFocus.current
        : document.querySelector('[data-testid=time]');
      target?.focus();
    });
  };

  const reviewStart = review?.hold?.start ?? review?.time?.start;
  const sameDay =
    reviewStart &&
    sameKindSameDay({ start: reviewStart, specialty, own: own.data ?? [], except: review.hold?.appointment?.id });
  const reviewLocation = review
    ? (locationOf(review.hold?.locationId ?? review.time?.locationId ?? locationId) ??
      (review.hold?.place || review.time ? { name: review.hold?.place ?? review.time.place } : null))
    : null;

  return (
    <section aria-labelledby="screen-title" className="space-y-5 p-4">
      <h2 id="screen-title" tabIndex={-1} className="text-xl font-semibold focus:outline-none">
        {t(language, 'nav.book')}
      </h2>
      {deepLink && <DeepLinkNote linked={linked} language={language} clinic={clinic.data} />}
      <Status state={clinic} language={language}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <label className="block">
            <span className="font-medium">{t(language, 'book.kind')}</span>
            <select
              value={specialty ?? ''}
              onChange={(e) => setChosen({ ...chosen, specialty: e.target.value, practitioner: '', spoken: '' })}
              className={fieldClass}
              name="specialty"
            >
              {clinic.data?.specialties.map((s) => (
                <option key={s.token} value={s.token}>
                  {specialtyName(s.token, language, s.display)}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="font-medium">{t(language, 'book.location')}</span>
            <select
              value={locationId}
              onChange={(e) => setChosen({ ...chosen, locationId: e.target.value, practitioner: '', spoken: '' })}
              className={fieldClass}
              name="location"
            >
              <option value="">{t(language, 'book.anyLocation')}</option>
              {clinic.data?.locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="font-medium">{t(language, 'book.spoken')}</span>
            <select
              value={spoken}
              onChange={(e) => setChosen({ ...chosen, spoken: e.target.value, practitioner: '' })}
              className={fieldClass}
              name="spoken"
            >
              <option value="">{t(language, 'book.anyLanguage')}</option>
              {spokenChoices.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="font-medium">{t(language, 'book.provider')}</span>
            <select
              value={practitioner}
              onChange={(e) => setChosen({ ...chosen, practitioner: e.target.value })}
              className={fieldClass}
              name="provider"
            >
              <option value="">{t(language, 'book.anyProvider')}</option>
              {roles
                .filter((r) => !spoken || r.languages.includes(spoken))
                .map((r) => (
                  <option key={r.reference} value={r.reference}>
                    {providerTitle(r.name, genders.get(r.reference), language)}
                    {r.reference === last ? ` · ${t(language, 'book.lastTime')}` : ''}
                  </option>
                ))}
            </select>
          </label>
        </div>
        {lastRole && (
          <button
            type="button"
            aria-pressed={practitioner === lastRole.reference}
            onClick={() =>
              setChosen({
                ...chosen,
                practitioner: practitioner === lastRole.reference ? '' : lastRole.reference,
                locationId: lastRole.locations.includes(`Location/${locationId}`) ? locationId : '',
                spoken: '',
              })
            }
            className={`${secondaryButton} mt-4 w-full sm:w-auto`}
            data-testid="same-doctor"
          >
            {t(language, 'book.sameDoctor', {
              name: providerTitle(lastRole.name, genders.get(lastRole.reference), language),
            })}
          </button>
        )}
        <label className="mt-4 flex items-start gap-3">
          <input
            type="checkbox"
            checked={urgent}
            onChange={(e) => setUrgent(e.target.checked)}
            className="mt-1 h-5 w-5 accent-red-700"
            name="urgent"
          />
          <span>
            <span className="font-medium">{t(language, 'book.urgent')}</span>
            <span className="block text-sm text-slate-700">{t(language, 'book.urgentHint')}</span>
          </span>
        </label>
      </Status>

      {spoken && !practitioner && <p className="text-sm text-slate-700">{t(language, 'book.byLanguageHint')}</p>}
      {!practitioner && !spoken && (
        <>
          <button
            type="button"
            onClick={openFrom(null)}
            disabled={busy || !specialty}
            className={`${primaryButton} w-full`}
          >
            {t(language, 'book.cta')}
          </button>
          <p className="-mt-3 text-sm text-slate-700">{t(language, 'book.ctaHint')}</p>
        </>
      )}
      {result?.booked && (
        <Booked
          client={client}
          patientId={patientId}
          result={result}
          language={language}
          specialty={specialty}
          genders={genders}
          names={names}
          resultRef={resultRef}
        />
      )}

      <div>
        <h3 className="mb-2 font-semibold">{t(language, 'book.next')}</h3>
        <WeekPicker week={week} language={language} onWeek={showWeek} rangeRef={weekRef} />
        <Status state={free.state} language={language}>
          {times.length ? (
            <TimesByDay
              times={times}
              language={language}
              genders={genders}
              disabled={busy}
              onChoose={(time) => {
                returnFocus.current = document.activeElement;
                open(time);
              }}
            />
          ) : (
            <div className="space-y-3" data-testid="empty-week">
              <p className="text-slate-700">{t(language, 'book.noTimesWeek')}</p>
              <button
                type="button"
                onClick={() => {
                  // the button goes with the empty week: the focus goes to the week shown now
                  showWeek(stepWeek(week.first, 1));
                  weekRef.current?.focus();
                }}
                className={`${secondaryButton} w-full sm:w-auto`}
              >
                {t(language, 'book.showNextWeek')}
              </button>
            </div>
          )}
          {free.hasMore ? (
            <button
              type="button"
              onClick={free.more}
              disabled={free.loadingMore}
              className={`${secondaryButton} mt-3 w-full`}
            >
              {free.loadingMore ? t(language, 'state.loading') : t(language, 'book.more')}
            </button>
          ) : (
            times.length > 0 && <p className="mt-3 text-sm text-slate-700">{t(language, 'book.noMoreWeek')}</p>
          )}
        </Status>
      </div>
      {review && (
        <Review
          language={language}
          clinic={clinic.data}
          specialty={specialty}
          time={review.time}
          location={reviewLocation}
          urgent={urgent}
          sameDay={sameDay}
          hold={review.hold}
          onRetryHold={() => placeHold(review.time, review.holdKey, review.attempt)}
          busy={busy}
          error={error}
          onConfirm={confirm}
          onClose={close}
        />
      )}
    </section>
  );
}
