// Review before booking: who (name, photo when the directory has one, languages spoken), where (address, phone, map),
// when (in the patient's zone, named), the kind of visit and an optional reason; only Confirm books. For "the next
// provider in turn" (and a time several providers have free) the pool's choice is held first: the review shows exactly
// who and when, why, and until when it is held. Also for a change of time (from → to, and whether the provider changes).
import { useRef, useState } from 'react';
import { fairness } from './booking.js';
import { formatDateTime, formatTime, providerTitle, specialtyName, t } from './i18n.js';
import { Alert, Dialog, fieldClass, primaryButton, secondaryButton } from './ui.jsx';

/** The languages a provider speaks, named in the patient's language ("Spanish, English"). */
export function spokenNames(codes, language) {
  const names = new Intl.DisplayNames([language], { type: 'language' });
  return (codes ?? []).map((code) => names.of(code) ?? code).join(', ');
}

/** A map search for an address (OpenStreetMap: no account, no tracking script). */
export function mapLink(place) {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent([place.name, place.address].join(', '))}`;
}

export default function Review({
  language,
  clinic,
  specialty,
  time, // null: the next provider in turn (then held: see hold)
  location, // the place of the visit, or null (any place)
  urgent,
  moving, // the appointment a change of time moves, or null
  currentProvider, // its provider's name (a change of time)
  sameDay, // one of the patient's appointments of this kind on that day, or null
  hold, // the pool's choice held for the patient: { status: holding|held|failed, provider, providerRef, start, until, why, error }
  onRetryHold,
  busy,
  error,
  onConfirm,
  onClose,
}) {
  const [reason, setReason] = useState('');
  const errorRef = useRef(null);
  const genders = clinic?.genders ?? new Map();
  const named = (p) => providerTitle(p.name, genders.get(p.reference), language) ?? '—';
  const providers = time?.providers ?? [];
  const held = hold?.status === 'held' ? hold : null;
  let who;
  let whoRef = null;
  if (held) {
    who = named({ name: held.provider, reference: held.providerRef });
    whoRef = held.providerRef;
  } else if (hold?.status === 'holding') who = t(language, 'review.holding');
  else if (hold?.status === 'failed') who = '—';
  else if (providers.length === 1) {
    who = named(providers[0]);
    whoRef = providers[0].reference;
  } else who = t(language, 'review.poolChoice', { names: providers.map(named).join(', ') });
  const newProvider = providers.length === 1 ? named(providers[0]) : null;
  const role = clinic?.roles?.find((r) => r.reference === whoRef) ?? null;
  const reasonWhy = held && fairness(held.why);
  const when = held ? held.start : time?.start;
  return (
    <Dialog title={t(language, 'review.title')} onClose={onClose} testId="review">
      <dl className="space-y-3">
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t(language, 'review.when')}</dt>
          <dd data-testid="review-when" data-start={when ?? undefined}>
            {when ? formatDateTime(when, language) : t(language, 'review.next')}
          </dd>
          {held?.until && (
            <dd
              className="text-sm font-medium text-teal-900"
              data-testid="review-held"
              data-hold={held.appointment?.id}
            >
              {t(language, 'review.heldUntil', { time: formatTime(held.until, language) })}
            </dd>
          )}
          {moving && (
            <dd className="text-sm text-slate-700">
              {t(language, 'review.movesFrom', { when: formatDateTime(moving.start, language) })}
            </dd>
          )}
        </div>
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t(language, 'review.who')}</dt>
          <dd className="flex items-center gap-3">
            {role?.photo && (
              <img
                src={role.photo}
                alt={t(language, 'review.photo', { name: who })}
                className="h-16 w-16 shrink-0 rounded-full object-cover"
                data-testid="review-photo"
              />
            )}
            <span data-testid="review-who">{who}</span>
          </dd>
          {role?.languages?.length > 0 && (
            <dd className="text-sm text-slate-700" data-testid="review-speaks">
              {t(language, 'review.speaks', { languages: spokenNames(role.languages, language) })}
            </dd>
          )}
          {reasonWhy && (
            <dd className="text-sm text-slate-700" data-testid="review-why">
              {t(language, reasonWhy.key, { ...reasonWhy.values, provider: who })}
            </dd>
          )}
          {hold?.status === 'failed' && (
            <dd className="mt-2 space-y-2">
              <Alert>{hold.error}</Alert>
              <button type="button" onClick={onRetryHold} className={secondaryButton}>
                {t(language, 'state.retry')}
              </button>
            </dd>
          )}
          {moving && currentProvider && newProvider && (
            <dd className="font-medium text-amber-900" data-testid="provider-change">
              {newProvider === currentProvider
                ? t(language, 'review.sameProvider', { name: newProvider })
                : t(language, 'review.providerChanges', { from: currentProvider, to: newProvider })}
            </dd>
          )}
          {moving && currentProvider && !newProvider && (
            <dd className="font-medium text-amber-900" data-testid="provider-change">
              {t(language, 'appointments.providerWillChange')}
            </dd>
          )}
        </div>
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t(language, 'review.where')}</dt>
          <dd>{location?.name ?? time?.place ?? t(language, 'book.anyLocation')}</dd>
          {location?.address && <dd className="text-sm">{location.address}</dd>}
          {location?.phone && (
            <dd className="text-sm">
              <a className="inline-flex min-h-11 min-w-11 items-center underline" href={`tel:${location.phone}`}>
                {t(language, 'review.phone', { phone: location.phone })}
              </a>
            </dd>
          )}
          {location?.address && (
            <dd className="text-sm">
              <a
                className="inline-flex min-h-11 min-w-11 items-center underline"
                href={mapLink(location)}
                target="_blank"
                rel="noreferrer"
              >
                {t(language, 'review.map')}
              </a>
            </dd>
          )}
        </div>
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t(language, 'review.kind')}</dt>
          <dd>
            {specialtyName(specialty, language, clinic?.specialties?.find((s) => s.token === specialty)?.display)}
            {urgent && <> · {t(language, 'review.urgent')}</>}
          </dd>
        </div>
      </dl>
      {sameDay && (
        <p className="rounded-lg bg-amber-50 p-3 text-amber-900" data-testid="same-day">
          {t(language, 'review.sameDay', {
            kind: specialtyName(specialty, language),
            when: formatDateTime(sameDay.start, language),
          })}
        </p>
      )}
      {!moving && (
        <label className="block">
          <span className="font-medium">{t(language, 'review.reason')}</span>
          <textarea
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            maxLength={500}
            aria-describedby="reason-hint"
            className={fieldClass}
          />
          <span id="reason-hint" className="text-sm text-slate-700">
            {t(language, 'review.reasonHint')}
          </span>
        </label>
      )}
      <Alert ref={errorRef}>{error}</Alert>
      <div className="flex gap-2">
        <button
          type="button"
          disabled={busy || (hold && !held)}
          onClick={() => onConfirm(reason.trim() || null)}
          className={`${primaryButton} flex-1`}
        >
          {busy ? t(language, 'book.booking') : t(language, moving ? 'review.confirmMove' : 'review.confirm')}
        </button>
        <button type="button" onClick={onClose} className={`${secondaryButton} flex-1`}>
          {t(language, 'review.back')}
        </button>
      </div>
    </Dialog>
  );
}
