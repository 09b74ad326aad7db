"""bench/vs-starter's `synthea` load: Synthea's own patient transaction Bundles (server/src/test/resources/synthea/,
population seed 1745197637975), POSTed to [base] by Python threads as a Synthea user would, each post a new patient.

Before a server's first window its hospital and practitioner batch Bundles are loaded once (untimed): the patient
Bundles point at those Organizations, Locations and Practitioners by conditional reference. Per post only the
`urn:uuid:` fullUrls and the references to them get fresh UUIDs, nothing else of Synthea's text changes. The figures
count resources, not requests: `ok` and `throughput` are the entries of the Bundles answered 200, `cpu_ms_per_request`
is machine CPU per such resource; `bundles` keeps the number of Bundles. Python 3.11 standard library only.
"""
import json
import os
import re
import threading
import uuid

import booking
from booking_load import threaded_load, use

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        "server", "src", "test", "resources", "synthea")
SEED = "1745197637975"
PATIENTS = ("Flavia315_Walker122_e781e193-43ef-e822-b01b-0b8a15c21ad5.json",
            "Eloisa55_Micaela928_Noriega353_98118baf-7648-5fbc-c982-ff2bc4527c5b.json")
URN_UUID = re.compile(r"urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


def read(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as source:
        return source.read()


class Template:
    """A patient Bundle cut at its urn:uuid UUIDs, so that a copy with fresh ones is a join."""

    def __init__(self, text):
        self.parts, self.slots = [], []
        seen, last = {}, 0
        for match in URN_UUID.finditer(text):
            self.parts.append(text[last:match.start(1)])
            self.slots.append(seen.setdefault(match.group(1), len(seen)))
            last = match.end(1)
        self.parts.append(text[last:])
        self.uuids = len(seen)
        self.entries = len(json.loads(text)["entry"])

    def fresh(self):
        new = [str(uuid.uuid4()) for _ in range(self.uuids)]
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:]):
            out += [new[slot], part]
        return "".join(out).encode("utf-8")


TEMPLATES = [Template(read(name)) for name in PATIENTS]
prepared = set()


def post(body):
    """POST [base] with a Bundle's bytes on this thread's kept-alive connection (booking.call sends JSON objects)."""
    import http.client
    conn = getattr(booking.local, "conn", None)
    if conn is None:
        conn = booking.local.conn = http.client.HTTPConnection(booking.BASE.split("//")[1].split("/")[0], timeout=120)
    try:
        conn.request("POST", "/" + booking.BASE.split("//")[1].split("/", 1)[1], body=body, headers=booking.HEADERS)
        response = conn.getresponse()
        response.read()
        return response.status
    except (http.client.HTTPException, OSError):
        booking.local.conn = None  # counted as a transport error; the next post opens a new connection
        raise


def prepare(server, token):
    """Loads the hospital and practitioner batches once per server (conditional creates: a second load adds none)."""
    if server.name in prepared:
        return
    use(server, token)
    for name in (f"hospitalInformation{SEED}.json", f"practitionerInformation{SEED}.json"):
        status = post(read(name).encode("utf-8"))
        assert status == 200, (server.name, name, status)
    prepared.add(server.name)


def load(server, clients, seconds, token):
    """Patient Bundles, Flavia's (21 entries) and Eloisa's (33) in turn, for `seconds` with `clients` threads."""
    prepare(server, token)
    use(server, token)
    turn, stored, lock = [0], [0, 0], threading.Lock()

    def send():
        with lock:
            template = TEMPLATES[turn[0] % len(TEMPLATES)]
            turn[0] += 1
        status = post(template.fresh())
        if status == 200:
            with lock:
                stored[0] += template.entries
                stored[1] += 1
        return status

    measured = threaded_load(clients, seconds, send)
    resources, bundles = stored
    measured["bundles"], measured["ok"] = bundles, resources
    measured["throughput"] = resources / measured["seconds"] if measured["seconds"] else 0.0
    measured["cpu_ms_per_request"] = 1000 * measured["cpu_s"] / resources if resources else float("inf")
    measured["server_cpu_ms_per_request"] = (1000 * (measured["cpu_s"] - measured["generator_cpu_s"]) / resources
                                             if resources else float("inf"))
    return measured
