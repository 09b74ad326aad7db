// End-to-end test of the waiting list in the patient app, on a phone (390×844) in English, against a running Mediwox
// server with demo data: the patient books a time that has earlier free times in its pool, asks "Tell me if something
// earlier opens" (the app says in which order earlier times are offered), and waits; the server's sweep (every 15 s)
// holds an earlier free time for her and mails and texts her the link of the offer, #/appointments/<booked>/offer;
// opened, it shows when, with whom and until when it is held, and one tap — "Move to this time" — moves the
// appointment there (the old one says "Moved"). Then she cancels the new one, so the demo patient is left as before.
// axe-core on the waiting list and the offer (no violation of any impact; targets at least 44×44 CSS px).
//
// Usage: node e2e/waitlist.e2e.mjs <server-root> <username> <password> [screenshot-dir]
// Prints one JSON line: the booked, moved-to and offered ids (the caller checks them on the server), the seconds the
// offer took, and the accessibility findings.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { axeOn, browserOrigin, check, launch, phone, reportFailure, signIn } from './support.mjs';

const [root, username, password, screenshots] = process.argv.slice(2);
if (!root || !username || !password) {
  console.error('usage: node e2e/waitlist.e2e.mjs <server-root> <username> <password> [screenshot-dir]');
  process.exit(2);
}
const origin = browserOrigin(root);
if (screenshots) await mkdir(screenshots, { recursive: true });
const OFFER_WAIT_MS = 90_000;

const result = { accessibility: {} };
const browser = await launch();
try {
  const { page } = await phone(browser);
  const shot = (name) => screenshots && page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  const axe = (name) => axeOn(page, name, result.accessibility);
  const notice = (text) => page.getByTestId('notice').filter({ hasText: text });

  await signIn(page, origin, username, password);
  await page.getByRole('heading', { name: 'Book', exact: true }).waitFor();

  // a time with earlier free times of its pool before it: the third one offered at the main site
  const times = page.getByTestId('time');
  await times.first().waitFor();
  await page.getByRole('combobox', { name: 'Where' }).selectOption({ label: 'Mediwox Main Street' });
  await page
    .getByRole('button', { name: /Mediwox Main Street/ })
    .first()
    .waitFor();
  await times.nth(2).waitFor();
  await times.nth(2).click();
  const review = page.getByTestId('review');
  await review.waitFor();
  await review.getByRole('button', { name: 'Confirm booking' }).click();
  const booked = page.getByTestId('booked');
  await booked.waitFor();
  result.booked = await booked.getAttribute('data-id');

  // join the waiting list on it
  await page.getByRole('navigation').getByRole('link', { name: 'My appointments', exact: true }).click();
  const item = page.locator(`[data-testid=appointment][data-id="${result.booked}"]`);
  await item.waitFor();
  await item.getByRole('button', { name: 'Tell me if something earlier opens' }).click();
  await notice('You are on the waiting list.').waitFor();
  const status = await item.getByTestId('waitlist-status').textContent();
  check(status.startsWith('On the waiting list.'), `the status: ${status}`);
  check(status.includes('urgent appointments first, then first come, first served'), `the order said: ${status}`);
  await axe('waitlist');
  await shot('waitlist');
  const joined = Date.now();

  // the offer comes within a sweep or two; the patient looks again now and then (My appointments reloads)
  const offerNotice = item.getByTestId('waitlist-offer-notice');
  while (!(await offerNotice.isVisible())) {
    check(Date.now() - joined < OFFER_WAIT_MS, `no offer within ${OFFER_WAIT_MS / 1000} s (the sweep runs every 15 s)`);
    await page.waitForTimeout(3000);
    await page.reload();
    await item.waitFor();
  }
  result.offerSeconds = Math.round((Date.now() - joined) / 1000);
  check(
    (await offerNotice.textContent()).startsWith('An earlier time is free for you'),
    await offerNotice.textContent(),
  );

  // the offer's own link, as the email and the text message give it: one tap moves the appointment
  await page.goto(`${origin}/app/#/appointments/${result.booked}/offer`);
  const offer = page.getByTestId('offer');
  await offer.getByRole('heading', { name: 'An earlier time is free for you' }).waitFor();
  check(
    (await page.evaluate(() => document.activeElement?.textContent)) === 'An earlier time is free for you',
    'focus on the offer',
  );
  // with whom: named once the clinic directory has come (the offer itself may come first)
  await offer.filter({ hasText: / with Dr\. / }).waitFor();
  const offered = await offer.textContent();
  check(/Held for you until /.test(offered), `until when: ${offered}`);
  check(/Moves your appointment from /.test(offered), `from which time: ${offered}`);
  await axe('offer');
  await shot('offer');
  const before = await page
    .locator('[data-testid=appointment][data-active=true]')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-id')));
  await offer.getByRole('button', { name: 'Move to this time' }).click();
  await notice(/^Your appointment moved to /).waitFor();
  await page.locator(`[data-testid=appointment][data-id="${result.booked}"][data-active=false]`).waitFor();
  check((await item.getByTestId('status').textContent()) === 'Moved', 'the old appointment says Moved');
  const after = await page
    .locator('[data-testid=appointment][data-active=true]')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-id')));
  const added = after.filter((id) => !before.includes(id));
  check(added.length === 1, `moved to one new appointment: ${before} -> ${after}`);
  result.movedTo = added[0];

  // leave the demo patient as she was
  const moved = page.locator(`[data-testid=appointment][data-id="${result.movedTo}"]`);
  await moved.getByRole('button', { name: 'Cancel' }).click();
  await moved.getByRole('combobox', { name: 'Why are you cancelling?' }).selectOption({ label: 'I feel better' });
  await moved.getByRole('button', { name: 'Yes, cancel it' }).click();
  await notice('The appointment is cancelled.').waitFor();
  console.log(JSON.stringify(result));
} catch (error) {
  await reportFailure(browser, screenshots && join(screenshots, 'waitlist-failure.png'));
  throw error;
} finally {
  await browser.close();
}
