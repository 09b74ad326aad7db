import { useCallback, useEffect, useRef, useState } from 'react';
import {
  bookingResult,
  bookParameters,
  directory,
  errorMessage,
  findParameters,
  newIdempotencyKey,
  proposals,
  providerName,
  specialtyOf,
  upcoming,
  whyText,
} from './booking.js';
import { FRESH, personName } from './day.js';
import { formatDateTime, t } from './i18n.js';
import { payerNews, payerSaid } from './coverage.js';
import PayerCards from './PayerCards.jsx';
import { dangerButton, fieldClass, primaryButton, secondaryButton, useAnnounce } from './ui.jsx';

const json = { 'Content-Type': 'application/fhir+json' };

/**
 * Booking for the launched patient: into a pool (the next provider in turn, who and when and why shown after), or a
 * time of a chosen provider ($find); the patient's upcoming appointments with reschedule ($book naming the old one)
 * and cancel ($cancel).
 */
export default function Booking({ client, patient, zone, language }) {
  const [clinic, setClinic] = useState(null);
  const [kind, setKind] = useState('');
  const [provider, setProvider] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [times, setTimes] = useState(null);
  const [result, setResult] = useState(null);
  const [problem, setProblem] = useState(null);
  const [busy, setBusy] = useState(false);
  const [appointments, setAppointments] = useState(null);
  const [moving, setMoving] = useState(null);
  const announce = useAnnounce();
  const resultRef = useRef(null);
  const problemRef = useRef(null);
  const timesRef = useRef(null);
  const name = personName(patient) ?? `Patient/${patient.id}`;

  const loadAppointments = useCallback(async () => {
    const bundle = await client.request({
      url: `Appointment?patient=Patient/${patient.id}&date=ge${new Date().toISOString().slice(0, 10)}&_sort=date&_count=100`,
      headers: FRESH,
    });
    setAppointments(upcoming(bundle));
  }, [client, patient.id]);

  useEffect(() => {
    client
      .request('PractitionerRole?active=true&_count=200')
      .then((bundle) => {
        const d = directory(bundle);
        setClinic(d);
        setKind((k) => k || d.kinds[0]?.token || '');
      })
      .catch(setProblem);
    loadAppointments().catch(setProblem);
  }, [client, loadAppointments]);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const when = (iso) => formatDateTime(iso, language, zone);

  const book = async (parameters) => {
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      const answer = await client.request({
        url: 'Appointment/$book',
        method: 'POST',
        headers: { ...json, 'Idempotency-Key': newIdempotencyKey() },
        body: JSON.stringify(parameters),
      });
      const booked = bookingResult(answer);
      const who = providerName(booked.booked, clinic?.names);
      const said = t(language, moving ? 'book.moved' : 'book.booked', {
        provider: who,
        when: when(booked.booked.start),
      });
      setResult({ ...booked, who, said });
      setTimes(null);
      setMoving(null);
      announce([said, ...payerSaid(booked.payer, language)].join(' '));
      await loadAppointments();
    } catch (e) {
      const text = errorMessage(e, language);
      setProblem(text);
      announce(text);
    } finally {
      setBusy(false);
    }
  };

  const bookPool = () => book(bookParameters({ patientId: patient.id, specialty: kind, urgent, replaces: moving?.id }));

  const find = async () => {
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      const answer = await client.request({
        url: 'Appointment/$find',
        method: 'POST',
        headers: json,
        body: JSON.stringify(
          findParameters({ patientId: patient.id, specialty: kind, practitioner: provider || undefined }),
        ),
      });
      setTimes(proposals(answer, clinic?.names));
      setTimeout(() => timesRef.current?.focus(), 0);
    } catch (e) {
      setProblem(errorMessage(e, language));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (appointment) => {
    setProblem(null);
    try {
      await client.request({
        url: `Appointment/${appointment.id}/$cancel`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ resourceType: 'Parameters' }),
      });
      const said = t(language, 'appointments.cancelled', { when: when(appointment.start) });
      setResult({ said });
      announce(said);
      await loadAppointments();
    } catch (e) {
      setProblem(errorMessage(e, language));
    }
  };

  const reschedule = (appointment) => {
    setMoving(appointment);
    setResult(null);
    const same = specialtyOf(appointment);
    if (same) setKind(same);
    setTimeout(() => document.getElementById('book-title')?.focus(), 0);
  };

  const providers = (clinic?.providers ?? []).filter((p) => !kind || p.kinds.includes(kind));

  return (
    <>
      <section aria-labelledby="book-title" className="space-y-4">
        <h2 id="book-title" tabIndex={-1} className="text-2xl font-bold">
          {t(language, 'book.title', { patient: name })}
        </h2>
        {moving && (
          <p className="flex flex-wrap items-center gap-3 rounded-lg bg-blue-50 p-3">
            {t(language, 'appointments.moving', { when: when(moving.start) })}
            <button type="button" className={secondaryButton} onClick={() => setMoving(null)}>
              {t(language, 'appointments.stopMoving')}
            </button>
          </p>
        )}
        <div className="flex flex-wrap items-end gap-4">
          <label className="flex flex-col gap-1">
            {t(language, 'book.specialty')}
            <select className={fieldClass} value={kind} onChange={(e) => setKind(e.target.value)}>
              {(clinic?.kinds ?? []).map((k) => (
                <option key={k.token} value={k.token}>
                  {k.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" className="h-6 w-6" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
            {t(language, 'book.urgent')}
          </label>
          <button type="button" className={primaryButton} disabled={busy || !kind} onClick={bookPool}>
            {t(language, 'book.pool')}
          </button>
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <label className="flex flex-col gap-1">
            {t(language, 'book.provider')}
            <select className={fieldClass} value={provider} onChange={(e) => setProvider(e.target.value)}>
              <option value="">{t(language, 'book.anyProvider')}</option>
              {providers.map((p) => (
                <option key={p.role} value={p.practitioner}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className={secondaryButton} disabled={busy || !kind} onClick={find}>
            {t(language, 'book.find')}
          </button>
        </div>
        {problem && (
          <p ref={problemRef} tabIndex={-1} data-testid="problem" className="rounded-lg bg-red-50 p-3 text-red-800">
            {problem}
          </p>
        )}
        {result && (
          <div
            ref={resultRef}
            tabIndex={-1}
            data-testid="booked"
            data-id={result.booked?.id ?? ''}
            className="rounded-lg bg-green-50 p-3 text-green-900"
          >
            <p className="font-semibold">{result.said}</p>
            {result.booked && (
              <p data-testid="why">
                <span className="font-semibold">{t(language, 'book.why')}: </span>
                {whyText(result.why, result.who, language)}
              </p>
            )}
            <PayerCards news={result.payer} language={language} level={3} />
          </div>
        )}
        {times && (
          <div className="space-y-2">
            <h3 ref={timesRef} tabIndex={-1} className="text-xl font-semibold">
              {t(language, 'book.times')}
            </h3>
            {times.length === 0 && <p>{t(language, 'book.noTimes')}</p>}
            <ul className="flex flex-wrap gap-2">
              {times.map((time) => (
                <li key={`${time.id}-${time.start}`}>
                  <button
                    type="button"
                    className={secondaryButton}
                    disabled={busy}
                    onClick={() =>
                      book(bookParameters({ patientId: patient.id, proposalId: time.id, urgent, replaces: moving?.id }))
                    }
                  >
                    {t(language, 'book.bookTime', { time: when(time.start), provider: time.provider ?? '—' })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <section aria-labelledby="appointments-title" className="space-y-3">
        <h2 id="appointments-title" className="text-2xl font-bold">
          {t(language, 'appointments.title', { patient: name })}
        </h2>
        {appointments && appointments.length === 0 && <p>{t(language, 'appointments.none')}</p>}
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300">
          {(appointments ?? []).map((a) => (
            <li
              key={a.id}
              data-testid="patient-appointment"
              data-id={a.id}
              className="flex flex-wrap items-center gap-3 p-3"
            >
              <span className="flex-1">
                <span className="block font-semibold">{when(a.start)}</span>
                <span className="block text-sm text-slate-700">
                  {providerName(a, clinic?.names) ?? '—'} · {t(language, `status.${a.status}`)}
                </span>
              </span>
              <button
                type="button"
                className={secondaryButton}
                aria-label={t(language, 'appointments.rescheduleFor', { when: when(a.start) })}
                onClick={() => reschedule(a)}
              >
                {t(language, 'appointments.reschedule')}
              </button>
              <button
                type="button"
                className={dangerButton}
                aria-label={t(language, 'appointments.cancelFor', { when: when(a.start) })}
                onClick={() => cancel(a)}
              >
                {t(language, 'appointments.cancel')}
              </button>
              <PayerCards news={payerNews(a)} language={language} level={3} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
