#!/usr/bin/env python3
"""Does $workload reflect exactly what was written through the API? (issue 23: ~50,000 Appointments)

usage: bench/analytics/exactness.py [fhir-base]     (default http://localhost:8080/fhir; Python 3.9+, stdlib only)
       EXACT_APPOINTMENTS=50000 EXACT_PROVIDERS=20 EXACT_BOOK=2000 EXACT_CLIENTS=4 ...

Writes through the FHIR API only, into a pool of its own (a new specialty code, EXACT_PROVIDERS providers with 30-minute
Slots from tomorrow on):
 - EXACT_BOOK bookings by POST Appointment/$book into the pool (Mediwox picks provider and Slot: pool-assigned);
 - the rest as plain POST Appointment (status booked, its Slot, patient and provider named) in transaction Bundles of
   100, EXACT_CLIENTS Bundles at a time;
 - then changes in transaction Bundles of PUTs and DELETEs, chosen by a seeded random draw: fulfilled, arrived, no-show,
   cancelled by the patient (HL7 reason `pat`), by the clinic (`prov`), moved (Mediwox reason `rescheduled`),
   entered-in-error, deleted.
Keeps a ledger of what it wrote, and checks it twice: against FHIR searches (`_summary=count` per provider and status,
the server's own view of the resources) and against `PractitionerRole/$workload` (CSV, grouping none, over the whole
period) per provider: booked, booked/kept/attended minutes, active, fulfilled, no-show, cancelled by patient and by
clinic, rescheduled, pool-assigned. Lead-time percentiles are not compared: the booking instant is the server's.
Prints counts as it goes, every mismatch, and exits 1 on any; writes bench/results/exactness-<time>.json.
"""
import json
import os
import random
import sys
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import booking  # noqa: E402  (call, transaction, post_entry, make_patients, authorize)

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/fhir"
APPOINTMENTS = int(os.environ.get("EXACT_APPOINTMENTS", "50000"))
PROVIDERS = int(os.environ.get("EXACT_PROVIDERS", "20"))
BOOK = int(os.environ.get("EXACT_BOOK", "2000"))
CLIENTS = int(os.environ.get("EXACT_CLIENTS", "4"))
SLOTS_PER_DAY = 16  # 08:00 to 16:00 UTC, 30 minutes each
HL7_REASON = "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason"
MEDIWOX_REASON = "https://mediwox.org/fhir/CodeSystem/cancellation-reason"
# the share of Appointments each change takes (the rest stay booked)
CHANGES = [("fulfilled", 0.25), ("arrived", 0.03), ("noshow", 0.05), ("cancel-patient", 0.08),
           ("cancel-clinic", 0.04), ("rescheduled", 0.02), ("entered-in-error", 0.01), ("delete", 0.01)]
MEASURES = ["booked", "booked-minutes", "kept-minutes", "attended-minutes", "active", "fulfilled", "noshow",
            "cancelled-patient", "cancelled-clinic", "rescheduled", "pool-assigned"]


def log(message):
    print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)


def fresh_connection():
    """The main thread's kept-alive connection may have been closed by the server while worker threads ran."""
    booking.local.conn = None


def make_pool(first_day, days):
    code = f"exact-{uuid.uuid4()}"
    specialty = {"coding": [{"system": "urn:mediwox:bench", "code": code}]}
    entries = []
    for p in range(PROVIDERS):
        prac, role, sched = (f"urn:uuid:{uuid.uuid4()}" for _ in range(3))
        entries += [booking.post_entry({"resourceType": "Practitioner", "name": [{"family": f"Exact {p}"}]}, prac),
                    booking.post_entry({"resourceType": "PractitionerRole", "active": True, "specialty": [specialty],
                                        "practitioner": {"reference": prac}}, role),
                    booking.post_entry({"resourceType": "Schedule", "active": True, "specialty": [specialty],
                                        "actor": [{"reference": role}, {"reference": prac}]}, sched)]
    ids = booking.transaction(entries)
    providers = [(ids[3 * i + 2], ids[3 * i + 1]) for i in range(PROVIDERS)]  # (schedule, role)

    def slots_of(provider):
        schedule, role = provider
        made, batch = [], []
        for d in range(days):
            for s in range(SLOTS_PER_DAY):
                start = first_day + timedelta(days=d, hours=8, minutes=30 * s)
                batch.append(booking.post_entry({
                    "resourceType": "Slot", "status": "free", "schedule": {"reference": schedule},
                    "specialty": [specialty], "start": start.isoformat(),
                    "end": (start + timedelta(minutes=30)).isoformat()}))
                if len(batch) == 200:
                    made += [(i, role, b["resource"]["start"], b["resource"]["end"])
                             for i, b in zip(booking.transaction(batch), batch)]
                    batch = []
        if batch:
            made += [(i, role, b["resource"]["start"], b["resource"]["end"])
                     for i, b in zip(booking.transaction(batch), batch)]
        return made

    with ThreadPoolExecutor(CLIENTS) as pool:
        slots = [slot for made in pool.map(slots_of, providers) for slot in made]
    return f"urn:mediwox:bench|{code}", [role for _, role in providers], slots


