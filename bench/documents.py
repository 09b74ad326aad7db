#!/usr/bin/env python3
"""Document upload and download throughput: 100 KB and 5 MB PDFs, at 1 and 4 concurrent clients.

usage: bench/documents.py [fhir-base]        (default http://localhost:8080/fhir; Python 3.9+, standard library only)

Upload:   POST DocumentReference with the PDF inline (base64 in JSON, as a FHIR client sends it); the server moves the
          content to its document store (S3 or the file system, whichever it runs with) before answering 201.
Download: GET DocumentReference/[id]/$binary-access-read?path=DocumentReference.content.attachment (raw bytes back
          from the store, SHA-256 checked by the server); every download is compared with what was uploaded.
Prints documents/s, payload MB/s and p50/p95 latency per size and client count.
"""
import base64
import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from demo_client import demo_token

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/fhir"
SIZES = [(100 * 1024, 200), (5 * 1024 * 1024, 24)]  # (bytes, documents per run)
CLIENTS = [1, 4]
local = threading.local()


AUTH = {"Authorization": "Bearer " + demo_token(BASE)}
HOST = BASE.split("//")[1].split("/")[0]
PREFIX = "/" + BASE.split("//")[1].split("/", 1)[1]


def call(method, path, body=None, headers=None):
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = local.conn = http.client.HTTPConnection(HOST, timeout=300)
    conn.request(method, PREFIX + path, body=body, headers={**AUTH, **(headers or {})})
    response = conn.getresponse()
    return response.status, response.read()


def a_patient():
    status, body = call("GET", "/Patient?_count=1&_elements=id", headers={"Accept": "application/fhir+json"})
    assert status == 200, body[:300]
    return json.loads(body)["entry"][0]["resource"]["id"]


def pdf(size, seed):
    head = b"%PDF-1.7\n% mediwox bench " + str(seed).encode() + b"\n"
    return head + os.urandom(size - len(head))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(size, count, clients, patient):
    payloads = [pdf(size, i) for i in range(count)]
    bodies = [json.dumps({
        "resourceType": "DocumentReference", "status": "current",
        "subject": {"reference": "Patient/" + patient},
        "category": [{"coding": [{"system": "https://mediwox.org/fhir/CodeSystem/document-category",
                                  "code": "report"}]}],
        "content": [{"attachment": {"contentType": "application/pdf", "title": f"bench-{i}.pdf",
                                    "data": base64.b64encode(p).decode()}}]}).encode() for i, p in enumerate(payloads)]
    ids, upload_latency, download_latency = [None] * count, [], []
    lock = threading.Lock()

    def download(i):
        start = time.perf_counter()
        status, body = call("GET", f"/DocumentReference/{ids[i]}/$binary-access-read"
                                   "?path=DocumentReference.content.attachment")
        elapsed = time.perf_counter() - start
        assert status == 200 and body == payloads[i], (status, len(body))
        with lock:
            download_latency.append(elapsed)

    def upload_with_location(i):
        start = time.perf_counter()
        conn = getattr(local, "conn", None) or http.client.HTTPConnection(HOST, timeout=300)
        local.conn = conn
        conn.request("POST", PREFIX + "/DocumentReference", body=bodies[i],
                     headers={**AUTH, "Content-Type": "application/fhir+json", "Prefer": "return=minimal"})
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - start
        assert response.status == 201, response.status
        ids[i] = response.getheader("Location").split("/DocumentReference/")[1].split("/")[0]
        with lock:
            upload_latency.append(elapsed)

    results = {}
    for phase, action, latencies in (("upload", upload_with_location, upload_latency),
                                     ("download", download, download_latency)):
        local.conn = None
        start = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(action, range(count)))
        wall = time.perf_counter() - start
        results[phase] = (count / wall, count * size / wall / 1e6, statistics.median(latencies) * 1000,
                          percentile(latencies, 95) * 1000)
    return results


def main():
    patient = a_patient()
    print(f"documents.py against {BASE}, patient {patient}", flush=True)
    print(f"{'size':>7} {'clients':>7} {'phase':>8} {'docs/s':>8} {'MB/s':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for size, count in SIZES:
        for clients in CLIENTS:
            print(f"# {count} documents of {size // 1024} KB with {clients} client(s)...", flush=True)
            for phase, (rate, mbs, p50, p95) in run(size, count, clients, patient).items():
                label = f"{size // 1024} KB" if size < 1024 * 1024 else f"{size // (1024 * 1024)} MB"
                print(f"{label:>7} {clients:>7} {phase:>8} {rate:8.1f} {mbs:7.1f} {p50:8.0f} {p95:8.0f}",
                      flush=True)


if __name__ == "__main__":
    main()
