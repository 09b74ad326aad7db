"""The measuring half of bench/profile (named so as not to shadow the standard library's `profile`; run that script; it sets up PostgreSQL, the agent library and the environment).

One server at a time (Mediwox, then with STARTER=1 the stock starter) runs with async-profiler loaded as an agent
(-agentpath, idle until told). Per load: WARMUP seconds of load unprofiled, then the profiler is started through
`jcmd <pid> JVMTI.agent_load <lib> 'start,...'`, PROFILE_SECONDS of the same load run, and the profiler is stopped
into <commit>-<load>.collapsed (gzipped here) and dumped into <commit>-<load>.html. The window's figures (requests,
rate, p95, the JVM's and the machine's CPU seconds, load average) go to <commit>-<load>.json next to them, so a
profile can be read against the CPU it covers (samples x interval ~ the JVM's CPU seconds in the window).
Python 3.11 standard library only; the servers, PostgreSQL helpers and hey come from vs_starter.py, the $book pool
from booking.py.
"""
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_client import demo_token  # noqa: E402
from booking_load import BookingPool  # noqa: E402
from vs_starter import Server, first_patient, fresh_database, hey, jvm_cpu_seconds, log  # noqa: E402

ENV = os.environ
LIB = ENV["ASYNC_PROFILER_LIB"]
JCMD = ENV.get("JCMD", "jcmd")
COMMIT = ENV["COMMIT"]
PROFILES = ENV["PROFILES"]
RUN_ID = ENV["RUN_ID"]
SECONDS = int(ENV.get("PROFILE_SECONDS", "60"))
WARMUP = int(ENV.get("WARMUP", "20"))
INTERVAL = ENV.get("INTERVAL", "5ms")
LOADS = [(m.split(":")[0], int(m.split(":")[1])) for m in ENV.get("LOADS", "post:8,get:32,book:8").split(",") if m]
STARTER = ENV.get("STARTER", "0") == "1"
PORT = int(ENV.get("PORT_A", "0"))  # 0: a free port (bench/vs-starter may run beside this on 18180/18181)
# DebugNonSafepoints: samples of inlined code land on the right method, not on the enclosing compiled one
AGENT_OPTIONS = [f"-agentpath:{LIB}", "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"]
LOAD_NAMES = {"post": "post-patient", "get": "get-patient", "book": "book"}


def profiler(pid, command):
    """One async-profiler command (start / stop / dump / check ...) into the running JVM; True if it succeeded."""
    # jcmd would split the options at '=' unless they are quoted as one argument
    result = subprocess.run([JCMD, str(pid), "JVMTI.agent_load", LIB, f"'{command}'"], capture_output=True, text=True)
    return result.returncode == 0 and "return code: 0" in result.stdout


def choose_event(pid):
    """cpu (perf events: kernel frames too, sampling by CPU time) if this machine allows it, else itimer."""
    wanted = ENV.get("EVENT")
    if wanted:
        return wanted
    with tempfile.NamedTemporaryFile(suffix=".txt") as out:
        if profiler(pid, f"check,event=cpu,file={out.name}") and open(out.name).read().strip() == "OK":
            return "cpu"
    return "itimer"


def pack(collapsed):
    """Gzips collapsed stacks, sorted (neighbours share long prefixes: 3x smaller), removes the plain file; the samples."""
    with open(collapsed) as raw:
        lines = sorted(line for line in raw if line.strip())
    with gzip.GzipFile(collapsed + ".gz", "wb", mtime=0) as packed:
        packed.write("".join(lines).encode())
    os.remove(collapsed)
    return sum(int(line.rsplit(" ", 1)[1]) for line in lines)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------------------------------------------- profiling


