// Book: a kind of visit and a place, the next free times ($find), one tap to book ($book into the pool, with an
// Idempotency-Key kept for the retries of one attempt so that a double tap books once) and who was assigned and why.
import { useState } from 'react';
import {
  bookingError,
  bookingResult,
  directory,
  distinctTimes,
  fairness,
  findParameters,
  idempotencyKeys,
  proposals,
  whoAndWhere,
  bookParameters,
} from './booking.js';
import { formatDateTime, specialtyName, t } from './i18n.js';
import { Alert, fieldClass, primaryButton, Status, timeButton, useFhir } from './ui.jsx';

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

/** Free times of a specialty (at a place), with the names of providers and places from the clinic's directory. */
export function findTimes(client, { patientId, specialty, locationId, count, names }) {
  return client
    .request({
      url: 'Appointment/$find',
      method: 'POST',
      headers: json,
      body: JSON.stringify(findParameters({ patientId, specialty, locationId, count })),
    })
    .then((answer) => proposals(answer, names));
}

/** The clinic's kinds of visit, places and names ({@link directory}), read once for all screens. */
export function useClinic(client) {
  return useFhir(
    () => client.request('PractitionerRole?active=true&_include=PractitionerRole:location&_count=200').then(directory),
    [client],
  );
}

/** Why this provider, in the patient's words, with the server's own account under Details. */
function Why({ why, details, provider, language }) {
  const reason = fairness(why);
  return (
    <div className="mt-2 text-sm">
      <p>
        <span className="font-semibold">{t(language, 'book.why')}: </span>
        {reason ? t(language, reason.key, { ...reason.values, provider: provider ?? '—' }) : why.text}
      </p>
      {reason && (
        <details className="mt-1 text-slate-700">
          <summary className="cursor-pointer">{t(language, 'book.details')}</summary>
          <p className="mt-1 break-words">{details ?? why.text}</p>
        </details>
      )}
    </div>
  );
}

/** A free time: when, where, how many providers are free; tapping it books (or moves to) that time. */
export function TimeButton({ time, language, disabled, onClick }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      data-start={time.start}
      data-end={time.end}
      className={`${timeButton} flex w-full items-center justify-between gap-3 text-left`}
    >
      <span>
        <span className="block font-semibold">{formatDateTime(time.start, language)}</span>
        <span className="block text-sm text-slate-700">
          {[time.place, time.providers > 1 ? t(language, 'book.free', { count: time.providers }) : null]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </span>
      <span className="rounded-lg bg-teal-700 px-3 py-1 text-sm font-semibold text-white">
        {t(language, 'book.at')}
      </span>
    </button>
  );
}

export default function Book({ client, language, patientId, clinic, onBooked }) {
  const [chosen, setChosen] = useState({ specialty: null, locationId: '' });
  const specialty = chosen.specialty ?? clinic.data?.specialties[0]?.token ?? null;
  const { locationId } = chosen;
  const [urgent, setUrgent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [keys] = useState(idempotencyKeys);
  const times = useFhir(
    () =>
      specialty
        ? findTimes(client, { patientId, specialty, locationId, count: 30, names: clinic.data?.names }).then((found) =>
            distinctTimes(found, 5),
          )
        : Promise.resolve([]),
    [specialty, locationId, clinic.data],
  );

  async function submit(time) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      // a tapped time is booked at its own place; "the next one" at the chosen place or any
      const parameters = bookParameters({
        patientId,
        specialty,
        locationId: time?.locationId ?? locationId,
        urgent,
        start: time?.start,
        end: time?.end,
      });
      const target = time ? `${time.key}|${urgent}` : `next|${specialty}|${locationId}|${urgent}`;
      setResult(await book(client, parameters, keys.keyFor(target), clinic.data?.names));
      keys.clear();
      times.reload();
      onBooked?.();
    } catch (e) {
      // the key of this tap stays for its retry; what is free has changed
      setError(bookingError(e, language));
      times.reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="book-title" className="space-y-5 p-4">
      <h2 id="book-title" className="text-xl font-semibold">
        {t(language, 'nav.book')}
      </h2>
      <Status state={clinic} language={language}>
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block">
            <span className="font-medium">{t(language, 'book.kind')}</span>
            <select
              value={specialty ?? ''}
              onChange={(e) => setChosen({ ...chosen, specialty: e.target.value })}
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
              onChange={(e) => setChosen({ ...chosen, locationId: e.target.value })}
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
        </div>
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

      <button
        type="button"
        onClick={() => submit(null)}
        disabled={busy || !specialty}
        className={`${primaryButton} w-full`}
      >
        {busy ? t(language, 'book.booking') : t(language, 'book.cta')}
      </button>
      <p className="-mt-3 text-sm text-slate-700">{t(language, 'book.ctaHint')}</p>
      <Alert>{error}</Alert>
      {result?.booked && (
        <div
          role="status"
          className="rounded-lg border border-teal-700 bg-teal-50 p-4"
          data-testid="booked"
          data-id={result.booked.id}
        >
          <p className="font-semibold">
            {t(language, 'book.booked', {
              when: formatDateTime(result.booked.start, language),
              provider: result.provider ?? '—',
            })}
          </p>
          {result.place && <p>{t(language, 'book.where', { place: result.place })}</p>}
          {result.urgent && <p className="font-medium text-red-800">{t(language, 'book.urgentBooked')}</p>}
          {result.why && (
            <Why why={result.why} details={result.details} provider={result.provider} language={language} />
          )}
        </div>
      )}

      <div>
        <h3 className="mb-2 font-semibold">{t(language, 'book.next')}</h3>
        <Status state={times} language={language}>
          {times.data?.length ? (
            <ul className="space-y-2">
              {times.data.map((time) => (
                <li key={time.key}>
                  <TimeButton time={time} language={language} disabled={busy} onClick={() => submit(time)} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">{t(language, 'book.noTimes')}</p>
          )}
        </Status>
      </div>
    </section>
  );
}
