#!/usr/bin/env python3
"""Notification delivery: outbox dispatch throughput and the delay from booking commit to SES acceptance.

usage: bench/notifications.py [fhir-base] [bookings]     (default http://localhost:8080/fhir, 300 bookings)

Run the server with MEDIWOX_NOTIFICATION_TRANSPORT=aws against an SES endpoint (aws-ses-v2-local, see bench/README.md).
Books `bookings` appointments with $book (8 clients) for patients of its own with an email address, then reads the
outbox back through $notifications: for each confirmation email, the delay from being recorded (the booking's commit)
to SES accepting it; end-to-end rate from the first booking to the last acceptance; dispatch rate from the first
acceptance to the last (start the server with MEDIWOX_NOTIFICATION_POLL_INTERVAL=60s so that the bookings pile up
first, and that figure is the dispatcher draining a backlog).
"""
import json
import statistics
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from demo_client import demo_token
from datetime import datetime

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/fhir"
BOOKINGS = int(sys.argv[2]) if len(sys.argv) > 2 else 300
GP = "http://snomed.info/sct|394814009"


HEADERS = {"Authorization": "Bearer " + demo_token(BASE, "system/*.cruds system/Communication.rs"), "Content-Type": "application/fhir+json"}


def call(method, path, body=None, extra=None):
    request = urllib.request.Request(BASE + path, data=None if body is None else json.dumps(body).encode(),
                                     method=method, headers={**HEADERS, **(extra or {})})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"{}")


def patients(n):
    entries = [{"fullUrl": f"urn:uuid:{uuid.uuid4()}", "request": {"method": "POST", "url": "Patient"},
                "resource": {"resourceType": "Patient", "name": [{"family": f"Bench{i}", "given": ["Pat"]}],
                             "telecom": [{"system": "email", "value": f"bench-{uuid.uuid4().hex[:10]}@example.org"}]}}
               for i in range(n)]
    bundle = call("POST", "", {"resourceType": "Bundle", "type": "transaction", "entry": entries})
    return [e["response"]["location"].split("/_history")[0] for e in bundle["entry"]]


def book(patient):
    result = call("POST", "/Appointment/$book", {"resourceType": "Parameters", "parameter": [
        {"name": "patient-reference", "valueReference": {"reference": patient}},
        {"name": "specialty", "valueString": GP}]}, {"Idempotency-Key": str(uuid.uuid4())})
    # the searchset Bundle itself (IHE ITI-117); the booked Appointment is its match entry
    return next(e["resource"]["id"] for e in result["entry"] if e["resource"]["resourceType"] == "Appointment")


def main():
    print(f"notifications.py against {BASE}: {BOOKINGS} bookings", flush=True)
    who = patients(BOOKINGS)
    print(f"# {len(who)} patients created; booking with 8 clients...", flush=True)
    started = time.time()
    with ThreadPoolExecutor(8) as pool:
        appointments = list(pool.map(book, who))
    booked = time.time()
    print(f"# {len(appointments)} booked in {booked - started:.1f} s; waiting for the confirmations...", flush=True)
    wanted = set(appointments)
    delays, first_sent, last_sent = {}, None, None
    deadline = time.time() + 300
    while time.time() < deadline and len(delays) < len(wanted):
        time.sleep(1)
        bundle = call("GET", "/$notifications?status=sent&_count=500")
        for entry in bundle.get("entry", []):
            c = entry["resource"]
            appointment = c["about"][0]["reference"].split("/")[1]
            if appointment not in wanted or c["medium"][0]["coding"][0]["code"] != "EMAILWRIT":
                continue
            recorded = datetime.fromisoformat(c["note"][0]["text"].split(",")[0][4:].replace("Z", "+00:00"))
            sent = datetime.fromisoformat(c["sent"].replace("Z", "+00:00"))
            delays[appointment] = (sent - recorded).total_seconds() * 1000
            last_sent = max(last_sent or sent, sent)
            first_sent = min(first_sent or sent, sent)
        print(f"# {len(delays)} of {len(wanted)} confirmations accepted by SES", flush=True)
    values = sorted(delays.values())
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    span = last_sent.timestamp() - started
    print(f"confirmations accepted: {len(values)} of {len(wanted)}")
    print(f"delay commit -> SES accepted: p50 {statistics.median(values):.0f} ms, p95 {p95:.0f} ms, max {values[-1]:.0f} ms")
    print(f"end to end: {len(values) / span:.1f} confirmations/s over {span:.1f} s (booking included)")
    sending = max(0.001, last_sent.timestamp() - first_sent.timestamp())
    print(f"dispatch: {len(values) / sending:.1f} emails/s from the first acceptance to the last "
          "(a backlog measure when the server runs with a long MEDIWOX_NOTIFICATION_POLL_INTERVAL)")


if __name__ == "__main__":
    main()
