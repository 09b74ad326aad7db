// One load window of bench/load/run.sh: autocannon drives POST Appointment/$book with `connections` concurrent clients
// for `seconds`, each booking for a patient of its own (a patient is tried again only after admission control refused
// it before doing anything, so no patient books twice), into the window's pools of the set-up
// (bench/load/setup.py; the i-th booking goes into pool i mod pools).
//   node book.mjs <url of the FHIR base> <set-up JSON> <window> <connections> <seconds>
// The token comes from MEDIWOX_TOKEN. Prints one JSON line: bookings (2xx), bookings/s, p50/p95/p99 of the bookings,
// p99 of the refusals, answers by status, transport errors and timeouts, and every non-2xx body checked: a 429 or 503
// must be an OperationOutcome with Retry-After; anything else non-2xx is a finding (listed, first 5 bodies kept).
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const [base, setupFile, windowName, connections, seconds] = process.argv.slice(2);
const setup = JSON.parse(readFileSync(setupFile, "utf8"));
const window = setup.windows[windowName];
const patients = setup.patients.slice(window.first, window.first + window.count);
const pools = window.pools;
const url = new URL(base);
const path = url.pathname.replace(/\/$/, "") + "/Appointment/$book";

let next = 0;
const retry = [];
let ranOut = false;
let answered = false;
let latency = null;
let closing = false;

function filler(request) {
  return { ...request, method: "GET", path: url.pathname.replace(/\/$/, "") + "/metadata", body: undefined };
}
const statuses = {};
const latencies = { ok: [], refused: [] };
const outcomes = { checked: 0, clean: 0, codes: {}, findings: {}, samples: [] };

function body(i) {
  return JSON.stringify({
    resourceType: "Parameters",
    parameter: [
      { name: "patient-reference", valueReference: { reference: patients[i] } },
      { name: "specialty", valueString: pools[i % pools.length].specialty },
    ],
  });
}

function checkRefusal(status, text, headers) {
  outcomes.checked++;
  let resource = null;
  try {
    resource = JSON.parse(text);
  } catch {
    // not JSON: a finding below
  }
  const retryAfter = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === "retry-after")?.[1];
  const clean = (status === 429 || status === 503) && resource?.resourceType === "OperationOutcome" && /^\d+$/.test(String(retryAfter ?? ""));
  if (clean) {
    outcomes.clean++;
    const kind = `${status} ${resource.issue?.[0]?.code}`;
    outcomes.codes[kind] = (outcomes.codes[kind] ?? 0) + 1;
    // admission control's refusal (issue code throttled) comes before anything is done for the request: its patient
    // has not booked and may try again; after any other refusal (a lost database: maybe stored) the patient is spent
    return resource.issue?.[0]?.code;
  }
  const what = `${status} ${resource?.resourceType ?? "non-JSON body"}${retryAfter ? "" : " without Retry-After"}`;
  outcomes.findings[what] = (outcomes.findings[what] ?? 0) + 1;
  if (outcomes.samples.length < 5) outcomes.samples.push({ status, body: String(text).slice(0, 500) });
}

const instance = autocannon(
  {
    url: url.origin,
    connections: Number(connections),
    duration: Number(seconds),
    // a request waits for admission at most MEDIWOX_ADMISSION_MAXWAIT (2 s); 60 s means the server stopped answering
    timeout: 60,
    requests: [
      {
        method: "POST",
        path,
        headers: {
          authorization: `Bearer ${process.env.MEDIWOX_TOKEN}`,
          "content-type": "application/fhir+json",
          accept: "application/fhir+json",
        },
        setupRequest: (request, context) => {
          if (closing) {
            // Tomcat closes the connection after a 503: autocannon writes this request onto the closing socket, where
            // it is lost, and builds the next one when it reconnects. Spend no patient on it.
            closing = false;
            context.booking = false;
            return filler(request);
          }
          if (next >= patients.length && !retry.length) {
            // never book a patient twice: end the window here, say so, and send only a cheap filler (not counted)
            if (!ranOut) {
              ranOut = true;
              setImmediate(() => instance.stop());
            }
            context.booking = false;
            return filler(request);
          }
          context.booking = true;
          context.sentAt = performance.now();
          // a patient whose earlier attempt was refused before anything was done for it, else a new one
          context.patient = retry.length ? retry.pop() : next++;
          request.body = body(context.patient);
          return request;
        },
        onResponse: (status, text, context, headers) => {
          // called just before autocannon's "response" event of the same answer (below)
          answered = context.booking;
          // autocannon's own timing is off after a lost request (its queue keeps the lost one): time it here
          latency = answered ? performance.now() - context.sentAt : null;
          closing = String(headers?.connection ?? headers?.Connection ?? "").toLowerCase() === "close";
          if (answered && (status < 200 || status > 299) && checkRefusal(status, text, headers) === "throttled") {
            retry.push(context.patient);
          }
        },
      },
    ],
  },
  (error, result) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    const sorted = (values) => values.sort((a, b) => a - b);
    const pct = (values, q) => (values.length ? values[Math.min(values.length - 1, Math.floor(q * values.length))] : null);
    const ok = sorted(latencies.ok);
    const refused = sorted(latencies.refused);
    const wall = (Date.parse(result.finish) - Date.parse(result.start)) / 1000;
    console.log(
      JSON.stringify({
        connections: Number(connections),
        seconds: wall,
        answered: Object.values(statuses).reduce((a, b) => a + b, 0),
        patientsUsed: next,
        bookings: ok.length,
        bookingsPerSecond: ok.length / wall,
        p50: pct(ok, 0.5),
        p95: pct(ok, 0.95),
        p99: pct(ok, 0.99),
        refusedP99: pct(refused, 0.99),
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
        ranOutOfPatients: ranOut,
        outcomes,
      }),
    );
  },
);

// per answer (ms), kept apart for bookings and for everything else
instance.on("response", (client, status) => {
  if (!answered) return;
  statuses[status] = (statuses[status] ?? 0) + 1;
  (status >= 200 && status <= 299 ? latencies.ok : latencies.refused).push(latency);
});
