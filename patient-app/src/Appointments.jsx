// My appointments: upcoming and past with provider, place, status in words and time in the patient's zone. Read
// without includes (one participant the patient may not read must not blank the page): names come from the clinic's
// directory, the rest are read one by one and shown as "—" when they cannot be. Change time offers the same
// provider's times first and keeps urgency (one $book that books the new time and cancels the old one together);
// cancel asks for a reason (HL7's patient cancellation reasons).
import { useEffect, useRef, useState } from 'react';
import {
  actorNames,
  bookingError,
  bookParameters,
  errorMessage,
  idempotencyKeys,
  specialtyOf,
  splitAppointments,
  whoAndWhere,
} from './booking.js';
import { book, TimesByDay, useFreeTimes } from './Book.jsx';
import { formatDateTime, providerTitle, t } from './i18n.js';
import { payerNews, payerSaid } from '@mediwox/web-common/payer.js';
import PayerCards from './PayerCards.jsx';
import Reminders from './Reminders.jsx';
import Review from './Review.jsx';
import { HL7_CANCEL_REASON, offeredTimes, PATIENT_CANCEL_REASONS, sameKindSameDay, statusKey } from './schedule.js';
import { Alert, dangerButton, fieldClass, Notice, secondaryButton, Status, useFhir } from './ui.jsx';
import { Offer, WaitlistControls } from './Waitlist.jsx';
import { isWaitlistAppointment, waitlistByBooked } from './waitlist.js';

