// The clinician workspace end to end (run by the server's ClinicianAppIT): a phone, standalone sign-in as a demo
// clinician, My day with the visit staff booked for them (MEDIWOX_E2E_APPOINTMENT, patient MEDIWOX_E2E_PATIENT),
// arrived then seen, Spanish, sign out; then a desktop with the demo EHR simulator: Emily Chen's chart opened (an EHR
// launch in an iframe), her banner, a booking into the general practice pool with the keyboard only (Tab, arrows,
// Enter); then her Workload dashboard (figures of this week, the period switched and Back, a data table, the CSV).
// axe-core on every screen, in the frame too. Prints one JSON line with what it saw.
// Usage: node e2e/clinician-app.e2e.mjs <server root> <login> <password> [screenshot dir]
import { mkdir } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const [root, login, password, shots] = process.argv.slice(2);
const appointment = process.env.MEDIWOX_E2E_APPOINTMENT;
const patientName = process.env.MEDIWOX_E2E_PATIENT;
const origin = root.replace('//localhost', '//127.0.0.1').replace(/\/$/, '');
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const result = { accessibility: {} };

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** axe-core on a page or a frame: every finding recorded; serious or critical ones fail. */
async function axeOn(target, name) {
  await target.addScriptTag({ content: axeSource });
  const found = await target.evaluate(async () => {
    const report = await window.axe.run(document, { resultTypes: ['violations'] });
    return report.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  result.accessibility[name] = found;
  check(found.length === 0, `accessibility (${name}): ${JSON.stringify(found)}`);
}

async function context(browser, viewport) {
  const ctx = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'America/New_York' });
  ctx.setDefaultTimeout(30_000);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('response', (r) => r.status() >= 400 && console.error('HTTP', r.status(), r.request().method(), r.url()));
  return page;
}

async function signIn(target) {
  await target.locator('input[name=username]').fill(login);
  await target.locator('input[name=password]').fill(password);
  await target.locator('button[type=submit]').click();
}

