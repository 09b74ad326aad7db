#!/usr/bin/env python3
"""$book into a pool versus the plain FHIR way of booking, at 1, 8, 32 and 64 concurrent clients.

usage: bench/booking.py [fhir-base]          (default http://localhost:8080/fhir; Python 3.9+, standard library only)
       BOOKING_LEVELS=8:600,32:1000 BOOKING_BASELINE=0 BOOKING_PLAIN=0 BOOKING_HELD=0 bench/booking.py
                                                    (other levels; $book into a pool only)

Setup (logged with counts): two identical pools of its own (10 providers, 400 free 30-minute Slots each, a new
specialty code) and one patient per booking, created with transaction Bundles.
 - $book:     POST Appointment/$book {patient-reference, specialty}: Mediwox picks provider and slot.
 - baseline:  a transaction Bundle that PUTs the Slot as busy (If-Match on its version) and POSTs the Appointment;
              each request gets its own pre-chosen free Slot, so the baseline never has to retry.
 - plain:     a plain POST Appointment (status booked, its Slot named): the booking rule claims the Slot, provider
              and patient and marks the Slot busy in the same transaction (its own pool, pre-chosen Slots).
 - held:      IHE's two steps: POST Appointment/$hold of a proposed Appointment (its Slot and patient), then
              POST Appointment/$book {appointment-reference} of the held one; one booking = both calls (own pool).
Afterwards every booked Slot is checked: no Slot has two booked Appointments, no provider has overlapping ones.
Prints bookings/s, p50/p95/p99 latency and error counts per scenario, and the $book/baseline ratio at 32 clients.
"""
import json
import sys
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from demo_client import demo_token
from datetime import datetime, timedelta, timezone

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/fhir"
PROVIDERS, SLOTS_PER_PROVIDER = 10, 400
LEVELS = [tuple(int(n) for n in level.split(":"))
          for level in __import__("os").environ.get("BOOKING_LEVELS", "1:150,8:600,32:1000,64:1000").split(",")]
WITH_BASELINE = __import__("os").environ.get("BOOKING_BASELINE", "1") != "0"
WITH_PLAIN = __import__("os").environ.get("BOOKING_PLAIN", "1") != "0"
WITH_HELD = __import__("os").environ.get("BOOKING_HELD", "1") != "0"
HEADERS = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"}


local = threading.local()


def authorize(base):
    """Points call() at `base` with a fresh demo token (main() does it; bench/profile imports this module)."""
    global BASE
    BASE = base
    HEADERS["Authorization"] = "Bearer " + demo_token(BASE)


def call(method, path, body=None, headers=None, retry=True):
    import http.client
    conn = getattr(local, "conn", None)
    if conn is None:
        host = BASE.split("//")[1].split("/")[0]
        conn = local.conn = http.client.HTTPConnection(host, timeout=120)
    prefix = "/" + BASE.split("//")[1].split("/", 1)[1]
    data = json.dumps(body) if body is not None else None
    try:
        conn.request(method, prefix + path, body=data, headers={**HEADERS, **(headers or {})})
        response = conn.getresponse()
        text = response.read()
        return response.status, (json.loads(text) if text else None)
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        # a kept-alive connection the server closed while idle: reconnect once (only reads are retried)
        local.conn = None
        if retry and method == "GET":
            return call(method, path, body, headers, retry=False)
        raise


def transaction(entries):
    status, bundle = call("POST", "", {"resourceType": "Bundle", "type": "transaction", "entry": entries})
    assert status == 200, (status, json.dumps(bundle)[:500])
    return [e["response"]["location"].split("/_history")[0] for e in bundle["entry"]]


def post_entry(resource, full_url=None):
    return {"fullUrl": full_url or f"urn:uuid:{uuid.uuid4()}", "resource": resource,
            "request": {"method": "POST", "url": resource["resourceType"]}}


