// The waiting list on one booked appointment: "Tell me if something earlier opens" (saying in which order earlier
// times are offered), "On the waiting list" with a way to leave it, and — when the server holds an earlier time for the
// patient — the offer (its own route, #/appointments/<booked id>/offer, the link of the offer's email and SMS) with a
// one-tap "Move to this time" and "No thanks".
import { useEffect, useRef, useState } from 'react';
import { bookingError, errorMessage, idempotencyKeys, whoAndWhere } from './booking.js';
import { book } from './Book.jsx';
import { formatDateTime, t } from './i18n.js';
import { payerSaid } from '@mediwox/web-common/payer.js';
import { Alert, primaryButton, secondaryButton } from './ui.jsx';
import { cancelWaitlistAppointment, heldUntil, joinWaitlist, takeOfferParameters } from './waitlist.js';

/** What the waiting list says and offers on a booked appointment ({@code waitlist}: its { entry, offer }). */
export function WaitlistControls({ client, language, appointment, waitlist, navigate, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const { entry, offer } = waitlist ?? {};
  async function run(action, done) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged(done);
    } catch (e) {
      setError(errorMessage(e, language));
      setBusy(false);
    }
  }
  if (offer)
    return (
      <div className="mt-3 rounded-md bg-teal-50 p-3" data-testid="waitlist-offer-notice">
        <p className="font-medium">{t(language, 'offer.title')}</p>
        <button
          type="button"
          onClick={() => navigate({ screen: 'appointments', id: appointment.id, action: 'offer' })}
          className={`${primaryButton} mt-2 w-full`}
        >
          {t(language, 'offer.see')}
        </button>
      </div>
    );
  return (
    <div className="mt-3 space-y-2" data-testid="waitlist">
      {entry ? (
        <>
          <p className="text-sm text-slate-800" data-testid="waitlist-status">
            {t(language, 'status.waitlist')}. {t(language, 'waitlist.order')}
          </p>
          <button
            type="button"
            disabled={busy}
            onClick={() => run(() => cancelWaitlistAppointment(client, entry.id), t(language, 'waitlist.left'))}
            className={`${secondaryButton} w-full`}
          >
            {t(language, 'waitlist.leave')}
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            disabled={busy}
            onClick={() => run(() => joinWaitlist(client, appointment.id), t(language, 'waitlist.joined'))}
            className={`${secondaryButton} w-full`}
          >
            {t(language, 'waitlist.join')}
          </button>
          <p className="text-sm text-slate-700">{t(language, 'waitlist.order')}</p>
        </>
      )}
      <Alert>{error}</Alert>
    </div>
  );
}

/** The offer of an earlier time for the booked appointment: move to it with one tap, or say no thanks. */
export function Offer({ client, language, patientId, appointment, waitlist, names, onChanged, onClose }) {
  const offer = waitlist?.offer;
  const [keys] = useState(idempotencyKeys);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const heading = useRef(null);
  useEffect(() => heading.current?.focus(), []);
  if (!offer)
    return (
      <div className="mt-3 space-y-2" data-testid="offer">
        <p ref={heading} tabIndex={-1} className="focus:outline-none">
          {t(language, 'offer.gone')}
        </p>
        <button type="button" onClick={onClose} className={`${secondaryButton} w-full`}>
          {t(language, 'appointments.close')}
        </button>
      </div>
    );
  const { provider } = whoAndWhere(offer, names);
  const until = heldUntil(offer);
  async function move() {
    setBusy(true);
    setError(null);
    try {
      const result = await book(
        client,
        takeOfferParameters({ patientId, offerId: offer.id, bookedId: appointment.id }),
        keys.keyFor(offer.id),
        names,
      );
      onChanged(
        [
          t(language, 'offer.moved', { when: formatDateTime(result.booked.start, language) }),
          ...payerSaid(result.payer, language, t),
        ].join(' '),
      );
    } catch (e) {
      setError(e?.status ? bookingError(e, language) : errorMessage(e, language));
      setBusy(false);
    }
  }
  async function decline() {
    setBusy(true);
    setError(null);
    try {
      await cancelWaitlistAppointment(client, offer.id);
      onChanged(t(language, 'offer.declined'));
    } catch (e) {
      setError(errorMessage(e, language));
      setBusy(false);
    }
  }
  return (
    <div className="mt-3 space-y-3 border-t border-slate-200 pt-3" data-testid="offer">
      <h3 ref={heading} tabIndex={-1} className="font-semibold focus:outline-none">
        {t(language, 'offer.title')}
      </h3>
      <p>
        {t(language, 'offer.details', {
          when: formatDateTime(offer.start, language),
          provider: provider ?? '—',
        })}
      </p>
      {until && (
        <p className="text-sm text-slate-700">
          {t(language, 'offer.until', {
            until: new Intl.DateTimeFormat(language === 'es' ? 'es-ES' : 'en-US', {
              hour: 'numeric',
              minute: '2-digit',
            }).format(until),
          })}
        </p>
      )}
      <p className="text-sm text-slate-700">
        {t(language, 'review.movesFrom', { when: formatDateTime(appointment.start, language) })}
      </p>
      <Alert>{error}</Alert>
      <div className="flex gap-2">
        <button type="button" disabled={busy} onClick={move} className={`${primaryButton} flex-1`}>
          {t(language, 'offer.move')}
        </button>
        <button type="button" disabled={busy} onClick={decline} className={`${secondaryButton} flex-1`}>
          {t(language, 'offer.decline')}
        </button>
      </div>
    </div>
  );
}
