// The built-in server's sign-in pages in headless Chromium (Debian's chromium, playwright-core), each in English and
// Spanish at phone and desktop size: axe-core must find no violation at all, and every link, button and field must be
// at least 44×44 CSS px. Then the keyboard: the show-password button shows the password and says so (aria-pressed).
// Usage: node sign-in-pages.mjs <server-root> <page> [<page> …], a page being a path, or a path, a space and a session
// cookie ("/account/2fa JSESSIONID=…") for a page only a session sees; prints {"checked": [...], "problems": [...]}.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const [root, ...paths] = process.argv.slice(2);
const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"],
});
const checked = [];
const problems = [];
try {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    for (const language of ["en", "es"]) {
      // a fresh browser profile per language: the language comes from Accept-Language, not from an earlier cookie
      const context = await browser.newContext({ viewport, locale: language === "es" ? "es-ES" : "en-US" });
      const page = await context.newPage();
      for (const [path, session] of paths.map((p) => p.split(" "))) {
        const name = `${path} ${language} ${viewport.width}`;
        await context.clearCookies();
        if (session) {
          const [cookie, value] = session.split("=");
          await context.addCookies([{ name: cookie, value, url: root }]);
        }
        const answer = await page.goto(root + path);
        if (answer.url() !== root + path) {
          problems.push(`${name}: sent on to ${answer.url()}`);
        }
        const lang = await page.getAttribute("html", "lang");
        if (lang !== language) {
          problems.push(`${name}: html lang=${lang}`);
        }
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const report = await window.axe.run(document, { resultTypes: ["violations"] });
          return report.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
        });
        violations.forEach(v => problems.push(`${name}: ${v}`));
        const small = await page.$$eval("a, button, input:not([type=hidden])", elements =>
          elements
            .map(e => ({ e, box: e.getBoundingClientRect() }))
            .filter(({ box }) => box.width < 44 || box.height < 44)
            .map(({ e, box }) => `${e.tagName.toLowerCase()} "${(e.textContent || e.name).trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`));
        small.forEach(s => problems.push(`${name}: target under 44 px: ${s}`));
        checked.push({ page: name, status: answer.status(), title: await page.title() });
      }
      await context.close();
    }
  }
  // the keyboard on the sign-in page: Tab to the show-password button, Space shows the password
  const page = await browser.newPage();
  await page.goto(`${root}/login`);
  await page.focus("input[name=password]");
  await page.keyboard.type("a password");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement.getAttribute("aria-controls"));
  await page.keyboard.press("Space");
  const shown = await page.evaluate(() => ({
    type: document.querySelector("input[name=password]").type,
    pressed: document.querySelector("[data-reveal]").getAttribute("aria-pressed"),
  }));
  if (focused !== "f-password" || shown.type !== "text" || shown.pressed !== "true") {
    problems.push(`show password by keyboard: focused ${focused}, ${JSON.stringify(shown)}`);
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ checked, problems }));
