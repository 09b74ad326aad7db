// The Availability tab end to end (run by the server's ClinicianAppIT): the clinic's manager signs in, opens
// Availability for a provider (MEDIWOX_E2E_ROLE) whose Schedule is generated from their hours, is told hours that end
// before they start, saves on a version someone changed meanwhile (412: said, reloaded), then adds Saturday hours and a
// leave day (MEDIWOX_E2E_LEAVE_DAY) over a visit booked that day (MEDIWOX_E2E_APPOINTMENT, patient
// MEDIWOX_E2E_PATIENT), saves, and sees the visit listed to move once the generation raised its Task. Then a clinician
// opens the tab: their hours are shown, not offered for editing, and the server refuses a change of the provider's
// hours with their token (403, the staff rules' words). axe-core on the screens. Prints one JSON line.
// Usage: node e2e/availability.e2e.mjs <server root> <manager login> <clinician login> <password> [screenshot dir]
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const [root, managerLogin, clinicianLogin, password, shots] = process.argv.slice(2);
const roleId = process.env.MEDIWOX_E2E_ROLE;
const leaveDay = process.env.MEDIWOX_E2E_LEAVE_DAY;
const appointment = process.env.MEDIWOX_E2E_APPOINTMENT;
const patientName = process.env.MEDIWOX_E2E_PATIENT;
const origin = root.replace('//localhost', '//127.0.0.1').replace(/\/$/, '');
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const result = { accessibility: {} };

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function axeOn(page, name) {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => {
    const report = await window.axe.run(document, { resultTypes: ['violations'] });
    return report.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  result.accessibility[name] = found;
  check(found.length === 0, `accessibility (${name}): ${JSON.stringify(found)}`);
}

async function signedIn(browser, login) {
  const ctx = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  ctx.setDefaultTimeout(30_000);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('response', (r) => r.status() >= 400 && console.error('HTTP', r.status(), r.request().method(), r.url()));
  await page.goto(`${origin}/clinician/`);
  await page.waitForURL(/\/login/);
  await page.locator('input[name=username]').fill(login);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByRole('heading', { name: 'My day' }).waitFor();
  await page.getByRole('link', { name: 'Availability' }).click();
  await page.getByRole('heading', { level: 2, name: 'Availability' }).waitFor();
  return page;
}

/** The provider's role changed by the clinic's back office (a system token) outside the app. */
async function changeRoleMeanwhile() {
  const url = `${root.replace(/\/$/, '')}/fhir/PractitionerRole/${roleId}`;
  const auth = { Authorization: `Bearer ${process.env.MEDIWOX_E2E_TOKEN}` };
  const role = await (await fetch(url, { headers: auth })).json();
  role.telecom = [{ system: 'phone', value: '+12025550123', use: 'work' }];
  const response = await fetch(url, {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify(role),
  });
  check(response.ok, `back office PUT PractitionerRole/${roleId}: ${response.status}`);
}

const shot = async (page, name) => shots && page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });

async function addSaturday(page) {
  await page.getByRole('button', { name: 'Add hours on Saturday' }).click();
  await page.getByLabel('From, Saturday, hours 1').fill('09:00');
  await page.getByLabel('To, Saturday, hours 1').fill('11:00');
}

async function addLeave(page) {
  await page.getByLabel('Reason').fill('Conference');
  await page.getByLabel('First day').fill(leaveDay);
  await page.getByLabel('Last day').fill(leaveDay);
  await page.getByRole('button', { name: 'Add leave' }).click();
  await page.getByTestId('leave').filter({ hasText: 'Conference' }).waitFor();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
});
try {
  if (shots) await mkdir(shots, { recursive: true });

  // 1. the manager picks the provider and sees the weekly hours
  const manager = await signedIn(browser, managerLogin);
  await manager.getByLabel('Provider').selectOption(roleId);
  const monday = manager.getByLabel('From, Monday, hours 1');
  await monday.waitFor();
  result.mondayFrom = await monday.inputValue();
  result.mondayTo = await manager.getByLabel('To, Monday, hours 1').inputValue();
  check((await manager.getByLabel('From, Sunday, hours 1').count()) === 0, 'no hours on Sunday');

  // 2. hours ending before they start are refused before anything is sent, next to the field
  await manager.getByRole('button', { name: 'Add hours on Saturday' }).click();
  await manager.getByLabel('From, Saturday, hours 1').fill('10:00');
  await manager.getByLabel('To, Saturday, hours 1').fill('08:00');
  await manager.getByRole('button', { name: 'Save availability' }).click();
  await manager.getByText('The hours must end after they start (10:00–08:00).').waitFor();
  await manager.waitForFunction(() => document.activeElement?.id === 'hours-sat-0-end');
  await manager.getByRole('button', { name: 'Remove hours 10:00–08:00 on Saturday' }).click();

  // 3. someone changed the role meanwhile: the save on the version read is refused (412), said, and reloaded
  await addLeave(manager);
  await changeRoleMeanwhile();
  await manager.getByRole('button', { name: 'Save availability' }).click();
  await manager.getByTestId('availability-notice').filter({ hasText: 'Changed by someone else, reloaded.' }).waitFor();
  result.changedMeanwhile = true;
  check((await manager.getByTestId('leave').filter({ hasText: 'Conference' }).count()) === 0, 'reloaded as stored');

  // 4. Saturday hours and the leave day over the booked visit, saved; the visit is listed to move
  await addSaturday(manager);
  await addLeave(manager);
  await manager.getByRole('button', { name: 'Save availability' }).click();
  await manager.getByTestId('availability-notice').filter({ hasText: 'saved' }).waitFor();
  const visit = manager.locator(`[data-testid=visit-to-move][data-id="${appointment}"]`);
  await visit.waitFor({ timeout: 150_000 });
  result.visitToMove = await visit.innerText();
  check(result.visitToMove.includes(patientName), `the visit to move names ${patientName}`);
  check((await manager.getByLabel('From, Saturday, hours 1').inputValue()) === '09:00', 'Saturday saved');
  await axeOn(manager, 'availability');
  await shot(manager, 'availability');

  // Spanish once
  await manager.getByLabel('Language').selectOption('es');
  await manager.getByRole('heading', { level: 3, name: 'Citas que mover' }).waitFor();
  await axeOn(manager, 'availability-es');
  await manager.getByLabel('Idioma').selectOption('en');

  // 5. a clinician: own hours shown, not offered for editing; the server refuses changing a provider's hours
  const clinician = await signedIn(browser, clinicianLogin);
  await clinician.getByTestId('hours-read-only').waitFor();
  result.clinicianTimeFields = await clinician.locator('input[type=time]').count();
  await clinician.getByText('Only a manager changes working hours.', { exact: false }).waitFor();
  await axeOn(clinician, 'availability-clinician');
  result.clinicianRefused = await clinician.evaluate(async (id) => {
    const state = JSON.parse(sessionStorage.getItem(JSON.parse(sessionStorage.getItem('SMART_KEY'))));
    const headers = { Authorization: `Bearer ${state.tokenResponse.access_token}` };
    const url = `${state.serverUrl}/PractitionerRole/${id}`;
    const role = await (await fetch(url, { headers })).json();
    role.availableTime = [{ daysOfWeek: ['sun'], availableStartTime: '08:00:00', availableEndTime: '20:00:00' }];
    const response = await fetch(url, {
      method: 'PUT',
      headers: { ...headers, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(role),
    });
    const body = await response.json();
    return { status: response.status, diagnostics: body.issue?.[0]?.diagnostics ?? '' };
  }, roleId);

  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