/** The references of an appointment's provider and place that have no name yet (no display, not in the directory). */
function unnamed(appointments, names) {
  const references = new Set();
  for (const a of appointments)
    for (const p of a.participant ?? []) {
      const ref = p.actor?.reference;
      if (ref && !p.actor.display && /^(PractitionerRole|Practitioner|Location)\//.test(ref) && !names.has(ref))
        references.add(ref);
    }
  return [...references];
}

/** The names of what the directory lacks, each read on its own: one that cannot be read stays unnamed ("—"). */
function useMissingNames(client, appointments, names) {
  const [found, setFound] = useState(new Map());
  const missing = unnamed(appointments, names)
    .filter((r) => !found.has(r))
    .join(',');
  useEffect(() => {
    if (!missing) return;
    const references = missing.split(',');
    Promise.allSettled(references.map((r) => client.request(r))).then((results) => {
      const bundle = { entry: results.filter((r) => r.status === 'fulfilled').map((r) => ({ resource: r.value })) };
      const read = actorNames(bundle);
      setFound((old) => new Map([...old, ...references.map((r) => [r, read.get(r) ?? null])]));
    });
  }, [client, missing]);
  return found;
}

/** One list of times to move an appointment to, with its empty message and "more" button. */
function MoveTimes({ search, times, empty, language, genders, busy, onChoose }) {
  return (
    <Status state={search.state} language={language}>
      <TimesByDay
        times={times}
        language={language}
        genders={genders}
        disabled={busy}
        onChoose={onChoose}
        action={t(language, 'appointments.moveTo')}
        level={5}
      />
      {times.length === 0 && <p>{empty}</p>}
      {search.hasMore && (
        <button type="button" onClick={search.more} className={`${secondaryButton} w-full`}>
          {t(language, 'book.more')}
        </button>
      )}
    </Status>
  );
}

function Reschedule({ client, language, patientId, appointment, clinic, own, names, provider, onDone, onClose }) {
  const specialty = specialtyOf(appointment);
  const role = appointment.participant?.map((p) => p.actor?.reference).find((r) => r?.startsWith('PractitionerRole/'));
  const urgent = appointment.priority === 1;
  const [others, setOthers] = useState(false);
  const same = useFreeTimes(client, { patientId, specialty, practitioner: role ?? null, names, count: 30 });
  const all = useFreeTimes(client, { patientId, specialty: others || !role ? specialty : null, names, count: 60 });
  const ownList = own.data ?? [];
  const sameTimes = role ? offeredTimes(same.proposals, ownList) : [];
  const otherTimes = offeredTimes(
    all.proposals.filter((p) => p.providerRef !== role),
    ownList,
  );
  const [keys] = useState(idempotencyKeys);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [review, setReview] = useState(null);
  const heading = useRef(null);
  const returnFocus = useRef(null);
  useEffect(() => heading.current?.focus(), []);
  const genders = clinic?.genders ?? new Map();

  async function move(comment) {
    const time = review;
    setBusy(true);
    setError(null);
    try {
      const single = time.providers.length === 1 ? time.providers[0].proposalId : null;
      const result = await book(
        client,
        bookParameters({
          patientId,
          specialty,
          proposalId: single,
          locationId: time.locationId,
          start: time.start,
          end: time.end,
          urgent,
          replaces: appointment.id,
          comment,
        }),
        keys.keyFor(`${time.key}|${single}`),
        names,
      );
      setReview(null);
      onDone(
        [
          t(language, 'appointments.rescheduled', { when: formatDateTime(result.booked.start, language) }),
          ...payerSaid(result.payer, language, t),
        ].join(' '),
      );
    } catch (e) {
      if (e?.status) {
        // the server refused: nothing changed
        setError(t(language, 'appointments.keptOld', { reason: bookingError(e, language) }));
        same.state.reload();
        if (others) all.state.reload();
      } else {
        // no answer: the change may or may not have happened; show the appointments as they are now
        setReview(null);
        onDone(t(language, 'appointments.unconfirmed', { reason: errorMessage(e, language) }));
      }
    } finally {
      setBusy(false);
    }
  }
  const choose = (time) => {
    returnFocus.current = document.activeElement;
    setError(null);
    setReview(time);
  };
  const closeReview = () => {
    setReview(null);
    setError(null);
    setTimeout(() => (returnFocus.current?.isConnected ? returnFocus.current : heading.current)?.focus());
  };
  const location = review
    ? (clinic?.locations.find((l) => l.id === review.locationId) ?? { name: review.place })
    : null;
  const listProps = { language, genders, busy, onChoose: choose };
  return (
    <div
      className="mt-3 space-y-3 border-t border-slate-200 pt-3"
      data-testid="change-time"
      onKeyDown={(e) => {
        // Escape closes the time list (a review open above it closes first, by itself)
        if (e.key === 'Escape' && !review) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h3 ref={heading} tabIndex={-1} className="font-semibold focus:outline-none">
        {t(language, 'appointments.chooseTime')}
      </h3>
      {role && (
        <>
          <h4 className="font-semibold">{t(language, 'appointments.sameProviderTimes', { name: provider ?? '—' })}</h4>
          <MoveTimes
            search={same}
            times={sameTimes}
            empty={t(language, 'appointments.noSameProvider', { name: provider ?? '—' })}
            {...listProps}
          />
        </>
      )}
      {others || !role ? (
        <>
          <h4 className="font-semibold">{t(language, 'appointments.otherProviders')}</h4>
          <p className="text-sm text-amber-900">{t(language, 'appointments.providerWillChange')}</p>
          <MoveTimes search={all} times={otherTimes} empty={t(language, 'book.noTimes')} {...listProps} />
        </>
      ) : (
        <button type="button" onClick={() => setOthers(true)} className={`${secondaryButton} w-full`}>
          {t(language, 'appointments.showOthers')}
        </button>
      )}
      <button type="button" onClick={onClose} className={`${secondaryButton} w-full`}>
        {t(language, 'appointments.close')}
      </button>
      {review && (
        <Review
          language={language}
          clinic={clinic}
          specialty={specialty}
          time={review}
          location={location}
          urgent={urgent}
          moving={appointment}
          currentProvider={provider}
          sameDay={sameKindSameDay({ start: review.start, specialty, own: ownList, except: appointment.id })}
          busy={busy}
          error={error}
          onConfirm={move}
          onClose={closeReview}
        />
      )}
    </div>
  );
}

function Appointment({
  client,
  language,
  patientId,
  appointment,
  names,
  clinic,
  own,
  active,
  changing,
  offering,
  waitlist,
  navigate,
  onChanged,
}) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState(PATIENT_CANCEL_REASONS[0].code);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const changeButton = useRef(null);
  const cancelButton = useRef(null);
  const reasonField = useRef(null);
  const focusNext = useRef(null);
  const { provider: rawProvider, place } = whoAndWhere(appointment, names);
  const role = appointment.participant?.map((p) => p.actor?.reference).find((r) => r?.startsWith('PractitionerRole/'));
  const provider = providerTitle(rawProvider, clinic?.genders?.get(role), language);
  useEffect(() => {
    // the control that was pressed is gone: the focus goes to what took its place
    focusNext.current?.current?.focus();
    focusNext.current = null;
  });
  async function cancel() {
    setBusy(true);
    setError(null);
    const given = PATIENT_CANCEL_REASONS.find((r) => r.code === reason);
    try {
      // a coded reason, so that the list can say "Cancelled by you" (the $cancel operation takes text only); the
      // server frees the Slot as for $cancel. If-Match: a change meanwhile is refused, not overwritten.
      const { meta, ...current } = appointment;
      await client.request({
        url: `Appointment/${appointment.id}`,
        method: 'PUT',
        headers: {
          'Content-Type': 'application/fhir+json',
          ...(meta?.versionId ? { 'If-Match': `W/"${meta.versionId}"` } : {}),
        },
        body: JSON.stringify({
          ...current,
          status: 'cancelled',
          cancelationReason: {
            coding: [{ system: HL7_CANCEL_REASON, code: given.code, display: given.display }],
            text: given.display,
          },
        }),
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
      <p className="text-slate-800">{[provider ?? '—', place ?? '—'].join(' · ')}</p>
      <p className="text-sm text-slate-700" data-testid="status">
        {t(language, statusKey(appointment))}
        {appointment.priority === 1 && <> · {t(language, 'book.urgentBooked')}</>}
      </p>
      {active && <PayerCards news={payerNews(appointment)} language={language} level={4} />}
      <Alert>{error}</Alert>
      {active && !confirming && !changing && (
        <div className="mt-3 flex gap-2">
          <button
            ref={changeButton}
            type="button"
            onClick={() => navigate({ screen: 'appointments', id: appointment.id, action: 'change' })}
            className={`${secondaryButton} flex-1`}
          >
            {t(language, 'appointments.reschedule')}
          </button>
          <button
            ref={cancelButton}
            type="button"
            onClick={() => {
              focusNext.current = reasonField;
              setConfirming(true);
            }}
            className={`${dangerButton} flex-1`}
          >
            {t(language, 'appointments.cancel')}
          </button>
        </div>
      )}
      {confirming && (
        <div className="mt-3 space-y-2" role="group" aria-label={t(language, 'appointments.confirmCancel')}>
          <p className="font-medium">{t(language, 'appointments.confirmCancel')}</p>
          <label className="block">
            <span className="text-sm font-medium">{t(language, 'appointments.reason')}</span>
            <select
              ref={reasonField}
              name="cancel-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={fieldClass}
            >
              {PATIENT_CANCEL_REASONS.map((r) => (
                <option key={r.code} value={r.code}>
                  {t(language, `cancelReason.${r.code}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="flex gap-2">
            <button type="button" disabled={busy} onClick={cancel} className={`${dangerButton} flex-1`}>
              {t(language, 'appointments.yesCancel')}
            </button>
            <button
              type="button"
              onClick={() => {
                focusNext.current = cancelButton;
                setConfirming(false);
              }}
              className={`${secondaryButton} flex-1`}
            >
              {t(language, 'appointments.keep')}
            </button>
          </div>
        </div>
      )}
      {active && !confirming && !changing && !offering && appointment.status === 'booked' && (
        <WaitlistControls
          client={client}
          language={language}
          appointment={appointment}
          waitlist={waitlist}
          navigate={navigate}
          onChanged={onChanged}
        />
      )}
      {offering && (
        <Offer
          client={client}
          language={language}
          patientId={patientId}
          appointment={appointment}
          waitlist={waitlist}
          names={names}
          onChanged={onChanged}
          onClose={() => navigate({ screen: 'appointments' })}
        />
      )}
      {changing && (
        <Reschedule
          client={client}
          language={language}
          patientId={patientId}
          appointment={appointment}
          clinic={clinic}
          own={own}
          names={names}
          provider={provider}
          onDone={onChanged}
          onClose={() => {
            focusNext.current = changeButton;
            navigate({ screen: 'appointments' });
          }}
        />
      )}
    </li>
  );
}

export default function Appointments({ client, language, patientId, clinic, own, route, navigate }) {
  // no _include: a participant the patient may not read (a family visit) would fail the whole search
  const list = useFhir(
    () => client.request(`Appointment?patient=Patient/${patientId}&_sort=-date&_count=100`),
    [patientId],
  );
  const [notice, setNotice] = useState(null);
  const noticeRef = useRef(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const changed = (message) => {
    setNotice(message);
    navigate({ screen: 'appointments' }, { replace: true });
    list.reload();
    own.reload();
  };
  // waiting-list entries and offers are shown with the booked appointment they are for, not as visits of their own
  const waitlists = waitlistByBooked(list.data);
  const { upcoming, past } = splitAppointments(
    list.data && { ...list.data, entry: (list.data.entry ?? []).filter((e) => !isWaitlistAppointment(e.resource)) },
  );
  const directory = clinic.data?.names ?? new Map();
  const found = useMissingNames(client, [...upcoming, ...past], directory);
  const names = new Map([...directory, ...[...found].filter(([, name]) => name)]);
  const item = (a, active) => (
    <Appointment
      key={a.id}
      client={client}
      language={language}
      patientId={patientId}
      appointment={a}
      names={names}
      clinic={clinic.data}
      own={own}
      active={active}
      changing={active && route.id === a.id && route.action === 'change'}
      offering={active && route.id === a.id && route.action === 'offer'}
      waitlist={waitlists.get(a.id)}
      navigate={navigate}
      onChanged={changed}
    />
  );
  return (
    <section aria-labelledby="screen-title" className="space-y-4 p-4">
      <h2 id="screen-title" tabIndex={-1} className="text-xl font-semibold focus:outline-none">
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
      <Reminders client={client} language={language} patientId={patientId} />
    </section>
  );
}