/** A change by the clinic's staff (a system token), outside the app. */
async function staffPatch(id, patch) {
  const response = await fetch(`${root.replace(/\/$/, '')}/fhir/Appointment/${id}`, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${process.env.MEDIWOX_E2E_TOKEN}`,
      'Content-Type': 'application/json-patch+json',
    },
    body: JSON.stringify(patch),
  });
  check(response.ok, `staff PATCH Appointment/${id}: ${response.status}`);
}

const shot = async (page, name) => shots && page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
});
try {
  if (shots) await mkdir(shots, { recursive: true });

  // 1. standalone: the clinician signs in at /clinician/ on a phone
  const phone = await context(browser, { width: 390, height: 844 });
  await phone.goto(`${origin}/clinician/`);
  await phone.waitForURL(/\/login/);
  await signIn(phone);
  await phone.getByRole('heading', { name: 'My day' }).waitFor();
  const visit = phone.locator(`[data-testid=day-appointment][data-id="${appointment}"]`);
  await visit.waitFor();
  check((await visit.innerText()).includes(patientName), `My day shows ${patientName}`);
  check((await visit.innerText()).includes('Blood pressure follow-up'), 'My day shows the reason');
  check(await phone.getByText(/Times in Eastern (Standard|Daylight) Time/).isVisible(), 'the clinic zone is named');
  // what the payer answered the booking's appointment-book hook, kept on the visit (payer-card, CRD coverage
  // information): the coverage in words from CRD's codes, the card's indicator in words, summary and detail as text
  const payer = visit.getByTestId('payer');
  await payer.waitFor();
  result.payer = {
    coverage: await payer.getByTestId('coverage').textContent(),
    cards: await payer
      .getByTestId('payer-card')
      .evaluateAll((all) => all.map((c) => `${c.dataset.indicator} ${c.textContent}`)),
    markup: await payer.locator('strong, em, b, img').count(),
  };
  await axeOn(phone, 'day');
  await shot(phone, 'day');

  const statuses = [];
  await visit.getByRole('button', { name: `Mark ${patientName} arrived` }).click();
  await visit.locator('[data-testid=status]', { hasText: 'Arrived' }).waitFor();
  // the focus stays on the visit (moved back once the day is reloaded)
  await phone.waitForFunction((id) => document.activeElement?.id === id, `appointment-${appointment}`);
  statuses.push(await visit.locator('[data-testid=status]').innerText());
  await phone
    .getByTestId('live')
    .filter({ hasText: `${patientName} is now: Arrived.` })
    .waitFor();
  // the front desk changes the visit meanwhile: Seen on the version the clinician saw is refused (412), said so, and
  // the day reloaded; Seen again then goes through
  await staffPatch(appointment, [{ op: 'add', path: '/comment', value: 'Room 3' }]);
  await visit.getByRole('button', { name: `Mark ${patientName} seen` }).click();
  await visit.getByText('Someone else changed this appointment meanwhile.', { exact: false }).waitFor();
  await phone.getByTestId('live').filter({ hasText: 'Someone else changed this appointment' }).waitFor();
  result.changedMeanwhile = await visit.locator('[data-testid=status]').innerText();
  await visit.getByRole('button', { name: `Mark ${patientName} seen` }).click();
  await visit.locator('[data-testid=status]', { hasText: 'Seen' }).waitFor();
  statuses.push(await visit.locator('[data-testid=status]').innerText());
  check((await visit.getByRole('button').count()) === 0, 'nothing more to do on a visit seen');
  result.statuses = statuses;

  // Spanish once
  await phone.getByLabel('Language').selectOption('es');
  const dayEs = phone.getByRole('heading', { level: 2, name: 'Mi día' });
  await dayEs.waitFor();
  result.dayEs = await dayEs.innerText();
  check((await visit.locator('[data-testid=status]').innerText()) === 'Atendido', 'status in Spanish');
  await axeOn(phone, 'day-es');
  await shot(phone, 'day-es');
  await phone.getByLabel('Idioma').selectOption('en');

  // sign out: back on the workspace, signed out, the server's session ended too
  await phone.getByRole('button', { name: 'Sign out' }).click();
  await phone.getByText('You are signed out.').waitFor();
  result.signedOut = true;
  await axeOn(phone, 'signed-out');

  // 2. the EHR: the simulator opens Emily Chen's chart with the workspace in a frame
  const desktop = await context(browser, { width: 1280, height: 900 });
  await desktop.goto(`${origin}/clinician/ehr-simulator.html`);
  await desktop.getByRole('button', { name: 'Open chart of Emily Chen' }).waitFor();
  await axeOn(desktop, 'simulator');
  await desktop.getByRole('button', { name: 'Open chart of Emily Chen' }).click();
  const frame = desktop.frameLocator('iframe');
  await frame.locator('input[name=username]').waitFor();
  await signIn(frame);
  const banner = frame.getByTestId('patient-banner');
  await banner.waitFor();
  result.banner = await banner.innerText();
  check(result.banner.includes('Emily Chen'), `the banner names the patient: ${result.banner}`);
  const app = desktop.frames().find((f) => f.url().includes('/clinician/') && !f.url().includes('simulator'));
  await frame.getByRole('heading', { name: 'Book for Emily Chen' }).waitFor();
  await axeOn(app, 'chart');

  // book into the general practice pool with the keyboard only: Tab to the kind of visit, arrows to general practice,
  // Tab to the button, Enter; then who and when, and why from the explanation
  const gp = 'http://snomed.info/sct|394814009';
  // the kinds of visit come from the directory: wait until general practice is one of them
  await frame.getByLabel('Kind of visit').locator(`option[value="${gp}"]`).waitFor({ state: 'attached' });
  await tabTo(desktop, app, () => document.activeElement?.labels?.[0]?.textContent.includes('Kind of visit'), 'kind');
  await desktop.keyboard.press('Home');
  // every kind the server knows is offered (other tests add their own): down through all of them at most
  const kinds = await app.evaluate(() => document.activeElement.options.length);
  for (let i = 0; i < kinds && (await app.evaluate(() => document.activeElement.value)) !== gp; i++) {
    await desktop.keyboard.press('ArrowDown');
  }
  const chosen = await app.evaluate(() => [document.activeElement.value, document.activeElement.options?.length]);
  check(chosen[0] === gp, `general practice chosen with the arrows: ${JSON.stringify(chosen)}`);
  await tabTo(
    desktop,
    app,
    () => document.activeElement?.textContent.trim() === 'Book the next provider in turn',
    'the book button',
  );
  await desktop.keyboard.press('Enter');
  const booked = frame.getByTestId('booked');
  await booked.waitFor();
  result.booked = await booked.getAttribute('data-id');
  result.bookedText = await booked.innerText();
  result.why = await frame.getByTestId('why').innerText();
  check(/^Booked: Dr\. /.test(result.bookedText), `who and when: ${result.bookedText}`);
  await app.waitForFunction(() => document.activeElement?.dataset.testid === 'booked');
  await frame.locator(`[data-testid=patient-appointment][data-id="${result.booked}"]`).waitFor();
  await axeOn(app, 'booked');
  await shot(desktop, 'ehr-booked');

  // reschedule it to a time of a chosen provider ($find, then $book of the proposal naming the old appointment)
  const bookedRow = frame.locator(`[data-testid=patient-appointment][data-id="${result.booked}"]`);
  await bookedRow.getByRole('button', { name: /^Reschedule the appointment of / }).click();
  await frame.getByText(/^New time for the appointment of /).waitFor();
  await app.waitForFunction(() => document.activeElement?.id === 'book-title');
  await frame.getByLabel('Provider').selectOption({ label: 'Dr. Luis Fernández' });
  await frame.getByRole('button', { name: 'Find times' }).click();
  const times = frame.getByRole('button', { name: / with Dr\. Luis Fernández$/ });
  await times.first().waitFor();
  await axeOn(app, 'times');
  // the second time: the first may be the very time of the booking (the same patient cannot be in two places)
  await times.nth(1).click();
  const moved = frame.getByTestId('booked').filter({ hasText: /^Moved to Dr\. Luis Fernández, / });
  await moved.waitFor();
  result.moved = await moved.getAttribute('data-id');
  result.movedWhy = await frame.getByTestId('why').innerText();
  await bookedRow.waitFor({ state: 'detached' });

  // and cancel the new one ($cancel)
  const movedRow = frame.locator(`[data-testid=patient-appointment][data-id="${result.moved}"]`);
  await movedRow.getByRole('button', { name: /^Cancel the appointment of / }).click();
  await frame
    .getByTestId('booked')
    .filter({ hasText: / is cancelled\.$/ })
    .waitFor();
  await movedRow.waitFor({ state: 'detached' });

  // 3. the Workload dashboard, standalone on a desktop: the figures count her visits of this week, the period is a
  // filter in the URL (Back brings the one before back), each chart has its data as a table, CSV downloads
  const wide = await context(browser, { width: 1280, height: 900 });
  await wide.goto(`${origin}/clinician/`);
  await wide.waitForURL(/\/login/);
  await signIn(wide);
  await wide.getByRole('heading', { name: 'My day' }).waitFor();
  await wide.getByRole('link', { name: 'Workload' }).click();
  await wide.getByRole('heading', { level: 2, name: 'Workload' }).waitFor();
  const figures = async (asked) => {
    const headline = wide.locator(`[data-testid=headline][data-asked$="/${asked}"]`);
    await headline.waitFor();
    return {
      asked: await headline.getAttribute('data-asked'),
      booked: Number(await headline.locator('[data-testid=figure-booked] dd').getAttribute('data-value')),
    };
  };
  const weeks = await figures('week');
  result.workload = { booked4weeks: weeks.booked };
  check(weeks.booked >= 1, `the last four weeks count her visit: ${JSON.stringify(weeks)}`);
  await wide.getByLabel('Period').selectOption('week');
  await wide.waitForURL(/#\/workload\?period=week$/);
  await wide.getByLabel('Trend by').selectOption('day');
  await wide.waitForURL(/#\/workload\?period=week&grouping=day$/);
  const days = await figures('day');
  result.workload.bookedWeek = days.booked;
  check(days.booked >= 1, `this week counts her visit: ${JSON.stringify(days)}`);
  result.workload.headline = await wide.getByTestId('headline').innerText();
  result.workload.fairness = await wide.getByTestId('fairness-sentence').allInnerTexts();
  await wide.getByRole('button', { name: 'Show the data as a table' }).first().click();
  const rows = wide.locator('#chart-utilisation-table tbody tr');
  await rows.first().waitFor();
  result.workload.tableRows = await rows.count();
  check(result.workload.tableRows === 7, `a row per day of the week: ${result.workload.tableRows}`);
  const [download] = await Promise.all([
    wide.waitForEvent('download'),
    wide.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  result.workload.csvName = download.suggestedFilename();
  check(csv.startsWith('level,subject,label,bucket,booked'), `the CSV: ${csv.slice(0, 80)}`);
  check(/^total,/m.test(csv), 'the CSV has the total');
  await axeOn(wide, 'workload');
  await shot(wide, 'workload');
  await wide.goBack();
  await wide.waitForURL(/#\/workload\?period=week$/);
  await figures('week');
  check((await wide.getByLabel('Trend by').inputValue()) === 'week', 'Back brings the grouping before back');
  check((await wide.getByLabel('Period').inputValue()) === 'week', 'and keeps the period');
  console.log(JSON.stringify(result));
} catch (e) {
  const page = browser.contexts().at(-1)?.pages()[0];
  if (page) {
    console.error(
      `stopped at ${page.url()}:\n${(
        await page
          .locator('body')
          .innerText()
          .catch(() => '')
      ).slice(0, 3000)}`,
    );
    if (shots) await page.screenshot({ path: `${shots}/failure.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
}

/** Keyboard only: presses Tab until {@code focused} holds in {@code frame} (at most 80 presses). */
async function tabTo(page, frame, focused, what) {
  for (let i = 0; i < 80; i++) {
    if (await frame.evaluate(focused)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${what} not reached with Tab`);
}
