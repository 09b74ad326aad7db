"""The measuring half of bench/vs-starter (run that script; it sets up PostgreSQL and the environment read here).

Two servers, A (always the stock starter) and B (Mediwox, or a second starter with SELF_CHECK=1), on one PostgreSQL,
each with a fresh database. Phases:
  start: time from `java -jar` to the first 200 of /fhir/metadata and of /actuator/health/readiness, and VmRSS then,
         against the external PostgreSQL with an existing schema (after an untimed first start made it), alternating
         A B, B A ...; then Mediwox's zero-setup run (embedded PostgreSQL) on an existing and on an empty data directory
  load:  both servers up; per load a warm-up, then ROUNDS paired rounds (A B, B A, ...) of SECONDS each with hey;
         machine CPU from /proc/stat over each window; per round the ratios; VmRSS after the loads
Python 3.11 standard library only.
"""
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_client import demo_token  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ENV = os.environ
SELF_CHECK = ENV.get("SELF_CHECK", "0") == "1"
ROUNDS = int(ENV.get("ROUNDS", "5"))
SECONDS = int(ENV.get("SECONDS", "10"))
WARMUP = int(ENV.get("WARMUP", "10"))
# after WARMUP, warm-up goes on in steps of JIT_STEP seconds while the JIT compiler threads still take more than
# JIT_SETTLE % of the server's CPU, up to WARMUP_MAX seconds in all: the rounds should measure code the JIT has compiled
# (a server runs for days), and Mediwox has more code to compile than the starter
JIT_SETTLE = float(ENV.get("JIT_SETTLE", "5"))
JIT_STEP = int(ENV.get("JIT_STEP", "10"))
WARMUP_MAX = int(ENV.get("WARMUP_MAX", "120"))
STARTS = int(ENV.get("STARTS", "3"))
ZERO_SETUP = ENV.get("ZERO_SETUP", "1") == "1" and not SELF_CHECK
LOADS = [(m.split(":")[0], int(m.split(":")[1])) for m in ENV.get("LOADS", "post:8,post:32,get:32").split(",") if m]
XMX = ENV.get("XMX", "1g")
# extra JVM arguments of Mediwox's JVMs only, e.g. a class-data-sharing archive (bench/README.md, start-up levers)
MEDIWOX_JVM_ARGS = ENV.get("MEDIWOX_JVM_ARGS", "").split()
JAVA = ENV.get("JAVA", "java")
RESULTS = ENV.get("RESULTS", os.path.join(HERE, "results"))
RUN_ID = ENV.get("RUN_ID", "vs-starter-" + time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()))
START_TIMEOUT = int(ENV.get("START_TIMEOUT", "600"))
PATIENT = os.path.join(HERE, "patient.json")
CLK_TCK = os.sysconf("SC_CLK_TCK")
# what the starter needs besides its stock application.yaml: the datasource and the PostgreSQL dialect
STARTER_DIALECT = "ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect"
# settings of the caller's environment that must not leak into a server started here
SERVER_KEYS = re.compile(r"^(SPRING_|SERVER_|MEDIWOX_|HIBERNATE_|HAPI_|JAVA_TOOL_OPTIONS$|_JAVA_OPTIONS$)")


def log(message):
    print(time.strftime("%H:%M:%S ") + message, flush=True)


def median(values):
    return statistics.median(values) if values else float("nan")


# ---------------------------------------------------------------------------------------------------- PostgreSQL


def psql(sql, database="postgres"):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql], check=True,
                   stdout=subprocess.DEVNULL, env={**ENV, "PGOPTIONS": "--client-min-messages=warning"})


def fresh_database(name):
    psql(f'drop database if exists "{name}"')
    psql(f'create database "{name}"')
    # Mediwox's booking constraints need btree_gist; create it here in case its role may not
    psql("create extension if not exists btree_gist", database=name)
    return name


def jdbc_url(database):
    return f"jdbc:postgresql://{ENV.get('PGHOST', '127.0.0.1')}:{ENV.get('PGPORT', '5432')}/{database}"


# ---------------------------------------------------------------------------------------------------- processes


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass
    return found