def make_pool(label, first):
    code = f"bench-{label}-{uuid.uuid4()}"
    specialty = {"coding": [{"system": "urn:mediwox:bench", "code": code}]}
    entries, schedules = [], []
    for p in range(PROVIDERS):
        prac, role, sched = (f"urn:uuid:{uuid.uuid4()}" for _ in range(3))
        entries += [post_entry({"resourceType": "Practitioner", "name": [{"family": f"{label} {p}"}]}, prac),
                    post_entry({"resourceType": "PractitionerRole", "active": True, "specialty": [specialty],
                                "practitioner": {"reference": prac}}, role),
                    post_entry({"resourceType": "Schedule", "active": True, "specialty": [specialty],
                                "actor": [{"reference": role}, {"reference": prac}]}, sched)]
        schedules.append((sched, role, prac))
    ids = transaction(entries)
    resolved = [(ids[3 * i + 2], ids[3 * i + 1], ids[3 * i]) for i in range(PROVIDERS)]
    slots = []
    for schedule, role, prac in resolved:
        batch = []
        for s in range(SLOTS_PER_PROVIDER):
            start = first + timedelta(minutes=30 * s)
            batch.append(post_entry({"resourceType": "Slot", "status": "free", "schedule": {"reference": schedule},
                                     "specialty": [specialty], "start": start.isoformat(),
                                     "end": (start + timedelta(minutes=30)).isoformat()}))
        for slot_id in transaction(batch):
            slots.append((slot_id, role, prac))
    return f"urn:mediwox:bench|{code}", slots


def make_patients(n):
    ids = []
    for i in range(0, n, 500):
        ids += transaction([post_entry({"resourceType": "Patient", "name": [{"family": f"Bench {j}"}]})
                            for j in range(i, min(n, i + 500))])
    return ids


