// Review before booking: who, where (address, phone, map), when (in the patient's zone, named), the kind of visit and
// an optional reason; only Confirm books. Also for a change of time (from → to, and whether the provider changes) and
// for "the next provider in turn" (the pool's rule in words; the exact provider is chosen on Confirm).
import { useRef, useState } from 'react';
import { formatDateTime, providerTitle, specialtyName, t } from './i18n.js';
import { Alert, Dialog, fieldClass, primaryButton, secondaryButton } from './ui.jsx';

/** A map search for an address (OpenStreetMap: no account, no tracking script). */
export function mapLink(place) {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent([place.name, place.address].join(', '))}`;
}

export default function Review({
  language,
  clinic,
  specialty,
  time, // null: the next provider in turn
  location, // the place of the visit, or null (any place)
  urgent,
  moving, // the appointment a change of time moves, or null
  currentProvider, // its provider's name (a change of time)
  sameDay, // one of the patient's appointments of this kind on that day, or null
  poolSize,
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
  let who;
  if (!time)
    who = poolSize ? t(language, 'review.poolRule', { count: poolSize }) : t(language, 'review.poolRuleUnknown');
  else if (providers.length === 1) who = named(providers[0]);
  else who = t(language, 'review.poolChoice', { names: providers.map(named).join(', ') });
  const newProvider = providers.length === 1 ? named(providers[0]) : null;
  return (
    <Dialog title={t(language, 'review.title')} onClose={onClose} testId="review">
      <dl className="space-y-3">
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t(language, 'review.when')}</dt>
          <dd data-testid="review-when">{time ? formatDateTime(time.start, language) : t(language, 'review.next')}</dd>
          {moving && (
            <dd className="text-sm text-slate-700">
              {t(language, 'review.movesFrom', { when: formatDateTime(moving.start, language) })}
            </dd>
          )}
        </div>
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t(language, 'review.who')}</dt>
          <dd data-testid="review-who">{who}</dd>
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
              <a className="underline" href={`tel:${location.phone}`}>
                {t(language, 'review.phone', { phone: location.phone })}
              </a>
            </dd>
          )}
          {location?.address && (
            <dd className="text-sm">
              <a
                className="inline-block min-h-11 py-3 underline"
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
          disabled={busy}
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
