// A booking deep link (SMART Scheduling Links): a slot finder site sends the patient to /app/?slot=<id>, the
// booking-deep-link the server publishes with each Slot of $bulk-publish, to which the site may add `source` (who sent
// the patient) and `booking-referral` (its handle for this referral). The link is kept through the sign-in (the SMART
// launch leaves the app and comes back to /app/ without it), then the app reads that Slot and opens the review of
// exactly that time and provider — booked by the proposal $find makes of it, as any one provider's time — or, when it
// is no longer free, says so and lists other free times of the same kind of visit at the same place.
import { findParameters, operationBundle, proposals } from './booking.js';
import { offeredTimes } from './schedule.js';

const KEPT = 'mediwox.deepLink';
/** What the specification lets a publisher or a slot finder put in the link. */
const PARAMETERS = ['slot', 'source', 'booking-referral'];
/** A FHIR id (R4: 1–64 of letters, digits, '-' and '.'). */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * The deep link in a page address: { slot, source, bookingReferral } (the last two null when absent), or null when
 * the address names no Slot or a Slot id that cannot be a FHIR id (never sent to the server).
 */
export function parseDeepLink(href) {
  const params = new URL(href).searchParams;
  const slot = params.get('slot')?.trim();
  if (!slot || !FHIR_ID.test(slot)) return null;
  return { slot, source: params.get('source') || null, bookingReferral: params.get('booking-referral') || null };
}

/** The query that carries a deep link on ("?slot=12&source=finder"), or '' without one. */
export function deepLinkQuery(link) {
  if (!link) return '';
  const params = new URLSearchParams({ slot: link.slot });
  if (link.source) params.set('source', link.source);
  if (link.bookingReferral) params.set('booking-referral', link.bookingReferral);
  return `?${params}`;
}

/** Keeps the deep link of {@code href} for after the sign-in (in this tab's session storage); true when there was one. */
export function keepDeepLink(href, storage) {
  const link = parseDeepLink(href);
  if (link) storage.setItem(KEPT, JSON.stringify(link));
  return Boolean(link);
}

/**
 * The deep link to open now: the page's own (the patient was signed in already), else the one kept before the
 * sign-in; taken once, so a reload or a later visit does not open it again.
 */
export function takeDeepLink(href, storage) {
  let link = parseDeepLink(href);
  if (!link) {
    try {
      const kept = JSON.parse(storage.getItem(KEPT) ?? 'null');
      link = kept && FHIR_ID.test(kept.slot ?? '') ? kept : null;
    } catch {
      link = null;
    }
  }
  storage.removeItem(KEPT);
  return link;
}

/** The page address without the deep link's parameters (what the address bar shows once the link is taken). */
export function withoutDeepLink(href) {
  const url = new URL(href);
  for (const name of PARAMETERS) url.searchParams.delete(name);
  return url.toString();
}

const tokenOf = (concepts) =>
  (concepts ?? [])
    .flatMap((c) => c.coding ?? [])
    .filter((c) => c.system && c.code)
    .map((c) => `${c.system}|${c.code}`);

const referenceOf = (schedule, type) =>
  (schedule?.actor ?? []).map((a) => a.reference).find((r) => r?.startsWith(`${type}/`)) ?? null;

/**
 * What a Slot is for, from the Slot, its Schedule and the clinic directory: the provider (PractitionerRole
 * reference), the place (a Location id: the Schedule's, else the role's only one) and the kind of visit the app books
 * by (a specialty token the clinic offers: the Slot's, else the Schedule's, else the role's first).
 */
export function slotTarget(slot, schedule, clinic) {
  const roleRef = referenceOf(schedule, 'PractitionerRole');
  const role = clinic?.roles?.find((r) => r.reference === roleRef) ?? null;
  const locationRef = referenceOf(schedule, 'Location') ?? (role?.locations.length === 1 ? role.locations[0] : null);
  const offered = new Set((clinic?.specialties ?? []).map((s) => s.token));
  const specialty =
    [...tokenOf(slot?.specialty), ...tokenOf(schedule?.specialty), ...(role?.specialties ?? [])].find((token) =>
      offered.has(token),
    ) ?? null;
  return { roleRef, locationId: locationRef ? locationRef.slice('Location/'.length) : null, specialty };
}

/** Whether the Slot itself says it can be booked now: free, and not begun. */
export function slotOpen(slot, now = new Date()) {
  return slot?.status === 'free' && new Date(slot.start) > now;
}

/** The time to review for Slot {@code slotId} among $find's proposals (the one proposal naming it), or null. */
export function timeOfSlot(answer, slotId, names, own = []) {
  const mine = proposals(answer, names).filter((p) => p.key === `Slot/${slotId}`);
  return offeredTimes(mine, own, { perProvider: true })[0] ?? null;
}

const gone = (status) => status === 404 || status === 410 || status === 400;

/**
 * Reads the deep link's Slot and decides what the patient sees: { state: 'open', time, target, start } — the review
 * of that time, booked by the proposal $find made of it for this patient (so the server's own rules, the patient's
 * other appointments included, decided it can be booked) —, { state: 'taken', target, start } — no longer free (busy,
 * held, begun, or not offered to this patient) — or { state: 'unknown', target: null } — no such Slot.
 * A failure to reach the server is thrown (the screen says so and offers to try again).
 */
export async function resolveDeepLink(client, { slotId, patientId, clinic, own = [], now = new Date() }) {
  let slot;
  try {
    slot = await client.request(`Slot/${encodeURIComponent(slotId)}`);
  } catch (e) {
    if (gone(e?.status)) return { state: 'unknown', target: null };
    throw e;
  }
  const scheduleRef = slot?.schedule?.reference;
  const schedule = scheduleRef ? await client.request(scheduleRef).catch(() => null) : null;
  const target = slotTarget(slot, schedule, clinic);
  const start = slot?.start ?? null;
  if (!slotOpen(slot, now) || !target.specialty) return { state: 'taken', target, start };
  const answer = await client.request({
    url: 'Appointment/$find',
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify(
      findParameters({
        patientId,
        specialty: target.specialty,
        locationId: target.locationId,
        practitioner: target.roleRef,
        from: new Date(slot.start),
        to: new Date(slot.end),
        count: 20,
      }),
    ),
  });
  const time = operationBundle(answer) ? timeOfSlot(answer, slotId, clinic?.names, own) : null;
  return time ? { state: 'open', time, target, start } : { state: 'taken', target, start };
}