def machine_cpu_seconds():
    """CPU seconds the whole machine spent busy so far (/proc/stat: all but idle and iowait), or None off Linux."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except OSError:
        return None
    busy = sum(fields) - fields[3] - (fields[4] if len(fields) > 4 else 0)
    return busy / __import__("os").sysconf("SC_CLK_TCK")


def run(label, clients, requests, task):
    latencies, errors, lock = [], {}, threading.Lock()

    def one(i):
        t0 = time.perf_counter()
        try:
            status = task(i)
        except Exception as e:
            status = type(e).__name__
        elapsed = (time.perf_counter() - t0) * 1000
        with lock:
            if status in (200, 201):
                latencies.append(elapsed)
            else:
                errors[status] = errors.get(status, 0) + 1

    t0, cpu0 = time.perf_counter(), machine_cpu_seconds()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(requests)))
    wall = time.perf_counter() - t0
    cpu = None if cpu0 is None else (machine_cpu_seconds() - cpu0) / max(1, len(latencies)) * 1000
    latencies.sort()
    pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    rate = len(latencies) / wall
    print(f"{label:<10} {clients:>3} clients  {rate:7.1f} bookings/s  p50 {pct(.5):6.1f} ms  p95 {pct(.95):6.1f} ms"
          f"  p99 {pct(.99):6.1f} ms  cpu/booking {cpu if cpu is None else round(cpu, 1)} ms"
          f"  ok {len(latencies)}  errors {errors or 0}", flush=True)
    return rate


def double_bookings(query):
    """How many booked Appointments the query finds, and how many of their Slots are booked twice."""
    request = urllib.request.Request(BASE + "/Appointment/_search", data=(query + "&status=booked&_count=200&_elements=slot").encode(),
                                     headers={**HEADERS, "Content-Type": "application/x-www-form-urlencoded"})
    page = json.loads(urllib.request.urlopen(request).read())
    slots_seen, doubles = {}, 0
    while True:
        for e in page.get("entry", []):
            ref = e["resource"]["slot"][0]["reference"]
            doubles += 1 if ref in slots_seen else 0
            slots_seen[ref] = True
        nxt = [l["url"] for l in page.get("link", []) if l["relation"] == "next"]
        if not nxt:
            break
        page = json.loads(urllib.request.urlopen(urllib.request.Request(nxt[0], headers=HEADERS)).read())
    return f"{len(slots_seen)} booked appointments checked, Slots booked twice: {doubles}"


def main():
    authorize(BASE)
    total = sum(n for _, n in LEVELS)
    first = (datetime.now(timezone.utc) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    print(f"setup: 4 pools x {PROVIDERS} providers x {SLOTS_PER_PROVIDER} slots, {4 * total} patients", flush=True)
    book_specialty, _ = make_pool("book", first)
    _, baseline_slots = make_pool("baseline", first)
    plain_specialty, plain_slots = make_pool("plain", first) if WITH_PLAIN else (None, [])
    held_specialty, held_slots = make_pool("held", first) if WITH_HELD else (None, [])
    patients = make_patients(4 * total)
    print(f"setup done: {4 * PROVIDERS * SLOTS_PER_PROVIDER} slots, {len(patients)} patients", flush=True)

    book_patients, base_patients = patients[:total], patients[total:2 * total]
    plain_patients, held_patients = patients[2 * total:3 * total], patients[3 * total:]
    plain_ordered = sorted(plain_slots, key=lambda s: (int(s[0].split("/")[1])))
    held_ordered = sorted(held_slots, key=lambda s: (int(s[0].split("/")[1])))
    # baseline: give each request its own slot, spread over providers in time order
    ordered = sorted(baseline_slots, key=lambda s: (int(s[0].split("/")[1])))
    cursor = {"book": 0, "base": 0, "plain": 0, "held": 0}

    def book(i):
        patient = book_patients[cursor["book"] + i]
        status, _ = call("POST", "/Appointment/$book", {"resourceType": "Parameters", "parameter": [
            {"name": "patient-reference", "valueReference": {"reference": patient}},
            {"name": "specialty", "valueString": book_specialty}]})
        return status

    def baseline(i):
        slot_id, role, prac = ordered[cursor["base"] + i]
        status, slot = call("GET", "/" + slot_id)
        version = slot["meta"]["versionId"]
        slot["status"] = "busy"
        patient = base_patients[cursor["base"] + i]
        status, _ = call("POST", "", {"resourceType": "Bundle", "type": "transaction", "entry": [
            {"resource": slot, "request": {"method": "PUT", "url": slot_id, "ifMatch": f'W/"{version}"'}},
            post_entry({"resourceType": "Appointment", "status": "booked", "start": slot["start"], "end": slot["end"],
                        "slot": [{"reference": slot_id}], "participant": [
                            {"actor": {"reference": patient}, "status": "accepted"},
                            {"actor": {"reference": role}, "status": "accepted"},
                            {"actor": {"reference": prac}, "status": "accepted"}]})]})
        return status

    slot_times = {}

    def plain(i):
        slot_id, role, prac = plain_ordered[cursor["plain"] + i]
        if slot_id not in slot_times:
            _, slot = call("GET", "/" + slot_id)
            slot_times[slot_id] = (slot["start"], slot["end"])
        start, end = slot_times[slot_id]
        status, _ = call("POST", "/Appointment", {
            "resourceType": "Appointment", "status": "booked", "start": start, "end": end,
            "slot": [{"reference": slot_id}], "participant": [
                {"actor": {"reference": plain_patients[cursor["plain"] + i]}, "status": "accepted"},
                {"actor": {"reference": role}, "status": "accepted"},
                {"actor": {"reference": prac}, "status": "accepted"}]})
        return status

    def held(i):
        slot_id, _, _ = held_ordered[cursor["held"] + i]
        status, answer = call("POST", "/Appointment/$hold", {"resourceType": "Parameters", "parameter": [
            {"name": "appointment-resource", "resource": {
                "resourceType": "Appointment", "status": "proposed", "slot": [{"reference": slot_id}],
                "participant": [{"actor": {"reference": held_patients[cursor["held"] + i]},
                                 "status": "accepted"}]}}]})
        if status != 200:
            return status
        if answer.get("resourceType") == "Parameters":  # builds before IHE's shape wrapped the Bundle
            answer = next(p["resource"] for p in answer["parameter"] if p["name"] == "return")
        pending = next(e["resource"] for e in answer["entry"] if e["resource"]["resourceType"] == "Appointment")
        status, _ = call("POST", "/Appointment/$book", {"resourceType": "Parameters", "parameter": [
            {"name": "appointment-reference", "valueReference": {"reference": "Appointment/" + pending["id"]}}]})
        return status

    rates = {}
    for clients, requests in LEVELS:
        rates[("book", clients)] = run("$book", clients, requests, book)
        cursor["book"] += requests
        if WITH_BASELINE:
            rates[("baseline", clients)] = run("baseline", clients, requests, baseline)
            cursor["base"] += requests
        if WITH_PLAIN:
            rates[("plain", clients)] = run("plain POST", clients, requests, plain)
            cursor["plain"] += requests
        if WITH_HELD:
            rates[("held", clients)] = run("$hold+$book", clients, requests, held)
            cursor["held"] += requests

    print(f"$book: {double_bookings(f'specialty={book_specialty}')}")
    if WITH_PLAIN:
        slots = ",".join(s[0] for s in plain_ordered[:cursor["plain"]])
        print(f"plain POST: {double_bookings(f'slot={slots}')}")
    if WITH_HELD:
        slots = ",".join(s[0] for s in held_ordered[:cursor["held"]])
        print(f"$hold+$book: {double_bookings(f'slot={slots}')}")
    if ("baseline", 32) in rates and ("book", 32) in rates:
        print(f"ratio $book/baseline at 32 clients: {rates[('book', 32)] / rates[('baseline', 32)]:.2f}")


if __name__ == "__main__":
    main()
