#!/usr/bin/env python3
"""Set-up of bench/load: for each load window its own pool(s) of providers with free Slots, and one new patient per
booking the window may make, created with transaction Bundles (bench/booking.py's helpers), progress logged with
counts on stderr.

usage: MEDIWOX_TOKEN=... setup.py <fhir base> <plan JSON> > setup.json
plan: [{"name": "w1", "pools": 1, "bookings": 4500}, ...]
out:  {"patients": [...], "windows": {"w1": {"first": 0, "count": 4500,
                                             "pools": [{"specialty": "system|code", "roles": [...]}]}}}
Python 3.9+, standard library only.
"""
import json
import os
import sys
import time
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import booking  # noqa: E402 - bench/booking.py

SLOTS_PER_PROVIDER_MAX = 600  # 30-minute Slots from tomorrow, within $book's default 14-day window
BATCH = 500


def log(message):
    print(f"{time.strftime('%H:%M:%S')} setup: {message}", file=sys.stderr, flush=True)


def make_pools(name, pools, bookings, first):
    """`pools` pools sharing `bookings` Slots: one pool gets 12 providers at least, several pools 4 each."""
    per_pool = -(-bookings // pools)
    providers = max(12 if pools == 1 else 4, -(-per_pool // SLOTS_PER_PROVIDER_MAX))
    booking.PROVIDERS = providers
    booking.SLOTS_PER_PROVIDER = -(-per_pool // providers)
    made = []
    for p in range(pools):
        specialty, slots = booking.make_pool(f"load-{name}-{p}", first)
        made.append({"specialty": specialty, "roles": sorted({role for _, role, _ in slots})})
        if pools > 1 and (p + 1) % 5 == 0:
            log(f"window {name}: {p + 1}/{pools} pools")
    log(f"window {name}: {pools} pool(s) x {providers} providers x {booking.SLOTS_PER_PROVIDER} Slots "
        f"= {pools * providers * booking.SLOTS_PER_PROVIDER} free Slots for {bookings} bookings")
    return made


def make_patients(count, total_before, grand_total):
    ids = []
    for i in range(0, count, BATCH):
        ids += booking.transaction([booking.post_entry({"resourceType": "Patient", "name": [{"family": f"Load {j}"}]})
                                    for j in range(i, min(count, i + BATCH))])
        log(f"patients {total_before + len(ids)}/{grand_total}")
    return ids


def main():
    base, plan = sys.argv[1], json.loads(sys.argv[2])
    booking.BASE = base
    booking.HEADERS["Authorization"] = "Bearer " + os.environ["MEDIWOX_TOKEN"]
    first = (datetime.now(timezone.utc) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    grand_total = sum(w["bookings"] for w in plan)
    started = time.monotonic()
    out = {"patients": [], "windows": {}}
    for window in plan:
        pools = make_pools(window["name"], window["pools"], window["bookings"], first)
        patients = make_patients(window["bookings"], len(out["patients"]), grand_total)
        out["windows"][window["name"]] = {"first": len(out["patients"]), "count": len(patients), "pools": pools}
        out["patients"] += patients
    log(f"done in {time.monotonic() - started:.0f} s: {len(plan)} windows, {grand_total} patients")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
