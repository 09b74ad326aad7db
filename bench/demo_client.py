"""The demo back-end client's token, shared by the bench scripts (run them from anywhere: `python3 bench/x.py`)."""
import base64
import json
import os
import urllib.parse
import urllib.request


def demo_token(fhir_base, scope="system/*.cruds"):
    """A token of the demo back-end client for `scope` (or MEDIWOX_TOKEN as given).

    The client's id and secret come from MEDIWOX_DEMO_CLIENT_ID / MEDIWOX_DEMO_CLIENT_SECRET, as the server's settings.
    """
    if os.environ.get("MEDIWOX_TOKEN"):
        return os.environ["MEDIWOX_TOKEN"]
    client = os.environ.get("MEDIWOX_DEMO_CLIENT_ID", "mediwox-demo-client")
    secret = os.environ.get("MEDIWOX_DEMO_CLIENT_SECRET", "mediwox-demo-secret")
    request = urllib.request.Request(
        fhir_base.rsplit("/fhir", 1)[0] + "/oauth2/token",
        data=urllib.parse.urlencode({"grant_type": "client_credentials", "scope": scope}).encode(),
        headers={"Authorization": "Basic " + base64.b64encode(f"{client}:{secret}".encode()).decode()})
    return json.loads(urllib.request.urlopen(request).read())["access_token"]