class Server:
    """One server process: kind 'starter' or 'mediwox'; database None = Mediwox's zero-setup (embedded PostgreSQL)."""

    def __init__(self, name, kind, port, database, data_dir, jvm_options=()):
        self.name, self.kind, self.port, self.database, self.data_dir = name, kind, port, database, data_dir
        self.jvm_options = list(jvm_options)  # e.g. bench/profile's async-profiler agent
        self.base = f"http://127.0.0.1:{port}"
        self.process = None
        self.log_path = os.path.join(RESULTS, f"{RUN_ID}-{name}.server.log")

    def env(self):
        env = {k: v for k, v in ENV.items() if not SERVER_KEYS.match(k)}
        env["SERVER_PORT"] = str(self.port)
        if self.database:
            env["SPRING_DATASOURCE_URL"] = jdbc_url(self.database)
            env["SPRING_DATASOURCE_USERNAME"] = ENV.get("PGUSER", "postgres")
            env["SPRING_DATASOURCE_PASSWORD"] = ENV.get("PGPASSWORD", "")
        if self.kind == "starter":
            env["SPRING_DATASOURCE_DRIVERCLASSNAME"] = "org.postgresql.Driver"
            env["HIBERNATE_DIALECT"] = STARTER_DIALECT
        else:
            # as it ships (full text, SMART token check, audit, profile rules all on by default); demo mode for the
            # demo back-end client whose token the load carries
            env["MEDIWOX_DEMO"] = "true"
            # but without the demo history, which a first start writes in the background: it is no part of the load
            env["MEDIWOX_DEMO_HISTORY"] = "false"
            env["MEDIWOX_DATA_DIR"] = self.data_dir
            # the per-client API limit (1,000/s by default) stays on, with room for one client's whole benchmark load:
            # its 429s would be cheap answers left out of the CPU per 2xx answer (seen at 1,090/s on GET)
            env["MEDIWOX_RATELIMIT_API_REQUESTS"] = "100000"
        return env

    def start(self):
        """Starts the JVM; returns (seconds to first metadata 200, seconds to readiness 200)."""
        jar = ENV["STARTER_JAR"] if self.kind == "starter" else ENV["MEDIWOX_JAR"]
        with open(self.log_path, "a") as out:
            started = time.monotonic()
            jvm_args = (MEDIWOX_JVM_ARGS if self.kind == "mediwox" else []) + self.jvm_options
            self.process = subprocess.Popen([JAVA, f"-Xmx{XMX}", *jvm_args, "-jar", jar], env=self.env(), cwd=self.data_dir,
                                            stdout=out, stderr=subprocess.STDOUT)
        metadata = ready = None
        while metadata is None or ready is None:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited with {self.process.returncode} while starting: see {self.log_path}")
            if time.monotonic() - started > START_TIMEOUT:
                self.stop()
                raise SystemExit(f"{self.name} did not start in {START_TIMEOUT} s: see {self.log_path}")
            if metadata is None and status(self.base + "/fhir/metadata") == 200:
                metadata = time.monotonic() - started
            if ready is None and status(self.base + "/actuator/health/readiness") == 200:
                ready = time.monotonic() - started
            time.sleep(0.1)
        return metadata, ready

    def postgres_pids(self):
        """The embedded PostgreSQL's postmaster and its backends (zero-setup only; not children of the JVM)."""
        if self.database:
            return []
        try:
            with open(os.path.join(self.data_dir, "postgres", "postmaster.pid")) as pidfile:
                postmaster = int(pidfile.readline())
        except (FileNotFoundError, ValueError):
            return []
        return [postmaster] + children(postmaster)

    def rss_mib(self):
        """VmRSS of the JVM plus, for zero-setup, of its PostgreSQL processes (their shared buffers counted in each)."""
        pids = [self.process.pid] + self.postgres_pids()
        return sum(rss_kib(pid) for pid in pids) / 1024

    def stop(self):
        if self.process is None:
            return
        postgres = self.postgres_pids()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        # an embedded PostgreSQL outlives a JVM that did not stop it; the next start on its directory would wait for it
        deadline = time.monotonic() + 60
        while postgres and any(os.path.exists(f"/proc/{pid}") for pid in postgres[:1]):
            if time.monotonic() > deadline:
                os.kill(postgres[0], signal.SIGQUIT)
                break
            time.sleep(0.2)
        self.process = None