def minutes(start, end):
    return int((datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() // 60)


def book_into_pool(specialty, patients):
    def one(i):
        status, answer = booking.call("POST", "/Appointment/$book", {"resourceType": "Parameters", "parameter": [
            {"name": "patient-reference", "valueReference": {"reference": patients[i % len(patients)]}},
            {"name": "specialty", "valueString": specialty}]})
        if status != 200:
            return None
        # IHE ITI-117: the searchset Bundle itself, the booked Appointment its match
        return next(e["resource"] for e in answer["entry"] if e.get("search", {}).get("mode") == "match")
    with ThreadPoolExecutor(CLIENTS) as pool:
        return [a for a in pool.map(one, range(BOOK)) if a is not None]


def role_of(appointment):
    return next(p["actor"]["reference"] for p in appointment["participant"]
                if p["actor"]["reference"].startswith("PractitionerRole/"))


def post_plain(free, roles, patients):
    """Each provider's Slots go to ten patients of its own: a patient never has two visits at one time (the
    booking rule refuses that, patient-busy)."""
    order = {role: i for i, role in enumerate(roles)}

    def patient_for(slot, role):
        return patients[order[role] * 10 + int(slot.split("/")[1]) % 10]

    def bundle(chunk):
        entries = [booking.post_entry({
            "resourceType": "Appointment", "status": "booked", "start": start, "end": end,
            "slot": [{"reference": slot}],
            "participant": [{"actor": {"reference": patient_for(slot, role)}, "status": "accepted"},
                            {"actor": {"reference": role}, "status": "accepted"}]})
            for slot, role, start, end in chunk]
        status, answer = booking.call("POST", "", {"resourceType": "Bundle", "type": "transaction", "entry": entries})
        assert status == 200, (status, json.dumps(answer)[:500])
        ids = [e["response"]["location"].split("/_history")[0] for e in answer["entry"]]
        return [{**e["resource"], "id": i.split("/")[1]} for i, e in zip(ids, entries)]
    chunks = [free[i:i + 100] for i in range(0, len(free), 100)]
    written = []
    with ThreadPoolExecutor(CLIENTS) as pool:
        for n, made in enumerate(pool.map(bundle, chunks), 1):
            written += made
            if n % 50 == 0:
                log(f"plain POST Appointment: {len(written)} of {len(free)}")
    return written


def change(appointment, kind):
    """The PUT (or DELETE) entry that applies `kind`, and the appointment as it is afterwards (None when gone)."""
    url = "Appointment/" + appointment["id"]
    if kind == "delete":
        return {"request": {"method": "DELETE", "url": url}}, None
    changed = {k: v for k, v in appointment.items() if k != "meta"}
    reasons = {"cancel-patient": (HL7_REASON, "pat"), "cancel-clinic": (HL7_REASON, "prov"),
               "rescheduled": (MEDIWOX_REASON, "rescheduled")}
    if kind in reasons:
        system, code = reasons[kind]
        changed["status"] = "cancelled"
        changed["cancelationReason"] = {"coding": [{"system": system, "code": code}]}
    else:
        changed["status"] = kind
    changed["_kind"] = kind
    body = {k: v for k, v in changed.items() if k != "_kind"}
    return {"fullUrl": BASE + "/" + url, "resource": body, "request": {"method": "PUT", "url": url}}, changed


def apply_changes(appointments):
    draw = random.Random(23)
    plan = []
    for appointment in appointments:
        roll, kind = draw.random(), None
        for name, share in CHANGES:
            if roll < share:
                kind = name
                break
            roll -= share
        if kind:
            plan.append((appointment, kind))
    after = {a["id"]: {**a, "_kind": "booked"} for a in appointments}

    def bundle(chunk):
        entries, results = [], []
        for appointment, kind in chunk:
            entry, changed = change(appointment, kind)
            entries.append(entry)
            results.append((appointment["id"], changed))
        status, answer = booking.call("POST", "", {"resourceType": "Bundle", "type": "transaction", "entry": entries})
        assert status == 200, (status, json.dumps(answer)[:500])
        return results
    chunks = [plan[i:i + 100] for i in range(0, len(plan), 100)]
    with ThreadPoolExecutor(CLIENTS) as pool:
        for results in pool.map(bundle, chunks):
            for appointment_id, changed in results:
                if changed is None:
                    del after[appointment_id]
                else:
                    after[appointment_id] = changed
    log(f"changes: {len(plan)} ({', '.join(f'{k} {sum(1 for _, x in plan if x == k)}' for k, _ in CHANGES)})")
    return list(after.values())


def ledger(appointments, pool_assigned):
    expected = {}
    for a in appointments:
        kind = a["_kind"]
        if kind == "entered-in-error":
            continue
        figures = expected.setdefault(role_of(a), {m: 0 for m in MEASURES})
        m = minutes(a["start"], a["end"])
        figures["booked"] += 1
        figures["booked-minutes"] += m
        if kind in ("booked", "arrived", "fulfilled", "noshow"):
            figures["kept-minutes"] += m
        if kind in ("arrived", "fulfilled"):
            figures["attended-minutes"] += m
        if kind in ("booked", "arrived"):
            figures["active"] += 1
        figures["fulfilled"] += kind == "fulfilled"
        figures["noshow"] += kind == "noshow"
        figures["cancelled-patient"] += kind == "cancel-patient"
        figures["cancelled-clinic"] += kind == "cancel-clinic"
        figures["rescheduled"] += kind == "rescheduled"
        figures["pool-assigned"] += a["id"] in pool_assigned
    return expected


def count(query):
    status, answer = booking.call("GET", "/Appointment?" + query + "&_summary=count")
    assert status == 200, (status, answer)
    return answer["total"]


def workload(role, start, end):
    query = urllib.parse.urlencode({"practitioner-role": role, "start": start, "end": end, "grouping": "none",
                                    "_format": "text/csv"})
    request = urllib.request.Request(BASE + "/PractitionerRole/$workload?" + query,
                                     headers={"Authorization": booking.HEADERS["Authorization"]})
    lines = urllib.request.urlopen(request, timeout=120).read().decode().splitlines()
    header = lines[0].split(",")
    for line in lines[1:]:
        row = dict(zip(header, line.split(",")))
        if row["level"] == "provider" and row["subject"] == role:
            return {m: int(float(row[m] or 0)) for m in MEASURES}
    return {m: 0 for m in MEASURES}


def main():
    booking.authorize(BASE)
    started = time.perf_counter()
    per_provider = -(-APPOINTMENTS // PROVIDERS)
    days = -(-per_provider // SLOTS_PER_DAY)
    first_day = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    specialty, roles, slots = make_pool(first_day, days)
    log(f"pool: {len(roles)} providers, {len(slots)} Slots over {days} days from {first_day.date()}")
    fresh_connection()
    patients = booking.make_patients(500)
    log(f"patients: {len(patients)}")

    t0 = time.perf_counter()
    booked = book_into_pool(specialty, patients)
    log(f"$book: {len(booked)} of {BOOK} in {time.perf_counter() - t0:.0f} s")
    taken = {s["reference"] for a in booked for s in a.get("slot", [])}
    free = [s for s in slots if s[0] not in taken][:APPOINTMENTS - len(booked)]
    t0 = time.perf_counter()
    fresh_connection()
    plain = post_plain(free, roles, booking.make_patients(10 * PROVIDERS))
    log(f"plain POST Appointment: {len(plain)} in {time.perf_counter() - t0:.0f} s")
    appointments = apply_changes(booked + plain)
    expected = ledger(appointments, {a["id"] for a in booked})

    start = (first_day - timedelta(days=1)).date().isoformat()
    end = (first_day + timedelta(days=days + 2)).date().isoformat()
    mismatches = []
    fresh_connection()
    by_status = {"fulfilled": "fulfilled", "noshow": "noshow"}
    for role in roles:
        mine = expected.get(role, {m: 0 for m in MEASURES})
        searched = {m: count(f"actor={role}&status={s}") for m, s in by_status.items()}
        searched["active"] = count(f"actor={role}&status=booked,arrived")
        for m, n in searched.items():
            if n != mine[m]:
                mismatches.append(f"{role} {m}: ledger {mine[m]}, FHIR search {n}")
        figures = workload(role, start, end)
        for m in MEASURES:
            if figures[m] != mine[m]:
                mismatches.append(f"{role} {m}: ledger {mine[m]}, $workload {figures[m]}")
    total = {m: sum(f[m] for f in expected.values()) for m in MEASURES}
    log(f"checked {len(roles)} providers, {len(MEASURES)} figures each; totals {total}")
    for mismatch in mismatches:
        log("MISMATCH " + mismatch)
    log(f"{len(mismatches)} mismatches; {len(booked) + len(plain)} Appointments written in "
        f"{time.perf_counter() - started:.0f} s")
    results = os.path.join(HERE, "..", "results")
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(results, f"exactness-{time.strftime('%Y%m%dT%H%M%S')}.json"), "w") as out:
        json.dump({"appointments": len(booked) + len(plain), "booked_via_book": len(booked), "totals": total,
                   "mismatches": mismatches}, out, indent=1)
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
