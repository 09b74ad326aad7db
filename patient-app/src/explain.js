// "Details" under "Why this provider": how the pool chose, in the patient's language, built from the values of the
// Appointment's assignment-explanation ({@link explanation} in booking.js) — the pool's size, the turn and the position
// it pointed to, the provider assigned, and each provider or time passed over with its reason code (CodeSystem
// assignment-skip-reason). The server's English sentence (the extension's text) is never shown.
import { t } from './i18n.js';

/** The codes of CodeSystem assignment-skip-reason, each with its text {@code why.reason.<code>} in i18n.js. */
export const SKIP_REASONS = [
  'no-free-slot',
  'slots-being-booked',
  'slot-taken',
  'provider-busy',
  'patient-busy',
  'reserved-for-urgent',
];

/** Why a provider or one of their times was passed over, in words; a code the app does not know in general words. */
export function skipReason(code, language) {
  return t(language, SKIP_REASONS.includes(code) ? `why.reason.${code}` : 'why.reason.other');
}

const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The sentences of Details for an explanation with structure, else an empty list (an explanation stored as text
 * alone is not said again). {@code provider}: the assigned provider's name as the patient sees it; {@code kind} and
 * {@code place}: the kind of visit and the place in words (the pool's); {@code nameOf(reference)}: a provider's name
 * from the clinic directory, or null.
 */
export function explanationDetails(why, { language, provider, kind, place, nameOf = () => null }) {
  if (!why?.method) return [];
  const count = why.poolSize ?? '—';
  const who = (reference) =>
    (reference?.reference && nameOf(reference.reference)) ?? reference?.display ?? t(language, 'why.someone');
  const assigned = provider ?? who(why.assigned);
  const lines = [];
  if (why.method === 'urgent-earliest') {
    lines.push(t(language, place ? 'why.urgent' : 'why.urgent.anywhere', { count, kind, place }));
  } else {
    lines.push(t(language, place ? 'why.pool' : 'why.pool.anywhere', { count, kind, place }));
    if (Number.isInteger(why.turn) && Number.isInteger(why.position))
      lines.push(t(language, 'why.turn', { number: why.turn + 1, position: why.position, count }));
  }
  // a whole provider passed over, one sentence each; times not taken, one sentence per provider and reason
  const slots = new Map();
  for (const skipped of why.skipped ?? []) {
    const name = who(skipped.provider);
    const reason = skipReason(skipped.reason, language);
    if (!skipped.slot) {
      lines.push(capitalized(t(language, 'why.passedOver', { name, reason })));
      continue;
    }
    const key = `${skipped.provider?.reference}|${skipped.reason}`;
    slots.set(key, { name, reason, count: (slots.get(key)?.count ?? 0) + 1 });
  }
  for (const { name, reason, count: times } of slots.values())
    lines.push(
      capitalized(t(language, times === 1 ? 'why.slotNotTaken' : 'why.slotsNotTaken', { name, reason, times })),
    );
  if (why.method !== 'urgent-earliest') {
    const later = (why.skipped ?? []).some((s) => !s.slot);
    lines.push(capitalized(t(language, later ? 'why.assignedLater' : 'why.assigned', { provider: assigned })));
  }
  return lines;
}
