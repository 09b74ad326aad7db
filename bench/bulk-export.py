#!/usr/bin/env python3
"""FHIR Bulk Data export of N Patients with one Appointment each, on a running Mediwox server (issue 24).

usage: python3 bench/bulk-export.py [--base http://localhost:8080/fhir] [--patients 100000] [--batch 250]
                                    [--workers 2] [--load-budget 900] [--pid <server-jvm-pid>] [--skip-load]

1. Loads Patients, each with one fulfilled Appointment a year ago (no reminders, no notifications), as transaction
   Bundles of `--batch` Patients + Appointments, `--workers` at a time, logging the counts as it goes; it stops at
   `--patients` or when `--load-budget` seconds have passed, whichever comes first, and says which.
2. Exports them the Bulk Data way with the demo back-end client's token: `GET $export?_type=Patient,Appointment`
   (`Prefer: respond-async`), polls the status URL every second (not the server's Retry-After, to time the end to
   the second), and times kick-off -> manifest.
3. Downloads every file of the manifest and counts its NDJSON lines.

Prints the load rate, the export's wall time and resources per second (all Patients and Appointments on the server,
the demo clinic's too), the download's, and with --pid the server JVM's CPU seconds during the export
(/proc/<pid>/stat; PostgreSQL's backends are processes of their own and are not counted).
"""
import argparse
import concurrent.futures
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_client import demo_token  # noqa: E402


def request(url, token, method="GET", body=None, headers=None):
    all_headers = {"Authorization": "Bearer " + token, "Accept": "application/fhir+json"}
    all_headers.update(headers or {})
    data = None if body is None else json.dumps(body).encode()
    if data is not None:
        all_headers["Content-Type"] = "application/fhir+json"
    req = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=600) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def batch(run, first, size):
    entries = []
    for i in range(first, first + size):
        patient = "urn:uuid:" + str(uuid.uuid4())
        entries.append({"fullUrl": patient, "request": {"method": "POST", "url": "Patient"}, "resource": {
            "resourceType": "Patient",
            "identifier": [{"system": "https://mediwox.org/fhir/bench/bulk-export", "value": f"{run}-{i}"}],
            "name": [{"family": f"Bulk{i % 997}", "given": ["Bench", str(i)]}],
            "gender": ["female", "male"][i % 2],
            "birthDate": f"{1940 + i % 60}-{1 + i % 12:02d}-{1 + i % 28:02d}"}})
        # a visit a year ago, spread over the day so no two of one patient overlap (one each anyway)
        start = time.strftime("%Y-%m-%dT%H:%M:00Z", time.gmtime(time.time() - 365 * 86400 + (i % 5000) * 600))
        end = time.strftime("%Y-%m-%dT%H:%M:00Z", time.gmtime(time.time() - 365 * 86400 + (i % 5000) * 600 + 1200))
        entries.append({"request": {"method": "POST", "url": "Appointment"}, "resource": {
            "resourceType": "Appointment", "status": "fulfilled", "start": start, "end": end,
            "participant": [{"actor": {"reference": patient}, "status": "accepted"}]}})
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def load(args, token):
    run = uuid.uuid4().hex[:8]
    started = time.time()
    loaded = 0
    sizes = []
    first = 0
    while first < args.patients:
        size = min(args.batch, args.patients - first)
        sizes.append((first, size))
        first += size
    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        pending = set()
        for first, size in sizes:
            if time.time() - started > args.load_budget:
                print(f"# load budget of {args.load_budget} s reached", flush=True)
                break
            while len(pending) >= args.workers * 2:
                done, pending = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
                loaded += sum(f.result() for f in done)
                print(f"loaded {loaded} patients + {loaded} appointments in {time.time() - started:.0f} s"
                      f" ({2 * loaded / (time.time() - started):.0f} resources/s)", flush=True)
            pending.add(pool.submit(post_batch, args.base, token, run, first, size))
        for f in concurrent.futures.as_completed(pending):
            loaded += f.result()
    elapsed = time.time() - started
    print(f"LOAD: {loaded} Patients + {loaded} Appointments in {elapsed:.0f} s: {2 * loaded / elapsed:.0f} resources/s",
          flush=True)
    return loaded


def post_batch(base, token, run, first, size):
    status, _, body = request(base, token, "POST", batch(run, first, size), {"Prefer": "return=minimal"})
    if status != 200:
        raise SystemExit(f"transaction refused: {status} {body[:500]!r}")
    return size


def count(base, token, type_):
    status, _, body = request(f"{base}/{type_}?_summary=count", token)
    return json.loads(body)["total"]


def cpu_seconds(pid):
    if not pid:
        return 0.0
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def export(args, token):
    patients, appointments = count(args.base, token, "Patient"), count(args.base, token, "Appointment")
    print(f"# on the server: {patients} Patients, {appointments} Appointments", flush=True)
    cpu0 = cpu_seconds(args.pid)
    started = time.time()
    status, headers, body = request(f"{args.base}/$export?_type=Patient,Appointment", token,
                                    headers={"Prefer": "respond-async"})
    if status != 202:
        raise SystemExit(f"kick-off refused: {status} {body[:500]!r}")
    location = headers.get("Content-Location")
    polls = 0
    while True:
        status, headers, body = request(location, token)
        polls += 1
        if status == 200:
            break
        if status != 202:
            raise SystemExit(f"status: {status} {body[:500]!r}")
        if polls % 30 == 0:
            print(f"  {time.time() - started:.0f} s: {headers.get('X-Progress')}", flush=True)
        time.sleep(1)
    exported_in = time.time() - started
    cpu = cpu_seconds(args.pid) - cpu0
    manifest = json.loads(body)
    outputs = manifest["output"]
    print(f"EXPORT: {len(outputs)} files, manifest after {exported_in:.1f} s"
          f" ({(patients + appointments) / exported_in:.0f} resources/s)"
          + (f", server JVM CPU {cpu:.1f} s" if args.pid else ""), flush=True)
    started = time.time()
    lines = {"Patient": 0, "Appointment": 0}
    size = 0
    for output in outputs:
        status, _, content = request(output["url"], token, headers={"Accept": "application/fhir+ndjson"})
        if status != 200:
            raise SystemExit(f"download of {output['url']}: {status}")
        size += len(content)
        lines[output["type"]] += sum(1 for line in content.split(b"\n") if line.strip())
    downloaded_in = time.time() - started
    print(f"DOWNLOAD: {lines['Patient']} Patients + {lines['Appointment']} Appointments, {size / 1e6:.1f} MB in"
          f" {downloaded_in:.1f} s ({sum(lines.values()) / downloaded_in:.0f} resources/s)", flush=True)
    if lines["Patient"] != patients or lines["Appointment"] != appointments:
        print(f"MISMATCH: the server counts {patients} Patients, {appointments} Appointments", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://localhost:8080/fhir")
    parser.add_argument("--patients", type=int, default=100000)
    parser.add_argument("--batch", type=int, default=250)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--load-budget", type=int, default=900)
    parser.add_argument("--pid", type=int, default=0)
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    token = demo_token(args.base)
    if not args.skip_load:
        load(args, token)
    token = demo_token(args.base)
    export(args, token)


if __name__ == "__main__":
    main()
