// My appointments: upcoming and past with provider, place and time in the patient's time zone; cancel (after a
// confirmation); change the time — one $book that books the new time and cancels the old one together, so the old
// appointment stays when the new time cannot be had.
import { useEffect, useRef, useState } from 'react';
import {
  actorNames,
  bookingError,
  bookParameters,
  distinctTimes,
  errorMessage,
  idempotencyKeys,
  specialtyOf,
  splitAppointments,
  whoAndWhere,
} from './booking.js';
import { book, findTimes, TimeButton } from './Book.jsx';
import { formatDateTime, t } from './i18n.js';
import { Alert, dangerButton, Notice, secondaryButton, Status, useFhir } from './ui.jsx';

const sameInstant = (a, b) => new Date(a).getTime() === new Date(b).getTime();

function Reschedule({ client, language, patientId, appointment, names, onDone, onClose }) {
  const specialty = specialtyOf(appointment);
  const times = useFhir(
    () =>
      specialty
        ? findTimes(client, { patientId, specialty, count: 30, names }).then((found) =>
            // other times than the one the patient has
            distinctTimes(
              found.filter((time) => !sameInstant(time.start, appointment.start)),
              5,
            ),
          )
        : Promise.resolve([]),
    [specialty],
  );
  const [keys] = useState(idempotencyKeys);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function move(time) {
    setBusy(true);
    setError(null);
    try {
      const result = await book(
        client,
        bookParameters({
          patientId,
          specialty,
          locationId: time.locationId,
          start: time.start,
          end: time.end,
          replaces: appointment.id,
        }),
        keys.keyFor(time.key),
        names,
      );
      onDone(t(language, 'appointments.rescheduled', { when: formatDateTime(result.booked.start, language) }));
    } catch (e) {
      if (e?.status) {
        // the server refused: nothing changed
        setError(t(language, 'appointments.keptOld', { reason: bookingError(e, language) }));
        times.reload();
      } else {
        // no answer: the change may or may not have happened; show the appointments as they are now
        onDone(t(language, 'appointments.unconfirmed', { reason: errorMessage(e, language) }));
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mt-3 space-y-2 border-t border-slate-200 pt-3">
      <h4 className="font-semibold">{t(language, 'appointments.chooseTime')}</h4>
      <Status state={times} language={language}>
        <ul className="space-y-2">
          {(times.data ?? []).map((time) => (
            <li key={time.key}>
              <TimeButton time={time} language={language} disabled={busy} onClick={() => move(time)} />
            </li>
          ))}
        </ul>
        {times.data?.length === 0 && <p>{t(language, 'book.noTimes')}</p>}
      </Status>
      <Alert>{error}</Alert>
      <button type="button" onClick={onClose} className={`${secondaryButton} w-full`}>
        {t(language, 'appointments.close')}
      </button>
    </div>
  );
}

function Appointment({ client, language, patientId, appointment, names, active, onChanged }) {
  const [mode, setMode] = useState(null); // 'confirm-cancel' | 'reschedule'
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const { provider, place } = whoAndWhere(appointment, names);
  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      await client.request({
        url: `Appointment/${appointment.id}/$cancel`,
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Parameters' }),
      });
      onChanged(t(language, 'appointments.cancelled'));
    } catch (e) {
      setError(errorMessage(e, language));
      setBusy(false);
    }
  }
  return (
    <li
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      data-testid="appointment"
      data-id={appointment.id}
      data-active={String(active)}
    >
      <p className="font-semibold">{formatDateTime(appointment.start, language)}</p>
      <p className="text-slate-800">{[provider, place].filter(Boolean).join(' · ')}</p>
      <p className="text-sm text-slate-700">
        {t(language, `status.${appointment.status}`)}
        {appointment.priority === 1 && <> · {t(language, 'book.urgentBooked')}</>}
      </p>
      <Alert>{error}</Alert>
      {active && mode === null && (
        <div className="mt-3 flex gap-2">
          <button type="button" onClick={() => setMode('reschedule')} className={`${secondaryButton} flex-1`}>
            {t(language, 'appointments.reschedule')}
          </button>
          <button type="button" onClick={() => setMode('confirm-cancel')} className={`${dangerButton} flex-1`}>
            {t(language, 'appointments.cancel')}
          </button>
        </div>
      )}
      {mode === 'confirm-cancel' && (
        <div className="mt-3 space-y-2" role="group" aria-label={t(language, 'appointments.confirmCancel')}>
          <p className="font-medium">{t(language, 'appointments.confirmCancel')}</p>
          <div className="flex gap-2">
            <button type="button" disabled={busy} onClick={cancel} className={`${dangerButton} flex-1`}>
              {t(language, 'appointments.yesCancel')}
            </button>
            <button type="button" onClick={() => setMode(null)} className={`${secondaryButton} flex-1`}>
              {t(language, 'appointments.keep')}
            </button>
          </div>
        </div>
      )}
      {mode === 'reschedule' && (
        <Reschedule
          client={client}
          language={language}
          patientId={patientId}
          appointment={appointment}
          names={names}
          onDone={onChanged}
          onClose={() => setMode(null)}
        />
      )}
    </li>
  );
}

export default function Appointments({ client, language, patientId, clinic }) {
  const list = useFhir(
    () => client.request(`Appointment?patient=Patient/${patientId}&_include=Appointment:actor&_sort=-date&_count=100`),
    [patientId],
  );
  const [notice, setNotice] = useState(null);
  const noticeRef = useRef(null);
  // the button that changed the appointment is gone: the focus goes to what happened
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const changed = (message) => {
    setNotice(message);
    list.reload();
  };
  const names = new Map([...(clinic.data?.names ?? []), ...actorNames(list.data)]);
  const { upcoming, past } = splitAppointments(list.data);
  const item = (a, active) => (
    <Appointment
      key={a.id}
      client={client}
      language={language}
      patientId={patientId}
      appointment={a}
      names={names}
      active={active}
      onChanged={changed}
    />
  );
  return (
    <section aria-labelledby="appointments-title" className="space-y-4 p-4">
      <h2 id="appointments-title" className="text-xl font-semibold">
        {t(language, 'nav.appointments')}
      </h2>
      <Notice ref={noticeRef}>{notice}</Notice>
      <Status state={list} language={language}>
        <h3 className="font-semibold">{t(language, 'appointments.upcoming')}</h3>
        {upcoming.length ? (
          <ul className="space-y-3">{upcoming.map((a) => item(a, true))}</ul>
        ) : (
          <p className="text-slate-700">{t(language, 'appointments.none')}</p>
        )}
        {past.length > 0 && (
          <>
            <h3 className="pt-2 font-semibold">{t(language, 'appointments.past')}</h3>
            <ul className="space-y-3">{past.map((a) => item(a, false))}</ul>
          </>
        )}
      </Status>
    </section>
  );
}