def status(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


# ---------------------------------------------------------------------------------------------------- start phase


def start_phase(a, b):
    results = {}
    # untimed first starts: each makes its schema (and Mediwox loads its demo clinic) in its fresh database
    for server in (a, b):
        log(f"start: first start of {server.name} (creates the schema, not timed as a second start)")
        metadata, ready = server.start()
        log(f"start: {server.name} first start on an empty database: metadata {metadata:.1f} s, ready {ready:.1f} s")
        results[f"{server.name} first start, empty database"] = {"metadata": [metadata], "ready": [ready],
                                                                 "rss": [server.rss_mib()]}
        server.stop()
    cases = [(a, f"{a.name}, external PostgreSQL, existing schema"), (b, f"{b.name}, external PostgreSQL, existing schema")]
    timed_starts(cases, results)
    if ZERO_SETUP:
        zero_setup(b.port, results)
    return results


def timed_starts(cases, results, fresh_dir=None):
    for i in range(STARTS):
        order = cases if i % 2 == 0 else list(reversed(cases))
        for server, label in order:
            if fresh_dir and fresh_dir.get(label):
                server.data_dir = tempfile.mkdtemp(prefix="vs-starter-empty-")
            metadata, ready = server.start()
            time.sleep(1)
            rss = server.rss_mib()
            server.stop()
            if fresh_dir and fresh_dir.get(label):
                shutil.rmtree(server.data_dir, ignore_errors=True)
            entry = results.setdefault(label, {"metadata": [], "ready": [], "rss": []})
            entry["metadata"].append(metadata)
            entry["ready"].append(ready)
            entry["rss"].append(rss)
            log(f"start {i + 1}/{STARTS}: {label}: metadata {metadata:.1f} s, ready {ready:.1f} s, RSS {rss:.0f} MiB")


def zero_setup(port, results):
    existing_dir = tempfile.mkdtemp(prefix="vs-starter-zero-")
    existing = Server("Mediwox zero-setup", "mediwox", port, None, existing_dir)
    log("start: first zero-setup start (unpacks PostgreSQL, makes the cluster and loads the demo clinic; not timed)")
    existing.start()
    existing.stop()
    empty = Server("Mediwox zero-setup (empty)", "mediwox", port, None, None)
    label_existing = "Mediwox zero-setup, existing data directory"
    label_empty = "Mediwox zero-setup, empty data directory"
    timed_starts([(existing, label_existing), (empty, label_empty)], results, fresh_dir={label_empty: True})
    shutil.rmtree(existing_dir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------- load phase


def jvm_cpu_seconds(pid):
    """(all threads, JIT compiler threads) CPU seconds of a JVM, from /proc/<pid>/stat and its tasks' stat."""
    def ticks(path):
        with open(path) as stat:
            text = stat.read()
        comm = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        return comm, int(fields[11]) + int(fields[12])
    try:
        _, total = ticks(f"/proc/{pid}/stat")
        jit = 0
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                comm, used = ticks(f"/proc/{pid}/task/{task}/stat")
            except (FileNotFoundError, ProcessLookupError):
                continue
            if comm.startswith(("C1 CompilerThre", "C2 CompilerThre")):
                jit += used
        return total / CLK_TCK, jit / CLK_TCK
    except (FileNotFoundError, ProcessLookupError):
        return 0.0, 0.0


def cpu_busy_ticks():
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return user + nice + system + irq + softirq + steal


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def hey(server, method, clients, seconds, token, patient_id):
    command = ["hey", "-z", f"{seconds}s", "-c", str(clients), "-t", "30", "-H", "Prefer: return=minimal"]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    if method == "post":
        command += ["-m", "POST", "-T", "application/fhir+json", "-D", PATIENT, server.base + "/fhir/Patient"]
    else:
        command += ["-H", "Accept: application/fhir+json", server.base + f"/fhir/Patient/{patient_id}"]
    ticks, generator = cpu_busy_ticks(), children_cpu_seconds()
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = (cpu_busy_ticks() - ticks) / CLK_TCK
    generator = children_cpu_seconds() - generator
    return parse_hey(output, cpu, generator)


def parse_hey(output, cpu, generator):
    total = float(re.search(r"Total:\s+([\d.]+) secs", output).group(1))
    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", output)}
    ok = sum(n for c, n in codes.items() if 200 <= c < 300)
    # "Error distribution:" lists transport errors (timeouts, refused connections) as "[count]\tmessage"
    errors_section = output.split("Error distribution:", 1)[1] if "Error distribution:" in output else ""
    errors = sum(int(n) for n in re.findall(r"^\s*\[(\d+)\]", errors_section, re.M))
    p95 = re.search(r"95% in ([\d.]+) secs", output)
    return {"ok": ok, "non2xx": sum(codes.values()) - ok, "errors": errors, "seconds": total,
            "throughput": ok / total if total else 0.0, "p95_ms": float(p95.group(1)) * 1000 if p95 else float("nan"),
            "cpu_s": cpu, "generator_cpu_s": generator,
            "cpu_ms_per_request": 1000 * cpu / ok if ok else float("inf"),
            "server_cpu_ms_per_request": 1000 * (cpu - generator) / ok if ok else float("inf")}


def first_patient(server, token):
    headers = {"Content-Type": "application/fhir+json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    with open(PATIENT, "rb") as body:
        request = urllib.request.Request(server.base + "/fhir/Patient", data=body.read(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["id"]


LOAD_LABELS = {
    "post": "POST Patient, {clients} clients",
    "get": "GET Patient/[id], {clients} clients",
    # the booking bound: machine CPU per $book against the starter's per create, one load generator for both
    "book": "$book into a pool (Mediwox) vs POST Patient (starter), {clients} clients, Python threads",
    # Synthea's patient transaction Bundles (synthea_load.py); figures per stored resource, not per request
    "synthea": "Synthea transaction Bundles, resources stored, {clients} clients, Python threads",
}
BOOK_RATE_GUESS = 150  # bookings/s, above what this machine has done (~100/s at 8 clients); running out is logged


def run_load(server, method, clients, seconds, token, patient_id, pool):
    """One window of a load: hey for post/get; for book, $book on Mediwox and POST Patient on the starter, both from
    Python threads (booking_load.py), so that the two sides share one load generator."""
    if method == "synthea":
        import synthea_load
        synthea_load.prepare(server, token)  # the hospital and practitioner batches, once per server, untimed
    jvm_before = jvm_cpu_seconds(server.process.pid)
    if method == "synthea":
        measured = synthea_load.load(server, clients, seconds, token)
    elif method != "book":
        measured = hey(server, method, clients, seconds, token, patient_id)
    else:
        from booking_load import create_load
        measured = (pool.load(server, clients, seconds, token) if server.kind == "mediwox"
                    else create_load(server, clients, seconds, token))
    jvm_after = jvm_cpu_seconds(server.process.pid)
    jvm, jit = jvm_after[0] - jvm_before[0], jvm_after[1] - jvm_before[1]
    measured["jvm_cpu_s"], measured["jit_cpu_s"] = jvm, jit
    measured["jit_share"] = jit / jvm if jvm > 0 else 0.0  # the JIT compiler threads' part of the server's CPU
    return measured


def load_phase(a, b):
    results = {"rss_after_start": {}, "rss_after_load": {}, "loads": {}}
    for server in (a, b):
        metadata, ready = server.start()
        results["rss_after_start"][server.name] = server.rss_mib()
        log(f"load: {server.name} up (metadata {metadata:.1f} s, ready {ready:.1f} s), RSS {server.rss_mib():.0f} MiB")
    tokens = {s.name: (demo_token(s.base + "/fhir") if s.kind == "mediwox" else None) for s in (a, b)}
    ids = {s.name: first_patient(s, tokens[s.name]) for s in (a, b)}
    pool = None
    for method, clients in LOADS:
        if method == "book" and pool is None:
            # one patient per booking for every warm-up and round, at a rate above what this machine has done
            from booking_load import BookingPool
            mediwox = next((s for s in (a, b) if s.kind == "mediwox"), None)
            if mediwox:
                pool = BookingPool(mediwox, demo_token(mediwox.base + "/fhir"),
                                   BOOK_RATE_GUESS * (WARMUP_MAX + ROUNDS * SECONDS), "vs-starter")
        label = LOAD_LABELS[method].format(clients=clients, a=a.name, b=b.name)
        log(f"load {label}: warm-up {WARMUP} s each, then {JIT_STEP} s steps until the JIT takes under "
            f"{JIT_SETTLE:g}% of the server's CPU (at most {WARMUP_MAX} s)")
        for server in (a, b):
            tokens[server.name] = demo_token(server.base + "/fhir") if server.kind == "mediwox" else None
            warm = run_load(server, method, clients, WARMUP, tokens[server.name], ids[server.name], pool)
            spent = WARMUP
            log(f"  warm-up {server.name}: {warm['ok']} requests, {warm['throughput']:.0f}/s, "
                f"JIT {100 * warm['jit_share']:.0f}% of its CPU")
            while 100 * warm["jit_share"] > JIT_SETTLE and spent + JIT_STEP <= WARMUP_MAX:
                warm = run_load(server, method, clients, JIT_STEP, tokens[server.name], ids[server.name], pool)
                spent += JIT_STEP
                log(f"  warm-up {server.name} to {spent} s: {warm['throughput']:.0f}/s, "
                    f"JIT {100 * warm['jit_share']:.0f}% of its CPU")
        rounds = []
        for r in range(ROUNDS):
            order = (a, b) if r % 2 == 0 else (b, a)
            measured = {}
            for server in order:
                measured[server.name] = run_load(server, method, clients, SECONDS, tokens[server.name], ids[server.name], pool)
                m = measured[server.name]
                log(f"  round {r + 1}/{ROUNDS} {server.name}: {m['ok']} requests ({m['non2xx']} non-2xx, "
                    f"{m['errors']} errors), {m['throughput']:.0f}/s, p95 {m['p95_ms']:.0f} ms, "
                    f"{m['cpu_ms_per_request']:.2f} ms CPU/request, JIT {100 * m['jit_share']:.0f}% of its CPU")
            ma, mb = measured[a.name], measured[b.name]
            rounds.append({"order": [s.name for s in order], a.name: ma, b.name: mb,
                           "cpu_ratio": ma["cpu_ms_per_request"] / mb["cpu_ms_per_request"],
                           "server_cpu_ratio": ma["server_cpu_ms_per_request"] / mb["server_cpu_ms_per_request"],
                           "throughput_ratio": mb["throughput"] / ma["throughput"]})
            log(f"  round {r + 1}/{ROUNDS}: CPU/request {a.name} / {b.name} = {rounds[-1]['cpu_ratio']:.2f}, "
                f"throughput {b.name} / {a.name} = {rounds[-1]['throughput_ratio']:.2f}")
        results["loads"][label] = rounds
    for server in (a, b):
        results["rss_after_load"][server.name] = server.rss_mib()
        server.stop()
    return results


# ---------------------------------------------------------------------------------------------------- report


def spread(values, digits=2):
    return f"**{median(values):.{digits}f}** ({min(values):.{digits}f}–{max(values):.{digits}f})"


def report(a, b, start, load):
    lines = [f"A = {a.name}, B = {b.name}; {ROUNDS} rounds of {SECONDS} s per load (order A B, B A, ...), "
             f"-Xmx{XMX}; medians, (min–max) over rounds", ""]
    if load:
        lines += [f"| load | CPU/request {a.name} ÷ {b.name} | throughput {b.name} ÷ {a.name} "
                  f"| same without the load generator's CPU | {a.name}: req/s, p95, CPU/request | {b.name}: req/s, p95, CPU/request |",
                  "|---|---|---|---|---|---|"]
        for label, rounds in load["loads"].items():
            cells = []
            for server in (a, b):
                ms = [r[server.name] for r in rounds]
                cells.append(f"{median([m['throughput'] for m in ms]):.0f}/s, "
                             f"{median([m['p95_ms'] for m in ms]):.0f} ms, "
                             f"{median([m['cpu_ms_per_request'] for m in ms]):.2f} ms")
            lines.append(f"| {label} | {spread([r['cpu_ratio'] for r in rounds])} "
                         f"| {spread([r['throughput_ratio'] for r in rounds])} "
                         f"| {spread([r['server_cpu_ratio'] for r in rounds])} | {cells[0]} | {cells[1]} |")
        lines += ["", "JIT compiler threads' share of each server's CPU in the measured windows (median, min–max):"]
        for label, rounds in load["loads"].items():
            lines.append(f"- {label}: " + ", ".join(
                f"{server.name} {spread([100 * r[server.name]['jit_share'] for r in rounds], 0)}%" for server in (a, b)))
        failures = sum(r[s.name]["non2xx"] + r[s.name]["errors"] for rs in load["loads"].values() for r in rs
                       for s in (a, b))
        lines += ["", f"non-2xx answers and transport errors over all measured windows: {failures}"]
        lines += ["", "| RSS (VmRSS) | " + " | ".join(s.name for s in (a, b)) + f" | {b.name} ÷ {a.name} |", "|---|---|---|---|"]
        for when in ("rss_after_start", "rss_after_load"):
            ra, rb = load[when][a.name], load[when][b.name]
            lines.append(f"| {when.replace('rss_', '').replace('_', ' ')} of the load phase "
                         f"| {ra:.0f} MiB | {rb:.0f} MiB | {rb / ra:.2f} |")
    if start:
        lines += ["", f"| start (median of {STARTS}, min–max) | first 200 on /fhir/metadata | readiness "
                  "| VmRSS after start |", "|---|---|---|---|"]
        for label, entry in start.items():
            lines.append(f"| {label} | {spread(entry['metadata'], 1)} s | {spread(entry['ready'], 1)} s "
                         f"| {median(entry['rss']):.0f} MiB |")
        ea = start.get(f"{a.name}, external PostgreSQL, existing schema")
        eb = start.get(f"{b.name}, external PostgreSQL, existing schema")
        if ea and eb:
            lines += ["", f"start, existing schema: {b.name} ÷ {a.name} = "
                          f"{median(eb['metadata']) / median(ea['metadata']):.2f} to metadata, "
                          f"{median(eb['ready']) / median(ea['ready']):.2f} to readiness, "
                          f"{median(eb['rss']) / median(ea['rss']):.2f} RSS"]
            for label in ("Mediwox zero-setup, existing data directory", "Mediwox zero-setup, empty data directory"):
                if label in start:
                    lines.append(f"{label} ÷ {a.name} (existing schema) = "
                                 f"{median(start[label]['metadata']) / median(ea['metadata']):.2f} to metadata, "
                                 f"{median(start[label]['ready']) / median(ea['ready']):.2f} to readiness, "
                                 f"{median(start[label]['rss']) / median(ea['rss']):.2f} RSS (with its PostgreSQL)")
    return "\n".join(lines)


def main():
    os.makedirs(RESULTS, exist_ok=True)
    stamp = RUN_ID.replace("vs-starter-", "").lower()
    port_a, port_b = int(ENV.get("PORT_A", "18180")), int(ENV.get("PORT_B", "18181"))
    work = tempfile.mkdtemp(prefix="vs-starter-")
    a_dir, b_dir = os.path.join(work, "a"), os.path.join(work, "b")
    os.makedirs(a_dir), os.makedirs(b_dir)
    a = Server("starter", "starter", port_a, fresh_database(f"starter_{stamp}"), a_dir)
    if SELF_CHECK:
        b = Server("starter2", "starter", port_b, fresh_database(f"starter2_{stamp}"), b_dir)
    else:
        b = Server("Mediwox", "mediwox", port_b, fresh_database(f"mediwox_{stamp}"), b_dir)
    log(f"run {RUN_ID}: A = {a.name} ({ENV['STARTER_JAR']}), B = {b.name} "
        f"({ENV['STARTER_JAR'] if SELF_CHECK else ENV['MEDIWOX_JAR']}); ROUNDS={ROUNDS} SECONDS={SECONDS} "
        f"WARMUP={WARMUP} JIT_SETTLE={JIT_SETTLE:g} WARMUP_MAX={WARMUP_MAX} STARTS={STARTS} LOADS={ENV.get('LOADS', 'post:8,post:32,get:32')} -Xmx{XMX}; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    start = load = None
    try:
        if STARTS > 0:
            start = start_phase(a, b)
        if LOADS and ROUNDS > 0:
            load = load_phase(a, b)
    finally:
        for server in (a, b):
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    text = report(a, b, start, load)
    print("\n" + text, flush=True)
    with open(os.path.join(RESULTS, RUN_ID + ".json"), "w") as out:
        json.dump({"run": RUN_ID, "a": a.name, "b": b.name, "rounds": ROUNDS, "seconds": SECONDS, "xmx": XMX,
                   "start": start, "load": load, "report": text}, out, indent=1)


if __name__ == "__main__":
    main()
