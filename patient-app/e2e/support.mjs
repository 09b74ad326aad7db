// What the patient app's end-to-end scripts share: Debian's headless Chromium driven by playwright-core, a phone in
// the clinic's time zone, signing in through the app's own SMART launch, axe-core on a screen, and FHIR calls with a
// system token (the clinic's staff, not through the app).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** The server's root as the browser reaches it (127.0.0.1: the cookies of the sign-in and the app on one host). */
export const browserOrigin = (root) => root.replace('//localhost', '//127.0.0.1').replace(/\/$/, '');

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A phone (390×844), in English, in the clinic's time zone; the browser's errors go to stderr. */
export async function phone(browser) {
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
  return { context, page };
}

/** Signs in on a fresh page through /app/ (the app starts the SMART launch itself). */
export async function signIn(page, origin, login, password) {
  await page.goto(`${origin}/app/`);
  await page.waitForURL(/\/login/);
  await page.fill('input[name=username]', login);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/**
 * What a screen must pass, recorded in {@code findings[name]}: axe-core finds no violation at all (any impact), and
 * every visible interactive target is at least 44×44 CSS px, measured as the sign-in pages' test measures them
 * (server/src/test/smart-app-launch/sign-in-pages.mjs). A checkbox or radio button is measured with its label, which
 * is its target (a tap on the label ticks it).
 */
export async function axeOn(page, name, findings) {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => {
    const report = await window.axe.run(document, { resultTypes: ['violations'] });
    return report.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  const small = await page.$$eval(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])',
    (elements) =>
      elements
        .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
        .map((e) => {
          const label = ['checkbox', 'radio'].includes(e.type) ? e.closest('label') : null;
          return { e, box: (label ?? e).getBoundingClientRect() };
        })
        .filter(({ box }) => Math.round(box.width) < 44 || Math.round(box.height) < 44)
        .map(
          ({ e, box }) =>
            `${e.tagName.toLowerCase()} "${(e.textContent || e.name || e.getAttribute('aria-label') || '').trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        ),
  );
  findings[name] = { violations: found, smallTargets: small };
  check(found.length === 0, `accessibility (${name}): ${JSON.stringify(found)}`);
  check(small.length === 0, `targets under 44×44 px (${name}): ${JSON.stringify(small)}`);
}

/** FHIR calls with the system token {@code token} (the clinic's staff); a refusal fails the script. */
export function staff(root, token) {
  const fhir = async (method, path, body) => {
    // the server's root as given: the token's audience is the FHIR base under that name
    const response = await fetch(`${root.replace(/\/$/, '')}/fhir/${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = { status: response.status, body: await response.json() };
    check(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  /** The id of a demo resource by its demo key ("patient-4"). */
  const demo = async (type, key) =>
    (await fhir('GET', `${type}?identifier=${encodeURIComponent(`https://mediwox.org/fhir/demo|${key}`)}`)).body
      .entry[0].resource.id;
  return { fhir, demo };
}

/** Where the script stopped and what the patient saw, on stderr (and as failure.png when screenshots are kept). */
export async function reportFailure(browser, screenshot) {
  const page = browser.contexts()[0]?.pages()[0];
  if (!page) return;
  const seen = await page
    .locator('body')
    .innerText()
    .catch(() => '');
  console.error(`stopped at ${page.url()}:\n${seen.slice(0, 3000)}`);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
}
