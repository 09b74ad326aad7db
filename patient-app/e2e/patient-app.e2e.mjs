// End-to-end test of the patient app as a patient uses it: headless Chromium (Debian's chromium, driven by
// playwright-core) against a running Mediwox server with demo data. Signs in through the SMART standalone launch,
// books (the answer to the first tap is lost on the way back; the second tap, a retry, books once), sees the
// appointment, changes its time, cancels it, uploads and downloads a document, is refused an upload the server would
// refuse, switches to Spanish; checks every screen with axe-core (no serious or critical accessibility violations) and
// that the main controls are reached with the keyboard.
//
// Usage: node e2e/patient-app.e2e.mjs <server-root> <username> <password> [screenshot-dir]
// With MEDIWOX_E2E_TOKEN (a system token), the clinic closes a time the app offers for a change of time before the
// patient taps it: the change must fail and the old appointment stay. With MEDIWOX_E2E_SPANISH_LOGIN (a demo patient
// whose preferred language is Spanish), that patient signs in on an English browser and sees the app in Spanish.
// Prints one JSON line: what was booked, moved, cancelled and uploaded (ids the caller checks on the server), the
// first contentful paint of /app/ and the accessibility findings.
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [root, username, password, screenshots] = process.argv.slice(2);
if (!root || !username || !password) {
  console.error('usage: node e2e/patient-app.e2e.mjs <server-root> <username> <password> [screenshot-dir]');
  process.exit(2);
}
const origin = root.replace('//localhost', '//127.0.0.1').replace(/\/$/, '');
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
if (screenshots) await mkdir(screenshots, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** A FHIR call with the system token (the clinic's staff, not through the app). */
async function fhir(method, path, body) {
  // the server's root as given: the token's audience is the FHIR base under that name
  const response = await fetch(`${root.replace(/\/$/, '')}/fhir/${path}`, {
    method,
    headers: { Authorization: `Bearer ${process.env.MEDIWOX_E2E_TOKEN}`, 'Content-Type': 'application/fhir+json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = { status: response.status, body: await response.json() };
  check(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** The clinic closes every free general-practice Slot from start to end (as staff do); the Slots, to reopen later. */
async function closeTime(start, end) {
  const query =
    `Slot?status=free&schedule.specialty=${encodeURIComponent('http://snomed.info/sct|394814009')}` +
    `&start=ge${encodeURIComponent(start)}&start=lt${encodeURIComponent(end)}&_count=100`;
  const slots = ((await fhir('GET', query)).body.entry ?? []).map((e) => e.resource);
  check(slots.length > 0, `free Slots at ${start}`);
  for (const slot of slots)
    await fhir('PUT', `Slot/${slot.id}`, { ...slot, status: 'busy-unavailable', meta: undefined });
  return slots;
}

async function reopen(slots) {
  for (const slot of slots) {
    const current = (await fhir('GET', `Slot/${slot.id}`)).body;
    await fhir('PUT', `Slot/${slot.id}`, { ...current, status: 'free', meta: undefined });
  }
}

const result = { accessibility: {} };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
});
try {
  // a phone, in English, in the clinic's time zone
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'en-US',
    timezoneId: 'America/New_York',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error('browser console:', m.text()));
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('response', (r) => r.status() >= 400 && console.error('HTTP', r.status(), r.request().method(), r.url()));

  async function shot(name) {
    if (screenshots) await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  }
  async function axe(name) {
    await page.addScriptTag({ content: axeSource });
    const found = await page.evaluate(async () => {
      const report = await window.axe.run(document, { resultTypes: ['violations'] });
      return report.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
    });
    result.accessibility[name] = found;
    const serious = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    check(serious.length === 0, `accessibility (${name}): ${JSON.stringify(serious)}`);
  }
  const tab = (name) => page.getByRole('navigation').getByRole('button', { name, exact: true });

  // sign in: /app/ starts the SMART launch by itself and comes back with the patient's context
  await page.goto(`${origin}/app/`);
  await page.waitForURL(/\/login/);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.getByRole('heading', { name: 'Book', exact: true }).waitFor();
  await page.getByText(/^Hello, /).waitFor();
  check(page.url().startsWith(`${origin}/app/`), `back in the app: ${page.url()}`);
  result.firstContentfulPaintMs = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  );
  const active = () =>
    page
      .locator('[data-testid=appointment][data-active=true]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-id')));
  await tab('My appointments').click();
  await page.getByRole('heading', { name: 'Upcoming' }).waitFor();
  const before = await active();
  await tab('Book').click();

  // book: the server books the first tap but its answer is lost on the way back (the connection drops); the patient
  // taps again and the retry, with the same Idempotency-Key, gets that booking instead of a second one
  const times = page.getByRole('button', { name: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/ });
  await times.first().waitFor();
  await page.getByRole('combobox', { name: 'Kind of visit' }).selectOption({ label: 'General practice' });
  await page.getByRole('combobox', { name: 'Where' }).selectOption({ label: 'Mediwox Main Street' });
  await page
    .getByRole('button', { name: /Mediwox Main Street/ })
    .first()
    .waitFor();
  const firstFree = await times.first().textContent();
  check(firstFree.includes('Mediwox Main Street'), `times at the chosen place: ${firstFree}`);
  await axe('book');
  const isBook = (url) => url.pathname.endsWith('/fhir/Appointment/$book');
  let answers = 0;
  const loseFirstAnswer = async (route) => {
    if (answers++ > 0) return route.continue();
    const response = await route.fetch(); // the server handles it...
    check(response.status() === 200, `the first $book went through: ${response.status()}`);
    return route.abort('connectionreset'); // ...and the browser never hears of it
  };
  await page.route(isBook, loseFirstAnswer);
  const cta = page.getByRole('button', { name: 'Book with the next provider in turn' });
  await cta.click();
  await page.getByRole('alert').filter({ hasText: "The clinic's server cannot be reached." }).waitFor();
  await cta.click();
  await page.unroute(isBook, loseFirstAnswer);
  const booked = page.getByTestId('booked');
  await booked.waitFor();
  const bookedText = await booked.textContent();
  check(/^Booked: .+ with Dr\. /.test(bookedText), `booked: ${bookedText}`);
  check(bookedText.includes('Where: Mediwox Main Street'), `booked at the chosen place: ${bookedText}`);
  check(bookedText.includes('Why this provider'), `the assignment explained: ${bookedText}`);
  check(/was next in turn among the \d+ providers/.test(bookedText), `the fair rotation explained: ${bookedText}`);
  result.booked = await booked.getAttribute('data-id');
  await times.first().waitFor();
  await shot('book');

  // my appointments: the booked one is there, once
  await tab('My appointments').click();
  const item = page.locator(`[data-testid=appointment][data-id="${result.booked}"]`);
  await item.waitFor();
  check((await item.textContent()).includes('Confirmed'), 'the booked appointment is confirmed');
  const afterBooking = await active();
  check(
    afterBooking.length === before.length + 1,
    `one appointment more after a tap and its retry: ${before} -> ${afterBooking}`,
  );
  await axe('appointments');
  await shot('appointments');

  // change the time: one $book that books the new time and cancels the old one
  await item.getByRole('button', { name: 'Change time' }).click();
  const newTimes = item.getByRole('button', { name: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/ });
  await newTimes.nth(1).waitFor();
  if (process.env.MEDIWOX_E2E_TOKEN) {
    // the time shown first is gone by the time the patient taps it: the change fails, the old appointment stays
    const stale = newTimes.first();
    const closed = await closeTime(await stale.getAttribute('data-start'), await stale.getAttribute('data-end'));
    await stale.click();
    await item
      .getByRole('alert')
      .filter({ hasText: /^Your appointment was not changed: That time is no longer free/ })
      .waitFor();
    check((await item.getAttribute('data-active')) === 'true', 'the old appointment is still upcoming');
    check((await item.textContent()).includes('Confirmed'), 'the old appointment is still confirmed');
    const refusal = item.getByRole('alert').filter({ hasText: /^Your appointment was not changed/ });
    result.staleTimeRefused = (await refusal.textContent()).replace(/^Your appointment was not changed: /, '');
    await reopen(closed);
    await item.getByRole('button', { name: 'Close' }).click();
    await item.getByRole('button', { name: 'Change time' }).click();
    await newTimes.nth(1).waitFor();
  }
  await newTimes.nth(1).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Moved to / })
    .waitFor();
  await page.locator(`[data-testid=appointment][data-id="${result.booked}"][data-active=false]`).waitFor();
  const afterMove = await active();
  const added = afterMove.filter((id) => !afterBooking.includes(id));
  check(
    added.length === 1 && afterMove.length === afterBooking.length,
    `moved, not added: ${afterBooking} -> ${afterMove}`,
  );
  result.rescheduled = added[0];
  const old = page.locator(`[data-testid=appointment][data-id="${result.booked}"]`);
  check((await old.getAttribute('data-active')) === 'false', 'the old appointment is no longer upcoming');
  check((await old.textContent()).includes('Cancelled'), 'the old appointment is cancelled');

  // cancel, after the confirmation
  const current = page.locator(`[data-testid=appointment][data-id="${result.rescheduled}"]`);
  await current.getByRole('button', { name: 'Cancel' }).click();
  await current.getByRole('button', { name: 'Yes, cancel it' }).click();
  await page.getByRole('status').filter({ hasText: 'The appointment is cancelled.' }).waitFor();
  await page.locator(`[data-testid=appointment][data-id="${result.rescheduled}"][data-active=false]`).waitFor();

  // documents: a refused type is stopped before the upload; a PDF goes up and comes back byte for byte
  await tab('Documents').click();
  await page.getByTestId('document').first().waitFor();
  const upload = page.getByLabel(/^Upload a document/);
  await upload.setInputFiles({ name: 'archive.zip', mimeType: 'application/zip', buffer: Buffer.from('PK') });
  await page.getByRole('alert').filter({ hasText: 'Files of type application/zip cannot be uploaded' }).waitFor();
  // the server cannot be reached (the browser's request fails): said so, nothing half-done
  const offline = (route) =>
    route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue();
  await page.route('**/fhir/DocumentReference', offline);
  await upload.setInputFiles({
    name: 'lost.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  await page.getByRole('alert').filter({ hasText: "The clinic's server cannot be reached." }).waitFor();
  await page.unroute('**/fhir/DocumentReference', offline);
  const pdf = Buffer.from(`%PDF-1.4\n% Mediwox e2e ${Date.now()}\n%%EOF\n`);
  await upload.setInputFiles({ name: 'insurance-card.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('status').filter({ hasText: 'insurance-card.pdf was uploaded.' }).waitFor();
  const uploaded = page.getByTestId('document').filter({ hasText: 'insurance-card.pdf' }).first();
  await uploaded.waitFor();
  result.document = await uploaded.getAttribute('data-id');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    uploaded.getByRole('button', { name: 'Download insurance-card.pdf' }).click(),
  ]);
  const downloaded = await readFile(await download.path());
  check(downloaded.equals(pdf), `downloaded ${downloaded.length} bytes, uploaded ${pdf.length}`);
  result.downloadedBytes = downloaded.length;
  check(
    (await page.getByTestId('document').filter({ hasText: 'Prescription' }).count()) > 0,
    'the demo prescription is listed',
  );
  await axe('documents');
  await shot('documents');

  // Spanish: chosen in the app, kept, dates in Spanish
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await page.getByRole('heading', { name: 'Documentos', exact: true }).waitFor();
  await tab('Mis citas').click();
  await page.getByRole('heading', { name: 'Mis citas', exact: true }).waitFor();
  await page.getByTestId('appointment').first().waitFor();
  const spanish = await page.getByTestId('appointment').first().textContent();
  check(
    /(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d+ de /.test(spanish),
    `a date in Spanish: ${spanish}`,
  );
  check((await page.evaluate(() => document.documentElement.lang)) === 'es', 'the page says it is in Spanish');
  await axe('appointments-es');
  await shot('appointments-es');
  await tab('Pedir cita').click();
  await page.getByRole('heading', { name: 'Pedir cita', exact: true }).waitFor();
  await page
    .getByRole('button', { name: /^(lunes|martes|miércoles|jueves|viernes|sábado|domingo).* Reservar$/ })
    .nth(1)
    .waitFor();
  await shot('book-es');
  await page.reload();
  await page.getByRole('heading', { name: 'Pedir cita', exact: true }).waitFor();
  result.spanishKeptAfterReload = true;
  result.firstContentfulPaintReloadMs = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  );
  await page.getByRole('combobox', { name: 'Dónde' }).waitFor();

  // keyboard, from the top of a freshly loaded page: Tab reaches the language switch, the screens and the booking
  // controls in order; Enter opens a screen
  const reached = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    reached.push(
      await page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent),
    );
  }
  const order = ['language', 'Pedir cita', 'Mis citas', 'Documentos', 'specialty', 'location', 'urgent'];
  check(JSON.stringify(reached) === JSON.stringify(order), `Tab order ${JSON.stringify(reached)}`);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Mis citas', exact: true }).waitFor();
  result.keyboard = reached;

  // a patient who prefers Spanish (Patient.communication) gets Spanish on an English browser without choosing
  if (process.env.MEDIWOX_E2E_SPANISH_LOGIN) {
    const spanishContext = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
    const other = await spanishContext.newPage();
    await other.goto(`${origin}/app/`);
    await other.waitForURL(/\/login/);
    await other.fill('input[name=username]', process.env.MEDIWOX_E2E_SPANISH_LOGIN);
    await other.fill('input[name=password]', password);
    await other.click('button[type=submit]');
    await other.getByRole('heading', { name: 'Pedir cita', exact: true }).waitFor();
    result.preferredLanguage = await other.evaluate(() => document.documentElement.lang);
    await spanishContext.close();
  }

  console.log(JSON.stringify(result));
} catch (error) {
  // where it stopped and what the patient saw
  const page = browser.contexts()[0]?.pages()[0];
  if (page) {
    console.error(
      `stopped at ${page.url()}:\n${(
        await page
          .locator('body')
          .innerText()
          .catch(() => '')
      ).slice(0, 3000)}`,
    );
    if (screenshots) await page.screenshot({ path: join(screenshots, 'failure.png'), fullPage: true }).catch(() => {});
  }
  throw error;
} finally {
  await browser.close();
}
