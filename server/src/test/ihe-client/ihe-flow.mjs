// IHE ITI Scheduling's flow as a third-party client runs it: fhir-kit-client (npm), nothing of Mediwox's own code.
// Find potential appointments (ITI-115), hold the first by the reference $find returned (ITI-116), book the held one by
// reference (ITI-117), and try to hold the same proposal again (refused). Each answer is checked against the rules of
// IHE's profiles: a searchset Bundle, Appointment entries with the right status, on refusal a Bundle holding only an
// OperationOutcome (fatal, not-found for a time that can no longer be held).
// usage: node ihe-flow.mjs <fhir-base> <access-token> <specialty system|code> <patient id> <start> <end>
// prints {"proposal", "held", "booked", "checks"} as JSON on its last line; exits 1 when a rule does not hold.
import { Client } from "fhir-kit-client";

const [base, token, specialty, patient, start, end] = process.argv.slice(2);
const client = new Client({ baseUrl: base, bearerToken: token });
const checks = [];
const check = (ok, rule) => {
  if (!ok) throw new Error(`IHE rule broken: ${rule}`);
  checks.push(rule);
};
const matches = (bundle) =>
  (bundle?.entry ?? [])
    .filter((e) => e.search?.mode === "match")
    .map((e) => e.resource);
const byReference = (reference) => ({
  resourceType: "Parameters",
  parameter: [{ name: "appointment-reference", valueReference: { reference } }],
});

const found = await client.operation({
  name: "$find",
  resourceType: "Appointment",
  method: "GET",
  input: { start, end, specialty, "patient-reference": `Patient/${patient}` },
});
check(
  found.resourceType === "Bundle" && found.type === "searchset",
  "ITI-115 answers a searchset Bundle",
);
check(matches(found).length > 0, "ITI-115 proposes at least one appointment");
check(
  matches(found).every(
    (a) =>
      a.resourceType === "Appointment" &&
      a.status === "proposed" &&
      a.start &&
      a.end,
  ),
  "ITI-115 proposals are Appointments with status proposed, start and end",
);
const proposal = found.entry.find((e) => e.search?.mode === "match");
check(
  proposal.fullUrl?.endsWith(`/Appointment/${proposal.resource.id}`),
  "ITI-115 proposals can be referenced",
);

const held = await client.operation({
  name: "$hold",
  resourceType: "Appointment",
  input: byReference(proposal.fullUrl),
});
check(
  held.resourceType === "Bundle" && held.type === "searchset",
  "ITI-116 answers a searchset Bundle",
);
const pending = matches(held)[0];
check(
  pending?.resourceType === "Appointment" && pending.status === "pending",
  "ITI-116 holds: Appointment pending",
);
check(
  pending.participant.some((p) => p.actor?.reference === `Patient/${patient}`),
  "ITI-116 holds for the patient the proposal was found for",
);

const booked = await client.operation({
  name: "$book",
  resourceType: "Appointment",
  input: byReference(`Appointment/${pending.id}`),
});
check(
  booked.resourceType === "Bundle" && booked.type === "searchset",
  "ITI-117 answers a searchset Bundle",
);
const appointment = matches(booked)[0];
check(
  appointment?.id === pending.id && appointment.status === "booked",
  "ITI-117 books the held Appointment",
);

let refusal;
try {
  await client.operation({
    name: "$hold",
    resourceType: "Appointment",
    input: byReference(proposal.fullUrl),
  });
} catch (error) {
  refusal = error.response;
}
const refused =
  typeof refusal?.data === "string" ? JSON.parse(refusal.data) : refusal?.data;
check(
  refusal?.status === 409,
  "a second hold of the booked proposal is refused with 409",
);
check(
  refused?.resourceType === "Bundle" && refused.entry?.length === 1,
  "ITI-116: an unsuccessful $hold returns a Bundle with only an OperationOutcome",
);
const outcome = refused.entry[0].resource;
check(
  outcome?.resourceType === "OperationOutcome" && outcome.issue?.length > 0,
  "the refusal is an OperationOutcome",
);
check(
  outcome.issue.some((i) => i.severity === "fatal" && i.code === "not-found"),
  "ITI-116: a time that can no longer be held is an issue with severity fatal and code not-found",
);

console.log(
  JSON.stringify({
    proposal: proposal.fullUrl,
    held: pending.id,
    booked: appointment.id,
    checks,
  }),
);
