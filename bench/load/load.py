#!/usr/bin/env python3
"""bench/load/run.sh's work: $book at 100 / 1,000 / 2,000 concurrent clients against one Mediwox node and against two
behind HAProxy, on one PostgreSQL (PGHOST..., exported by run.sh), with autocannon (book.mjs) as the load tool.

Per topology (a fresh database each): start the nodes (production mode, the demo back-end client on for the token),
HAProxy in front of two, a set-up of pools and patients for every window (setup.py), an unmeasured warm-up window,
then one window per client count into one pool, and one window into many pools. After each window: bookings/s,
p50/p95/p99, answers by status with every non-2xx body checked, the machine's CPU per booking (/proc/stat), and from
PostgreSQL the spread of bookings over each pool's providers and the turns the pool's counter handed out. After all
windows: double bookings, counted in SQL. Prints a markdown table. Python 3.9+, standard library only.
"""
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from demo_client import demo_token  # noqa: E402 - bench/demo_client.py

ENV = os.environ
NODES = [int(n) for n in ENV.get("NODES", "1 2").split()]
CLIENTS = [int(c) for c in ENV.get("CLIENTS", "100 1000 2000").split()]
MANY_POOLS = int(ENV.get("MANY_POOLS", "20"))
MANY_POOLS_AT = [int(c) for c in ENV.get("MANY_POOLS_AT", "1000").split()]
SECONDS = int(ENV.get("SECONDS", "30"))
WARMUP = int(ENV.get("WARMUP", "15"))
CAPACITY = int(ENV.get("CAPACITY", "150"))
XMX = ENV.get("XMX", "1g")
JAVA = ENV.get("JAVA", "java")
JAR = ENV["MEDIWOX_JAR"]
PORT = int(ENV.get("PORT", "18200"))
RESULTS = ENV["RESULTS"]
STAMP = ENV["RUN_ID"]
NODE = ENV.get("NODE", "node")


def log(message):
    print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)


def psql(database, sql):
    result = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                            check=True, capture_output=True, text=True)
    return [line.split("|") for line in result.stdout.splitlines() if line]


def machine_cpu_seconds():
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except Exception:  # noqa: BLE001 - not up yet
        return None


