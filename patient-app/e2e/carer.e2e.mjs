// End-to-end test of a parent booking for a child in the patient app, on a phone (390×844) in English, against a
// running Mediwox server with demo data: the demo patient John Smith is also the father (RelatedPerson) of Lily and
// Max. He signs in as himself; the server asks whom the app acts for (its patient picker); he chooses Lily, the app
// says whose appointments these are and books a time for her; "Switch person" revokes that launch's tokens and asks
// again, and he comes back as himself. axe-core on the picker and the app acting for the child.
//
// Usage: node e2e/carer.e2e.mjs <server-root> <username> <password> [screenshot-dir]
// Prints one JSON line: the appointment booked for the child (the caller checks it on the server) and the findings.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { axeOn, browserOrigin, check, launch, phone, reportFailure, signIn } from './support.mjs';

const [root, username, password, screenshots] = process.argv.slice(2);
if (!root || !username || !password) {
  console.error('usage: node e2e/carer.e2e.mjs <server-root> <username> <password> [screenshot-dir]');
  process.exit(2);
}
const origin = browserOrigin(root);
if (screenshots) await mkdir(screenshots, { recursive: true });

const result = { accessibility: {} };
const browser = await launch();
try {
  const { page } = await phone(browser);
  const shot = (name) => screenshots && page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  const axe = (name) => axeOn(page, name, result.accessibility);
  const greeting = page.getByTestId('greeting');

  // signed in as himself, the server asks whom the app acts for
  await signIn(page, origin, username, password);
  const lily = page.getByRole('button', { name: /^Lily / });
  await lily.waitFor();
  check((await page.getByRole('button', { name: /\(you\)$/ }).count()) === 1, 'himself among the choices');
  await axe('patient-choice');
  await shot('patient-choice');
  await lily.click();

  // the app acting for Lily says so, and books for her
  await greeting.filter({ hasText: 'Appointments for Lily' }).waitFor();
  const switchPerson = page.getByRole('button', { name: 'Switch person' });
  await switchPerson.waitFor();
  const times = page.getByTestId('time');
  await times.first().waitFor();
  await axe('acting-for');
  await times.first().click();
  const review = page.getByTestId('review');
  await review.waitFor();
  await review.getByRole('button', { name: 'Confirm booking' }).click();
  const booked = page.getByTestId('booked');
  await booked.waitFor();
  result.booked = await booked.getAttribute('data-id');
  await shot('acting-for');

  // switch: that launch's tokens revoked, the picker again, back as himself
  const revocations = [];
  page.on('response', (r) => r.url().endsWith('/oauth2/revoke') && revocations.push(r.status()));
  await switchPerson.click();
  await page.getByRole('button', { name: /\(you\)$/ }).click();
  await greeting.filter({ hasText: 'Hello, John' }).waitFor();
  check((await switchPerson.count()) === 0, 'as himself, nobody to switch from');
  check(revocations.length === 2 && revocations.every((s) => s === 200), `the child's tokens revoked: ${revocations}`);
  result.switchedBack = true;
  console.log(JSON.stringify(result));
} catch (error) {
  await reportFailure(browser, screenshots && join(screenshots, 'carer-failure.png'));
  throw error;
} finally {
  await browser.close();
}
