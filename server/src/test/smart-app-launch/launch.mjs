// A SMART standalone launch as a patient does it: the app (fhirclient in headless Chromium) discovers the server's
// endpoints, sends the patient to the login page, gets the code back, exchanges it (PKCE) and reads the patient.
// Usage: node launch.mjs <fhir-base> <username> <password>; prints {"patient", "name"} as JSON.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const [fhirBase, username, password] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const files = {
  "/launch.html": join(here, "public", "launch.html"),
  "/index.html": join(here, "public", "index.html"),
  "/fhir-client.min.js": join(here, "node_modules", "fhirclient", "build", "fhir-client.min.js"),
};

const app = createServer(async (req, res) => {
  const file = files[new URL(req.url, "http://127.0.0.1").pathname];
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  const type = file.endsWith(".js") ? "text/javascript" : "text/html";
  res.writeHead(200, { "Content-Type": type }).end(await readFile(file));
});
await new Promise(resolve => app.listen(0, "127.0.0.1", resolve));
const appOrigin = `http://127.0.0.1:${app.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  await page.goto(`${appOrigin}/launch.html?iss=${encodeURIComponent(fhirBase)}`);
  page.on("console", m => console.error("console:", m.text()));
  await page.waitForURL(/\/login/, { timeout: 30000 }).catch(async e => { console.error("at", page.url(), await page.content()); throw e; });
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", password);
  await page.click("button[type=submit]");
  await page.waitForFunction(
    () => document.getElementById("patient")?.textContent || document.getElementById("error")?.textContent,
    null,
    { timeout: 30000 });
  const error = await page.textContent("#error");
  if (error) {
    throw new Error(`the app failed: ${error}`);
  }
  console.log(JSON.stringify({ patient: await page.textContent("#patient"), name: await page.textContent("#name") }));
} finally {
  await browser.close();
  app.close();
}
