#!/usr/bin/env python3
"""$book with the payer hook (issue 24): a pool booking for a patient with a Coverage (the payer is asked, answering
in PAYER_DELAY_MS, default 50) against one for a patient without (nobody is asked), on the same server, in alternating
rounds.

usage: bench/payer_hook.py [fhir-base]   (the server's mediwox.payer.cds-base-url must point at this script's payer:
       http://127.0.0.1:$PAYER_PORT/cds-services, service id "bench"; bench/payer-hook.sh starts both)
       PAYER_PORT (18090), PAYER_DELAY_MS (50), ROUNDS (4), PER_ROUND (1:60,8:160: clients:bookings)

Setup: two pools of bench/booking.py's shape (10 providers, 400 Slots each), one per arm, one patient per booking;
the "with" arm's patients each get an active Coverage. The payer answers one warning card; every answer of "with" is
checked to carry it (payer-card), every answer of "without" to carry none. Prints p50/p95/p99 per round and arm, and
the medians of the rounds' p95.
"""
import json
import os
import statistics
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from booking import authorize, call, make_pool, make_patients, post_entry, transaction

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/fhir"
PAYER_PORT = int(os.environ.get("PAYER_PORT", "18090"))
PAYER_DELAY = int(os.environ.get("PAYER_DELAY_MS", "50")) / 1000
ROUNDS = int(os.environ.get("ROUNDS", "4"))
PER_ROUND = [tuple(int(n) for n in level.split(":")) for level in os.environ.get("PER_ROUND", "1:60,8:160").split(",")]
CARD = json.dumps({"cards": [{"summary": "Prior authorization needed", "indicator": "warning",
                              "source": {"label": "Bench payer"}}]}).encode()
asked = []


class Payer(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        asked.append(body["hook"])
        time.sleep(PAYER_DELAY)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(CARD)))
        self.end_headers()
        self.wfile.write(CARD)

    def log_message(self, *args):
        pass


def cards(bundle):
    match = next(e["resource"] for e in bundle["entry"] if e.get("search", {}).get("mode") == "match")
    return [x for x in match.get("extension", []) if x["url"].endswith("/payer-card")]


def main():
    server = ThreadingHTTPServer(("127.0.0.1", PAYER_PORT), Payer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    authorize(BASE)
    total = ROUNDS * sum(n for _, n in PER_ROUND)
    first = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    arms = {}
    for arm in ("with", "without"):
        specialty, _ = make_pool(f"payer-{arm}", first)
        patients = make_patients(total)
        if arm == "with":
            for i in range(0, total, 500):
                transaction([post_entry({"resourceType": "Coverage", "status": "active",
                                         "beneficiary": {"reference": p}, "payor": [{"display": "Bench payer"}]})
                             for p in patients[i:i + 500]])
        arms[arm] = {"specialty": specialty, "patients": iter(patients), "p95": {c: [] for c, _ in PER_ROUND}}
    print(f"setup: 2 pools x 10 providers x 400 Slots, {total} patients per arm; payer answers in "
          f"{PAYER_DELAY * 1000:.0f} ms", flush=True)
    wrong = []

    def book(arm):
        patient = next(arms[arm]["patients"])
        status, bundle = call("POST", "/Appointment/$book", {"resourceType": "Parameters", "parameter": [
            {"name": "patient-reference", "valueReference": {"reference": patient}},
            {"name": "specialty", "valueString": arms[arm]["specialty"]}]}, {"Idempotency-Key": str(uuid.uuid4())})
        if status == 200 and (len(cards(bundle)) == 1) != (arm == "with"):
            wrong.append(arm)
        return status

    for r in range(ROUNDS):
        for arm in (("with", "without") if r % 2 == 0 else ("without", "with")):
            for clients, n in PER_ROUND:
                arms[arm]["p95"][clients].append(run_round(f"{arm} r{r + 1}", clients, n, lambda i, a=arm: book(a)))
    for clients, _ in PER_ROUND:
        w = statistics.median(arms["with"]["p95"][clients])
        wo = statistics.median(arms["without"]["p95"][clients])
        print(f"median of round p95 at {clients} client(s): with payer {w:.1f} ms, without {wo:.1f} ms,"
              f" difference {w - wo:+.1f} ms")
    print(f"payer asked {len(asked)} times; answers with the wrong cards: {len(wrong)}")
    server.shutdown()


def run_round(label, clients, requests, task):
    """One round of `requests` bookings by `clients` threads; prints its percentiles and returns its p95."""
    from concurrent.futures import ThreadPoolExecutor
    latencies, errors, lock = [], {}, threading.Lock()

    def one(i):
        t0 = time.perf_counter()
        try:
            status = task(i)
        except Exception as e:
            status = type(e).__name__
        with lock:
            if status == 200:
                latencies.append((time.perf_counter() - t0) * 1000)
            else:
                errors[status] = errors.get(status, 0) + 1

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(requests)))
    latencies.sort()
    pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    print(f"{label:<12} {clients:>2} clients  p50 {pct(.5):6.1f} ms  p95 {pct(.95):6.1f} ms  p99 {pct(.99):6.1f} ms"
          f"  ok {len(latencies)}  errors {errors or 0}", flush=True)
    return pct(.95)


if __name__ == "__main__":
    main()
