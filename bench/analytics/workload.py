#!/usr/bin/env python3
"""Latency of $workload on the generated 1,000,000-Appointment read model (bench/analytics/generate.sql).

usage: bench/analytics/workload.py [fhir-base]     (default http://localhost:8080/fhir; Python 3.9+, stdlib only)
       WORKLOAD_WARMUP=20 WORKLOAD_CALLS=100 WORKLOAD_CASES="2 years" ...   (CASES: only the cases whose name contains
       one of the |-separated texts)

Cases: one provider, one pool and the whole clinic, each over one month and over two years, by week; the whole clinic
over two years by month and as CSV; one pool over two years by month. Sequential calls (one client), wall-clock latency per call; prints p50/p95 per case
and writes bench/results/analytics-<time>.json.
"""
import json
import os
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from demo_client import demo_token  # noqa: E402

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/fhir"
WARMUP = int(os.environ.get("WORKLOAD_WARMUP", "20"))
CALLS = int(os.environ.get("WORKLOAD_CALLS", "100"))
ONLY = [c for c in os.environ.get("WORKLOAD_CASES", "").split("|") if c]
POOL = "specialty=urn:mediwox:bench|pool-3;visit-type=;location="
MONTH = {"start": "2026-03-01", "end": "2026-04-01"}
YEARS = {"start": "2025-01-01", "end": "2027-01-01"}

CASES = [
    ("1 provider, 1 month", "PractitionerRole/$workload", {**MONTH, "practitioner-role": "PractitionerRole/bench-37"}),
    ("1 provider, 2 years", "PractitionerRole/$workload", {**YEARS, "practitioner-role": "PractitionerRole/bench-37"}),
    ("1 pool, 1 month", "$workload", {**MONTH, "pool": POOL}),
    ("1 pool, 2 years", "$workload", {**YEARS, "pool": POOL}),
    ("1 pool, 2 years, by month", "$workload", {**YEARS, "pool": POOL, "grouping": "month"}),
    ("whole clinic (total and pools), 1 month", "$workload", {**MONTH, "level": "pool,total"}),
    ("whole clinic (total and pools), 2 years", "$workload", {**YEARS, "level": "pool,total"}),
    ("whole clinic (total and pools), 2 years, by month", "$workload",
     {**YEARS, "level": "pool,total", "grouping": "month"}),
    ("whole clinic, total only, 2 years", "$workload", {**YEARS, "level": "total"}),
    ("whole clinic, every provider, 1 month", "$workload", dict(MONTH)),
    ("whole clinic, every provider, 2 years, CSV", "$workload", {**YEARS, "_format": "text/csv"}),
]


def call(token, path, params):
    url = BASE + "/" + path + "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, len(body)


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def main():
    token = demo_token(BASE)
    results = []
    for name, path, params in CASES:
        if ONLY and not any(c in name for c in ONLY):
            continue
        for _ in range(WARMUP):
            call(token, path, params)
        latencies, size = [], 0
        for _ in range(CALLS):
            ms, size = call(token, path, params)
            latencies.append(ms)
        row = {"case": name, "calls": CALLS, "p50_ms": round(pct(latencies, 0.5), 1),
               "p95_ms": round(pct(latencies, 0.95), 1), "max_ms": round(max(latencies), 1), "bytes": size}
        results.append(row)
        print(f"{name:36s} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  max {row['max_ms']:7.1f} ms"
              f"  {size} bytes", flush=True)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "results",
                       time.strftime("analytics-%Y%m%dT%H%M%SZ.json", time.gmtime()))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"base": BASE, "warmup": WARMUP, "results": results}, f, indent=1)
    print("results:", out)


if __name__ == "__main__":
    main()