class Node:
    def __init__(self, index, database, work):
        self.port = PORT + index
        self.base = f"http://127.0.0.1:{self.port}"
        self.data_dir = os.path.join(work, f"node-{index}")
        os.makedirs(self.data_dir)
        self.log_path = os.path.join(RESULTS, f"{STAMP}-{database}-node{index}.server.log")
        env = {k: v for k, v in ENV.items() if not k.startswith(("MEDIWOX_", "SPRING_", "SERVER_"))}
        env.update({
            "SERVER_PORT": str(self.port),
            "SPRING_DATASOURCE_URL": f"jdbc:postgresql://{ENV['PGHOST']}:{ENV['PGPORT']}/{database}",
            "SPRING_DATASOURCE_USERNAME": ENV["PGUSER"],
            "SPRING_DATASOURCE_PASSWORD": ENV.get("PGPASSWORD", ""),
            "MEDIWOX_DATA_DIR": self.data_dir,
            # production mode, as bench/booking-vs.sh: no demo clinic; the log transport records and sends nothing
            "MEDIWOX_DEMO": "false",
            "MEDIWOX_NOTIFICATION_TRANSPORT": "log",
            "MEDIWOX_NOTIFICATION_MANAGE_URL": "https://bench.invalid/app",
            "MEDIWOX_NOTIFICATION_CLINIC_PHONE": "+12025550199",
            # the back-end client whose system token every request carries
            "MEDIWOX_AUTH_DEMO_CLIENT": "true",
            # all load comes from that one client: its per-client API limit (1,000/s) would turn refusals into 429s
            # that say nothing about the node; admission control (503) is what this measures
            "MEDIWOX_RATELIMIT_API_REQUESTS": ENV.get("RATELIMIT_API_REQUESTS", "1000000"),
        })
        with open(self.log_path, "a") as out:
            self.process = subprocess.Popen([JAVA, f"-Xmx{XMX}", "-jar", JAR], env=env, cwd=self.data_dir,
                                            stdout=out, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout=600):
        started = time.monotonic()
        while status(self.base + "/actuator/health/readiness") != 200:
            if self.process.poll() is not None:
                raise SystemExit(f"node on {self.port} exited with {self.process.returncode}: see {self.log_path}")
            if time.monotonic() - started > timeout:
                raise SystemExit(f"node on {self.port} not ready in {timeout} s: see {self.log_path}")
            time.sleep(0.5)
        return time.monotonic() - started

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Haproxy:
    """Debian's HAProxy in front of the nodes: least connections, readiness checks, as docker/haproxy.cfg."""

    def __init__(self, nodes, work):
        self.port = PORT + 90
        self.base = f"http://127.0.0.1:{self.port}"
        config = os.path.join(work, "haproxy.cfg")
        # two sockets per client (client side, server side): as many clients as the file descriptor limit allows
        limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        maxconn = min(20000, (limit - 200) // 2)
        if maxconn < max(CLIENTS + MANY_POOLS_AT):
            raise SystemExit(f"HAProxy: {limit} file descriptors allow {maxconn} connections; raise ulimit -n")
        servers = "\n".join(f"    server node{i} 127.0.0.1:{n.port}" for i, n in enumerate(nodes))
        with open(config, "w") as out:
            out.write(f"""global
    maxconn {maxconn}
defaults
    mode http
    maxconn {maxconn}
    timeout connect 5s
    timeout client 120s
    timeout server 120s
    retries 2
    option redispatch
frontend fhir
    bind 127.0.0.1:{self.port}
    default_backend mediwox
backend mediwox
    balance leastconn
    option httpchk
    http-check send meth GET uri /actuator/health/readiness
    http-check expect status 200
    default-server check inter 2s fall 2 rise 1
{servers}
""")
        subprocess.run(["haproxy", "-c", "-q", "-f", config], check=True)
        self.log_path = os.path.join(RESULTS, f"{STAMP}-haproxy.log")
        with open(self.log_path, "a") as out:
            self.process = subprocess.Popen(["haproxy", "-db", "-f", config], stdout=out, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout=60):
        started = time.monotonic()
        while status(self.base + "/actuator/health/readiness") != 200:
            if self.process.poll() is not None:
                raise SystemExit(f"HAProxy exited with {self.process.returncode}: see {self.log_path}")
            if time.monotonic() - started > timeout:
                raise SystemExit(f"no node ready through HAProxy in {timeout} s: see {self.log_path}")
            time.sleep(0.5)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def window_plan():
    """Each window's pools and patients: enough for CAPACITY bookings/s over its length (more is set-up time lost,
    fewer ends the window early, which the table says)."""
    plan = [{"name": "warmup", "pools": 1, "bookings": CAPACITY * WARMUP, "clients": 32, "seconds": WARMUP}]
    plan += [{"name": f"one-{c}", "pools": 1, "bookings": CAPACITY * SECONDS, "clients": c, "seconds": SECONDS}
             for c in CLIENTS]
    plan += [{"name": f"many-{c}", "pools": MANY_POOLS, "bookings": CAPACITY * SECONDS, "clients": c,
              "seconds": SECONDS} for c in MANY_POOLS_AT]
    return [w for w in plan if w["seconds"] > 0]


def drain(database, quiet=3, patience=300):
    """Waits until the bookings of a window's requests still running when the load tool stopped are done (no new
    claim for `quiet` s), so that they neither load the next window nor escape the figures; returns the seconds."""
    started, last, still = time.monotonic(), None, 0
    while still < quiet and time.monotonic() - started < patience:
        now = psql(database, "select count(*) from mediwox.appointment_claim")[0][0]
        still = still + 1 if now == last else 0
        last = now
        time.sleep(1)
    return round(time.monotonic() - started)


def pool_figures(database, pools):
    """Spread of booked appointments over each pool's PractitionerRoles (max - min), turns handed out minus
    bookings (turns taken by attempts that did not book), and the bookings stored (also those answered after the
    window, to clients that had gone)."""
    spreads, unused_turns, stored = [], 0, 0
    for pool in pools:
        roles = ",".join(f"'{r}'" for r in pool["roles"])
        counts = dict(psql(database, f"select subject, count(*) from mediwox.appointment_claim where kind = 'provider' "
                                     f"and status = 'booked' and not overbooked and subject in ({roles}) group by subject"))
        booked = [int(counts.get(role, 0)) for role in pool["roles"]]
        spreads.append(max(booked) - min(booked))
        stored += sum(booked)
        code = pool["specialty"].split("|")[1]
        turns = psql(database, "select coalesce(s.last_value - s.start_value + 1, 0) from pg_sequences s "
                               "join mediwox.pool_cursor c on s.schemaname = 'mediwox' and s.sequencename = c.sequence_name "
                               f"where c.pool_key like '%{code}%'")
        unused_turns += sum(int(t[0]) for t in turns) - sum(booked)
    return spreads, unused_turns, stored


DOUBLE_BOOKED_SLOTS = """
select count(*) from (
  select l.target_resource_id from hfj_res_link l
  join hfj_resource r on r.res_id = l.src_resource_id and r.res_deleted_at is null
  join hfj_spidx_token t on t.res_id = l.src_resource_id and t.sp_name = 'status' and t.sp_value = 'booked'
  where l.source_resource_type = 'Appointment' and l.src_path = 'Appointment.slot'
  group by l.target_resource_id having count(distinct l.src_resource_id) > 1) twice"""
OVERLAPPING_PROVIDER_CLAIMS = """
select count(*) from mediwox.appointment_claim a join mediwox.appointment_claim b
  on a.kind = 'provider' and b.kind = 'provider' and a.subject = b.subject and a.owner < b.owner
 and a.during && b.during and a.status = 'booked' and b.status = 'booked' and not a.overbooked and not b.overbooked"""
PATIENTS_BOOKED_TWICE = """
select count(*) from (select subject from mediwox.appointment_claim where kind = 'patient' and status = 'booked'
 group by subject having count(*) > 1) twice"""
BOOKED_APPOINTMENTS = """
select count(distinct t.res_id) from hfj_spidx_token t join hfj_resource r on r.res_id = t.res_id
 and r.res_deleted_at is null where t.res_type = 'Appointment' and t.sp_name = 'status' and t.sp_value = 'booked'"""


def topology(count):
    database = f"load_{count}n_{STAMP.split('-')[-1].lower()}"
    psql("postgres", f"create database {database}")
    target = os.path.join(os.path.dirname(os.path.dirname(HERE)), "server", "target")
    work = tempfile.mkdtemp(prefix=f"mediwox-load-{count}n-", dir=target if os.path.isdir(target) else None)
    nodes, proxy, rows = [], None, []
    try:
        # one after the other: the first start creates the schema (the others would wait for its lock anyway)
        for i in range(count):
            nodes.append(Node(i, database, work))
            log(f"{count} node(s): node {i + 1} ready after {nodes[-1].wait_ready():.0f} s (port {nodes[-1].port})")
        if count > 1:
            proxy = Haproxy(nodes, work)
            proxy.wait_ready()
            log(f"HAProxy on {proxy.port} in front of {count} nodes")
        base = (proxy or nodes[0]).base + "/fhir"
        plan = window_plan()
        setup_file = os.path.join(RESULTS, f"{STAMP}-{database}-setup.json")
        env = dict(ENV, MEDIWOX_TOKEN=demo_token(base))
        with open(setup_file, "w") as out:
            subprocess.run([sys.executable, os.path.join(HERE, "setup.py"), base, json.dumps(plan)], env=env,
                           stdout=out, check=True)
        with open(setup_file) as source:
            setup = json.load(source)
        for window in plan:
            env = dict(ENV, MEDIWOX_TOKEN=demo_token(base))
            log(f"{count} node(s), window {window['name']}: {window['clients']} clients, {window['seconds']} s")
            cpu = machine_cpu_seconds()
            result = subprocess.run([NODE, os.path.join(HERE, "book.mjs"), base, setup_file, window["name"],
                                     str(window["clients"]), str(window["seconds"])], env=env, check=True,
                                    capture_output=True, text=True)
            cpu = machine_cpu_seconds() - cpu
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            drained = drain(database)
            spreads, unused, stored = pool_figures(database, setup["windows"][window["name"]]["pools"])
            figures.update(nodes=count, pools=window["pools"], window=window["name"], spreads=spreads, stored=stored,
                           drainSeconds=drained, unusedTurns=unused,
                           cpuMsPerBooking=1000 * cpu / figures["bookings"] if figures["bookings"] else None)
            log(f"  {json.dumps(figures)[:2000]}")
            if window["name"] != "warmup":
                rows.append(figures)
        doubles = int(psql(database, DOUBLE_BOOKED_SLOTS)[0][0])
        overlaps = int(psql(database, OVERLAPPING_PROVIDER_CLAIMS)[0][0])
        booked = int(psql(database, BOOKED_APPOINTMENTS)[0][0])
        twice = int(psql(database, PATIENTS_BOOKED_TWICE)[0][0])
        log(f"{count} node(s): {booked} booked Appointments in the database; Slots booked twice: {doubles}; "
            f"overlapping booked claims of one provider: {overlaps}; patients with two bookings: {twice}")
        for row in rows:
            row.update(doubleBookedSlots=doubles, overlappingProviderClaims=overlaps, patientsBookedTwice=twice)
        return rows
    finally:
        if proxy:
            proxy.stop()
        for node in nodes:
            node.stop()
        shutil.rmtree(work, ignore_errors=True)


def table(rows):
    lines = ["| nodes | clients | pools | bookings/s | bookings stored (answered in the window) | p50 ms | p95 ms | p99 ms | answers by status | non-2xx bodies "
             "(clean 429/503 OperationOutcome with Retry-After / checked; by issue code) | transport errors, timeouts | double bookings "
             "(Slots twice, provider overlaps) | spread (max over pools) | turns not booked | machine CPU ms/booking | note |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        fmt = lambda v: "–" if v is None else f"{v:.0f}"  # noqa: E731
        answers = ", ".join(f"{s}: {n}" for s, n in sorted(r["statuses"].items()))
        o = r["outcomes"]
        findings = "; ".join(f"{k}: {n}" for k, n in o["findings"].items())
        codes = ", ".join(f"{k}: {n}" for k, n in sorted(o["codes"].items()))
        note = "ran out of patients (raise CAPACITY)" if r["ranOutOfPatients"] else ""
        lines.append(
            f"| {r['nodes']} | {r['connections']} | {r['pools']} | {r['bookingsPerSecond']:.1f} | "
            f"{r['stored']} ({r['bookings']}) | {fmt(r['p50'])} | "
            f"{fmt(r['p95'])} | {fmt(r['p99'])} | {answers} | {o['clean']}/{o['checked']}{f' ({codes})' if codes else ''}"
            f"{' — ' + findings if findings else ''} | "
            f"{r['errors']}, {r['timeouts']} | {r['doubleBookedSlots']}, {r['overlappingProviderClaims']} | "
            f"{max(r['spreads'])} | {r['unusedTurns']} | {fmt(r['cpuMsPerBooking'])} | {note} |")
    return "\n".join(lines)


def main():
    log(f"plan: nodes {NODES}, clients {CLIENTS}, many pools ({MANY_POOLS}) at {MANY_POOLS_AT}, {SECONDS} s windows "
        f"after a {WARMUP} s warm-up, patients and Slots for {CAPACITY} bookings/s per window; jar {JAR}; "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    rows = []
    for count in NODES:
        rows += topology(count)
    report = table(rows)
    print(report)
    with open(os.path.join(RESULTS, f"{STAMP}.md"), "w") as out:
        out.write(report + "\n")
    with open(os.path.join(RESULTS, f"{STAMP}.json"), "w") as out:
        json.dump(rows, out, indent=1)


if __name__ == "__main__":
    main()
