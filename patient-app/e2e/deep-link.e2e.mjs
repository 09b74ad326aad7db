// End-to-end test of a booking deep link (SMART Scheduling Links), against a running Mediwox server with demo data.
// As a slot finder does, the script reads the public feed $bulk-publish (no token): the manifest, the Locations, the
// derived Schedules and a day's Slots, and takes the `booking-deep-link` of a free Slot, to which it adds `source`
// and `booking-referral` as the specification lets a finder do. On a phone, signed out, a patient who prefers Spanish
// opens that link: the app signs her in (the SMART launch leaves the app and comes back without the link) and then
// shows the review of exactly that time at that place, focused; she confirms. A second patient, signed out in a new
// browser, opens the same link: the time is no longer free — said in English, focused — and the other free times of
// the same kind of visit at the same place are listed. axe-core (no violation of any impact) and the 44×44 px check
// on both screens.
//
// Usage: node e2e/deep-link.e2e.mjs <server-root> <username> <second-username> <password> [screenshot-dir]
// Prints one JSON line: the Slot, the link opened, the booked Appointment's id (the caller checks it on the server)
// and the accessibility findings.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { axeOn, check, launch, phone, reportFailure } from './support.mjs';

const [root, username, secondUsername, password, screenshots] = process.argv.slice(2);
if (!root || !username || !secondUsername || !password) {
  console.error(
    'usage: node e2e/deep-link.e2e.mjs <server-root> <username> <second-username> <password> [screenshot-dir]',
  );
  process.exit(2);
}
if (screenshots) await mkdir(screenshots, { recursive: true });
const DEEP_LINK = 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link';
const feed = `${root.replace(/\/$/, '')}/fhir/$bulk-publish`;

/** One file of the feed as a slot finder reads it: no token, NDJSON, a resource a line. */
async function ndjson(url) {
  const response = await fetch(url);
  check(response.status === 200, `${url}: ${response.status}`);
  check(
    response.headers.get('content-type')?.startsWith('application/fhir+ndjson'),
    `${url}: ${response.headers.get('content-type')}`,
  );
  return (await response.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

// the feed: a free Slot at least two hours ahead, its place, and its booking deep link
const manifest = await (await fetch(feed)).json();
const url = (type) => manifest.output.filter((o) => o.type === type).map((o) => o.url);
const locations = new Map((await ndjson(url('Location')[0])).map((l) => [l.id, l]));
const schedules = new Map((await ndjson(url('Schedule')[0])).map((s) => [s.id, s]));
// a Slot of the demo clinic (other tests publish sites of their own, whose kinds of visit the app does not offer)
const demoSite = (scheduleRef) => {
  const schedule = schedules.get(scheduleRef.replace('Schedule/', ''));
  const location = schedule && locations.get(schedule.actor[0].reference.replace('Location/', ''));
  return Boolean(location?.identifier?.some((i) => i.system === 'https://mediwox.org/fhir/demo'));
};
let slot = null;
for (const file of url('Slot')) {
  slot = (await ndjson(file)).find(
    (s) =>
      s.status === 'free' && new Date(s.start) > new Date(Date.now() + 2 * 3600e3) && demoSite(s.schedule.reference),
  );
  if (slot) break;
}
check(slot, 'the feed publishes no free Slot two hours ahead');
const locationId = schedules
  .get(slot.schedule.reference.replace('Schedule/', ''))
  .actor[0].reference.replace('Location/', '');
const place = locations.get(locationId).name;
const published = slot.extension.find((e) => e.url === DEEP_LINK).valueUrl;
// what a slot finder appends (the link may already have a query: parsed, not concatenated)
const link = new URL(published);
link.searchParams.set('source', 'e2e-slot-finder');
link.searchParams.set('booking-referral', 'e2e-referral-1');

const result = { slot: slot.id, link: link.toString(), accessibility: {} };
const browser = await launch();
try {
  // signed out, the link opened: sign-in first, then the review of exactly that Slot
  const { page } = await phone(browser);
  const shot = (name) => screenshots && page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  await page.goto(link.toString());
  await page.waitForURL(/\/login/);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  const review = page.getByTestId('review');
  await review.waitFor();
  check(!new URL(page.url()).searchParams.has('slot'), `the link is taken once: ${page.url()}`);
  check(new URL(page.url()).hash === '#/book', `on Book: ${page.url()}`);
  const when = await review.getByTestId('review-when').getAttribute('data-start');
  check(new Date(when).getTime() === new Date(slot.start).getTime(), `the review shows ${when}, not ${slot.start}`);
  const shownWhere = await review.innerText();
  check(shownWhere.includes(place), `the review names the place ${place}: ${shownWhere}`);
  // she prefers Spanish: the review in Spanish, its time with the zone named
  check(shownWhere.includes('Revise su cita'), `in Spanish: ${shownWhere}`);
  check(/hora (estándar|de verano)/i.test(shownWhere), `the zone named: ${shownWhere}`);
  check(
    await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid=review]'))),
    'the focus is in the review',
  );
  await axeOn(page, 'deep-link-review', result.accessibility);
  await shot('deep-link-review-es');
  await review.getByRole('button', { name: 'Confirmar la cita' }).click();
  const booked = page.getByTestId('booked');
  await booked.waitFor();
  result.booked = await booked.getAttribute('data-id');

  // another patient, signed out in another browser, opens the same link: taken, and the other times there
  const { page: other } = await phone(browser);
  await other.goto(link.toString());
  await other.waitForURL(/\/login/);
  await other.fill('input[name=username]', secondUsername);
  await other.fill('input[name=password]', password);
  await other.click('button[type=submit]');
  const note = other.locator('[data-testid=deep-link][data-state=taken]');
  await note.waitFor();
  const said = await note.innerText();
  check(said.startsWith('The time you chose, ') && said.includes('is no longer free'), `taken: ${said}`);
  check(said.includes(`at ${place}`), `the same place: ${said}`);
  check(
    await other.evaluate(() => document.activeElement?.dataset?.testid === 'deep-link'),
    'the focus is on the message',
  );
  check((await other.getByTestId('review').count()) === 0, 'no review of a taken time');
  check(
    (await other.getByRole('combobox', { name: 'Where' }).inputValue()) === locationId,
    'the times listed are of the same place',
  );
  const times = other.getByTestId('time');
  await times.first().waitFor();
  check((await times.first().innerText()).includes(place), `times at ${place}`);
  await axeOn(other, 'deep-link-taken', result.accessibility);
  if (screenshots) await other.screenshot({ path: join(screenshots, 'deep-link-taken.png'), fullPage: true });
  result.takenSaid = said;
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure(browser, screenshots && join(screenshots, 'deep-link-failure.png'));
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