def profile_server(server, loads):
    metadata, ready = server.start()
    pid = server.process.pid
    log(f"{server.name} up (metadata {metadata:.1f} s, ready {ready:.1f} s), pid {pid}")
    event = choose_event(pid)
    log(f"profiler event: {event}" + (" (perf events)" if event == "cpu" else
                                       " (perf events not usable here: setitimer, Java and JVM frames only)"))
    mediwox = server.kind == "mediwox"
    token = demo_token(server.base + "/fhir") if mediwox else None
    patient_id = first_patient(server, token)
    pool = None
    if mediwox and any(method == "book" for method, _ in loads):
        rate_guess = 60  # bookings/s, above what this machine did before; a pool that runs out is logged
        pool = BookingPool(server, token, rate_guess * (WARMUP + SECONDS), "profile")
    summaries = []
    for method, clients in loads:
        name = ("" if mediwox else "starter-") + f"{LOAD_NAMES[method]}-{clients}"
        token = demo_token(server.base + "/fhir") if mediwox else None  # fresh for each load: tokens expire

        def run(seconds):
            if method == "book":
                return pool.load(server, clients, seconds, token)
            return hey(server, method, clients, seconds, token, patient_id)

        warm = run(WARMUP)
        log(f"{name}: warm-up {WARMUP} s, {warm['ok']} requests, {warm['throughput']:.0f}/s")
        before = os.getloadavg()[0]
        jvm0 = jvm_cpu_seconds(pid)[0]
        if not profiler(pid, f"start,event={event},interval={INTERVAL}"):
            raise SystemExit(f"async-profiler did not start in {server.name}: see {server.log_path}")
        measured = run(SECONDS)
        jvm = jvm_cpu_seconds(pid)[0] - jvm0
        base = os.path.join(PROFILES, f"{COMMIT}-{name}")
        collapsed = base + ".collapsed"
        if not (profiler(pid, f"stop,file={collapsed},collapsed")
                and profiler(pid, f"dump,file={base}.html,flamegraph,title={COMMIT}_{name}")):
            raise SystemExit(f"async-profiler did not write {collapsed}: see {server.log_path}")
        samples = pack(collapsed)
        after = os.getloadavg()[0]
        summary = {"server": server.name, "load": name, "commit": COMMIT, "event": event, "interval": INTERVAL,
                   "seconds": SECONDS, "warmup": WARMUP, "clients": clients, "samples": samples,
                   "jvm_cpu_s": jvm, "load_average_before": before, "load_average_after": after,
                   "cpus": os.cpu_count(), **{k: v for k, v in measured.items() if k != "generator_cpu_s"}}
        with open(base + ".json", "w") as out:
            json.dump(summary, out, indent=1)
        summaries.append(summary)
        log(f"{name}: {measured['ok']} requests ({measured['non2xx']} non-2xx, {measured['errors']} errors), "
            f"{measured['throughput']:.1f}/s, p95 {measured['p95_ms']:.0f} ms; JVM {jvm:.1f} CPU s, machine "
            f"{measured['cpu_s']:.1f} CPU s ({measured['cpu_ms_per_request']:.2f} ms/request); {samples} samples; "
            f"load average {before:.1f} -> {after:.1f}; {os.path.basename(base)}.{{html,collapsed.gz,json}} "
            f"(html {os.path.getsize(base + '.html') / 1e6:.1f} MB)")
    return summaries


def main():
    os.makedirs(PROFILES, exist_ok=True)
    stamp = RUN_ID.replace("profile-", "").lower()
    log(f"run {RUN_ID}: commit {COMMIT}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
        f"LOADS={ENV.get('LOADS', 'post:8,get:32,book:8')} WARMUP={WARMUP} PROFILE_SECONDS={SECONDS} "
        f"INTERVAL={INTERVAL}")
    work = tempfile.mkdtemp(prefix="profile-")
    port = PORT or free_port()
    servers = [Server("Mediwox", "mediwox", port, fresh_database(f"mediwox_{stamp}"), os.path.join(work, "mediwox"),
                      AGENT_OPTIONS)]
    if STARTER:
        servers.append(Server("starter", "starter", port, fresh_database(f"starter_{stamp}"),
                              os.path.join(work, "starter"), AGENT_OPTIONS))
    try:
        for server in servers:
            os.makedirs(server.data_dir)
            loads = LOADS if server.kind == "mediwox" else [(m, c) for m, c in LOADS if m != "book"]
            try:
                profile_server(server, loads)
            finally:
                server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log("done")


if __name__ == "__main__":
    main()
