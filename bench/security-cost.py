#!/usr/bin/env python3
"""What the security layer costs per request: token validation, authorization rules and the audit trail.

Mediwox has no switch that turns security off (and should not have one), so the cost is measured where it is spent:
the server runs under load with a Java Flight Recorder recording, and every CPU sample of the JVM is attributed to
the layer whose code is on its stack. Together with the JVM's CPU per request (from /proc/<pid>/stat) that gives
milliseconds of CPU per request for each layer, and what a request would cost without them.

usage: python3 bench/security-cost.py [--jar server/target/mediwox-server.jar] [--seconds 20] [--clients 8]
Needs ApacheBench (ab, Debian's apache2-utils) and the JDK's jcmd and jfr. Starts its own server on a fresh data
directory (demo mode, port 8091) and stops it afterwards.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PORT = 8091
BASE = f"http://localhost:{PORT}/fhir"

# A sample's cost belongs to the code it is working for: walking its stack from the top (the running method) down, the
# first frame of a security layer decides — unless a filter chain's doFilter lies between (then the security filter is
# only passing the request on to the rest of the server, whose work that is). A sample of the audit queue's drain is audit.
LAYERS = [
    ("audit trail", ("org.mediwox.server.audit.",)),
    ("token validation", ("com.nimbusds.", "org.springframework.security.oauth2.")),
    ("authorization rules", ("ca.uhn.fhir.rest.server.interceptor.auth.", "org.mediwox.server.security.",
                             "ca.uhn.fhir.jpa.searchparam.matcher.AuthorizationSearchParamMatcher")),
    ("other Spring Security filters", ("org.springframework.security.",)),
]
PASSES_ON = ("FilterChain", "HttpServlet", "OncePerRequestFilter")
# the audit queue is drained on the background scheduler's threads, which other jobs share: known by its frame (JFR
# keeps the top 64 frames; deeper drain samples still count as audit through the audit package's frames above them)
AUDIT_WRITER = "org.mediwox.server.audit.AuditEventWriter"


def log(message):
    print(message, file=sys.stderr, flush=True)


def jvm_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def token():
    request = urllib.request.Request(
        f"http://localhost:{PORT}/oauth2/token",
        data=b"grant_type=client_credentials&scope=system/*.cruds",
        headers={"Authorization": "Basic bWVkaXdveC1kZW1vLWNsaWVudDptZWRpd294LWRlbW8tc2VjcmV0",
                 "Content-Type": "application/x-www-form-urlencoded"})
    return json.load(urllib.request.urlopen(request))["access_token"]


def wait_ready(deadline):
    while time.time() < deadline:
        try:
            urllib.request.urlopen(BASE + "/metadata", timeout=2)
            return
        except Exception:
            time.sleep(1)
    raise SystemExit("the server did not answer /fhir/metadata in time")


def ab(args, seconds, clients, bearer):
    out = subprocess.run(["ab", "-q", "-k", "-t", str(seconds), "-n", "10000000", "-c", str(clients),
                          "-H", f"Authorization: Bearer {bearer}", "-H", "Prefer: return=minimal"] + args,
                         capture_output=True, text=True).stdout
    done = int(re.search(r"Complete requests:\s+(\d+)", out).group(1))
    non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    return done, int(non2xx.group(1)) if non2xx else 0


def attribute(recording):
    data = json.loads(subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", recording],
                                     capture_output=True, text=True, check=True).stdout)
    counts = {name: 0 for name, _ in LAYERS}
    total = 0
    threads = {}
    for event in data["recording"]["events"]:
        values = event["values"]
        total += 1
        thread = (values.get("sampledThread") or {}).get("javaName") or ""
        kind = re.sub(r"[-#]?\d+$", "", thread)
        threads[kind] = threads.get(kind, 0) + 1
        frames = values["stackTrace"]["frames"] if values.get("stackTrace") else []
        classes = [f["method"]["type"]["name"] for f in frames]
        if AUDIT_WRITER in classes:
            counts["audit trail"] += 1
            continue
        layer = owner(classes)
        if layer:
            counts[layer] += 1
    busiest = sorted(threads.items(), key=lambda t: -t[1])[:6]
    log("  samples by thread: " + ", ".join(f"{name or '?'} {n}" for name, n in busiest))
    return counts, total


def owner(classes):
    """The security layer a stack (top first) is working for, or None."""
    for name in classes:
        if any(marker in name for marker in PASSES_ON):
            return None
        for layer, packages in LAYERS:
            if name.startswith(packages):
                return layer
    return None


def scenario(label, pid, args, seconds, clients, bearer, work):
    subprocess.run(["jcmd", str(pid), "JFR.start", "name=cost", "settings=profile"], capture_output=True, check=True)
    cpu0 = jvm_cpu_seconds(pid)
    done, failed = ab(args, seconds, clients, bearer)
    cpu = jvm_cpu_seconds(pid) - cpu0
    recording = os.path.join(work, label.replace(" ", "-") + ".jfr")
    subprocess.run(["jcmd", str(pid), "JFR.stop", "name=cost", f"filename={recording}"], capture_output=True,
                   check=True)
    counts, total = attribute(recording)
    per_request = 1000 * cpu / max(done, 1)
    log(f"{label}: {done} requests ({failed} non-2xx), JVM {per_request:.2f} ms CPU/request, {total} samples")
    rows = []
    security = 0.0
    for name, _ in LAYERS:
        share = counts[name] / max(total, 1)
        security += share
        rows.append((name, share, share * per_request))
    return label, done, failed, per_request, rows, security


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=os.path.join(HERE, "..", "server", "target", "mediwox-server.jar"))
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    options = parser.parse_args()
    for tool in ("ab", "jcmd", "jfr"):
        if not shutil.which(tool):
            raise SystemExit(f"needs {tool}")
    work = tempfile.mkdtemp(prefix="mediwox-security-cost-")
    env = dict(os.environ, MEDIWOX_DATA_DIR=os.path.join(work, "data"), SERVER_PORT=str(PORT))
    # deep stacks: a request's frames under Tomcat, Spring Security and HAPI run past JFR's default of 64
    server = subprocess.Popen(["java", "-XX:FlightRecorderOptions:stackdepth=512", "-jar", options.jar], env=env, stdout=open(os.path.join(work, "server.log"), "w"),
                              stderr=subprocess.STDOUT)
    try:
        log(f"starting the server (log: {work}/server.log)")
        wait_ready(time.time() + 300)
        bearer = token()
        patient = os.path.join(HERE, "patient.json")
        log("warm-up: 3,000 creates and 6,000 reads")
        subprocess.run(["ab", "-q", "-k", "-n", "3000", "-c", "8", "-H", f"Authorization: Bearer {bearer}",
                        "-p", patient, "-T", "application/fhir+json", BASE + "/Patient"], capture_output=True)
        created = urllib.request.urlopen(urllib.request.Request(
            BASE + "/Patient", data=open(patient, "rb").read(),
            headers={"Authorization": f"Bearer {bearer}", "Content-Type": "application/fhir+json"}))
        patient_id = json.load(created)["id"]
        subprocess.run(["ab", "-q", "-k", "-n", "6000", "-c", "8", "-H", f"Authorization: Bearer {bearer}",
                        f"{BASE}/Patient/{patient_id}"], capture_output=True)
        results = [
            scenario("Patient read", server.pid, [f"{BASE}/Patient/{patient_id}"], options.seconds, options.clients,
                     bearer, work),
            scenario("Patient create", server.pid, ["-p", patient, "-T", "application/fhir+json", BASE + "/Patient"],
                     options.seconds, options.clients, bearer, work),
        ]
    finally:
        server.terminate()
        server.wait(60)
    print(f"| request ({options.clients} clients, system/*.cruds token) | JVM CPU/request | "
          + " | ".join(name for name, _ in LAYERS) + " | security in all | without it |")
    print("|---|---|" + "---|" * len(LAYERS) + "---|---|")
    for label, done, failed, per_request, rows, security in results:
        cells = " | ".join(f"{ms:.2f} ms ({share:.0%})" for _, share, ms in rows)
        print(f"| {label} | {per_request:.2f} ms | {cells} | {security:.0%} | {per_request * (1 - security):.2f} ms |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
