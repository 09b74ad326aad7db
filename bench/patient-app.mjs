// How fast the patient app shows up, in headless Chromium (Debian's chromium) on the machine the server runs on.
// Usage (after `mvn -B verify` or `npm ci` in patient-app/, with the server running with demo data):
//   node bench/patient-app.mjs [server-root] [runs]
// Prints, for a signed-in demo patient reloading /app/ (each run a reload, half of them with the browser cache off):
//   first contentful paint (the page's own skeleton), app shell (the React frame with the tabs) and first free times
//   (after the clinic directory and $find answered); and for a first visit the time until the login form shows.
import { chromium } from '../patient-app/node_modules/playwright-core/index.mjs';

const root = (process.argv[2] ?? 'http://127.0.0.1:8080').replace('//localhost', '//127.0.0.1').replace(/\/$/, '');
const runs = Number(process.argv[3] ?? 20);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]; // nearest rank
  return `p50 ${Math.round(at(0.5))} ms, p95 ${Math.round(at(0.95))} ms, max ${Math.round(sorted.at(-1))} ms (n=${values.length})`;
}

try {
  // first visit: /app/ -> SMART launch -> the login form, on an empty browser cache
  const firstVisit = [];
  for (let i = 0; i < Math.max(3, runs / 4); i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${root}/app/`);
    await page.waitForSelector('input[name=username]');
    firstVisit.push(Date.now() - started);
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${root}/app/`);
  await page.fill('input[name=username]', process.env.MEDIWOX_USER ?? 'emily.chen@example.org');
  await page.fill('input[name=password]', process.env.MEDIWOX_PASSWORD ?? 'mediwox');
  await page.click('button[type=submit]');
  await page.getByRole('navigation').waitFor();
  const cdp = await context.newCDPSession(page);
  const measured = { cold: { paint: [], shell: [], times: [] }, warm: { paint: [], shell: [], times: [] } };
  for (let i = 0; i < runs; i++) {
    const kind = i % 2 === 0 ? 'cold' : 'warm';
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: kind === 'cold' });
    await page.reload();
    await page.getByRole('navigation').waitFor();
    const shell = await page.evaluate(() => performance.now());
    await page.locator('button[data-start]').first().waitFor();
    const times = await page.evaluate(() => performance.now());
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
    measured[kind].paint.push(paint);
    measured[kind].shell.push(shell);
    measured[kind].times.push(times);
    process.stderr.write(`run ${i + 1}/${runs} (${kind} cache): paint ${Math.round(paint)} ms\n`);
  }
  console.log(`first visit, /app/ to the login form:        ${summary(firstVisit)}`);
  for (const kind of ['cold', 'warm']) {
    console.log(`signed in, ${kind} cache, first contentful paint: ${summary(measured[kind].paint)}`);
    console.log(`signed in, ${kind} cache, app shell:              ${summary(measured[kind].shell)}`);
    console.log(`signed in, ${kind} cache, first free times:       ${summary(measured[kind].times)}`);
  }
} finally {
  await browser.close();
}
