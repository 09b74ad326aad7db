"""Time-bounded loads driven by Python threads, for bench/profile and bench/vs-starter's `book` load: `$book` into a
pool of its own (booking.py's set-up) with one patient per booking, and POST Patient with the same load generator (the
starter's side of the comparison). Figures as vs_starter.hey() returns them; the generator's own CPU (this process)
is measured apart so that it can be taken out of the machine's. Python 3.11 standard library only.
"""
import json
import resource
import threading
import time
from datetime import datetime, timedelta, timezone

import booking
from vs_starter import CLK_TCK, PATIENT, cpu_busy_ticks, log


def own_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def threaded_load(clients, seconds, send):
    """`clients` threads call send() (→ HTTP status, or None when there is nothing left to send) for `seconds`."""
    deadline = time.monotonic() + seconds
    latencies, statuses, lock = [], {}, threading.Lock()

    def client():
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            try:
                status = send()
            except Exception as error:  # noqa: BLE001 - counted as a transport error
                status = type(error).__name__
            if status is None:
                return
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status in (200, 201):
                    latencies.append(time.perf_counter() - t0)

    ticks, generator, started = cpu_busy_ticks(), own_cpu_seconds(), time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.monotonic() - started, (cpu_busy_ticks() - ticks) / CLK_TCK
    generator = own_cpu_seconds() - generator
    ok = len(latencies)
    latencies.sort()
    errors = sum(n for s, n in statuses.items() if isinstance(s, str))
    return {"ok": ok, "non2xx": sum(n for s, n in statuses.items() if isinstance(s, int)) - ok, "errors": errors,
            "statuses": {str(s): n for s, n in statuses.items()}, "seconds": wall,
            "throughput": ok / wall if wall else 0.0,
            "p95_ms": 1000 * latencies[int(0.95 * (ok - 1))] if ok else float("nan"), "cpu_s": cpu,
            "generator_cpu_s": generator,
            "cpu_ms_per_request": 1000 * cpu / ok if ok else float("inf"),
            "server_cpu_ms_per_request": 1000 * (cpu - generator) / ok if ok else float("inf")}


def use(server, token):
    """Points booking.py's HTTP helper at `server` (token None: no Authorization header, as the starter needs)."""
    booking.BASE = server.base + "/fhir"
    booking.HEADERS.pop("Authorization", None)
    if token:
        booking.HEADERS["Authorization"] = "Bearer " + token
    booking.local.__dict__.pop("conn", None)  # this thread's keep-alive connection may be to the other server


def create_load(server, clients, seconds, token):
    """POST Patient (bench/patient.json, Prefer: return=minimal) with Python threads."""
    use(server, token)
    with open(PATIENT) as source:
        patient = json.load(source)

    def send():
        status, _ = booking.call("POST", "/Patient", patient, headers={"Prefer": "return=minimal"})
        return status

    return threaded_load(clients, seconds, send)


class BookingPool:
    """A pool of its own (booking.py's set-up: 12 or more providers, up to 600 Slots each) and one patient per booking,
    for a time-bounded $book load."""

    def __init__(self, server, token, bookings, label="bench"):
        use(server, token)
        # 30-minute Slots from tomorrow, within $book's default 14-day window: at most 600 per provider
        booking.PROVIDERS = max(12, -(-bookings // 600))
        booking.SLOTS_PER_PROVIDER = -(-bookings // booking.PROVIDERS)
        first = (datetime.now(timezone.utc) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
        log(f"$book set-up: 1 pool of {booking.PROVIDERS} providers x {booking.SLOTS_PER_PROVIDER} Slots, "
            f"{bookings} patients")
        self.specialty, _ = booking.make_pool(label, first)
        self.patients = booking.make_patients(bookings)
        self.next = 0
        self.lock = threading.Lock()
        log("$book set-up done")

    def take(self):
        with self.lock:
            if self.next >= len(self.patients):
                return None
            self.next += 1
            return self.patients[self.next - 1]

    def load(self, server, clients, seconds, token):
        """$book for `seconds` with `clients` threads; the same figures as vs_starter.hey()."""
        use(server, token)

        def send():
            patient = self.take()
            if patient is None:
                return None
            status, _ = booking.call("POST", "/Appointment/$book", {"resourceType": "Parameters", "parameter": [
                {"name": "patient-reference", "valueReference": {"reference": patient}},
                {"name": "specialty", "valueString": self.specialty}]})
            return status

        measured = threaded_load(clients, seconds, send)
        if self.next >= len(self.patients):
            log(f"  $book: ran out of patients after {measured['seconds']:.0f} s (raise the pool)")
        return measured
