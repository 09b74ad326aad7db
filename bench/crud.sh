#!/usr/bin/env bash
# Patient create and read throughput against a running Mediwox server, with ApacheBench (Debian: apache2-utils).
# usage: bench/crud.sh [base-url]   (default http://localhost:8080/fhir)
# Prints requests/s and latency percentiles for: sequential creates, creates at 8 and 32 clients, reads at 8 and 32.
set -euo pipefail
BASE=${1:-http://localhost:8080/fhir}
HERE=$(cd "$(dirname "$0")" && pwd)
command -v ab >/dev/null || { echo "needs ab: apt-get install apache2-utils" >&2; exit 1; }
# a token of the demo back-end client unless MEDIWOX_TOKEN holds one
if [ -z "${MEDIWOX_TOKEN:-}" ]; then
  MEDIWOX_TOKEN=$(curl -s -u "${MEDIWOX_DEMO_CLIENT_ID:-mediwox-demo-client}:${MEDIWOX_DEMO_CLIENT_SECRET:-mediwox-demo-secret}" \
    -d grant_type=client_credentials -d 'scope=system/*.cruds' "${BASE%/fhir}/oauth2/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
fi
AUTH=(-H "Authorization: Bearer $MEDIWOX_TOKEN")

run() { # label, ab args...
  local label=$1; shift
  local out; out=$(ab -q -k "${AUTH[@]}" "$@" 2>&1)
  local rps p50 p95 p99 failed non2xx
  rps=$(awk '/Requests per second/ {print $4}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p95=$(awk '$1=="95%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  # ab counts responses whose length differs from the first as "failed"; created ids differ in length, so only
  # connection errors, exceptions and non-2xx answers count as failures here
  failed=$({ grep -oE '(Connect|Receive|Exceptions): [0-9]+' <<<"$out" || true; } | awk '{s+=$2} END {print s+0}')
  non2xx=$(awk '/Non-2xx/ {print $3}' <<<"$out")
  printf '%-28s %8s req/s   p50 %4s ms   p95 %4s ms   p99 %4s ms   errors %s non-2xx %s\n' \
    "$label" "$rps" "$p50" "$p95" "$p99" "$failed" "${non2xx:-0}"
}

echo "# warm-up"; ab -q -k "${AUTH[@]}" -n 300 -c 4 -p "$HERE/patient.json" -T application/fhir+json "$BASE/Patient" >/dev/null
ID=$(curl -s "${AUTH[@]}" -H 'Content-Type: application/fhir+json' -d @"$HERE/patient.json" "$BASE/Patient" | sed -E 's/.*"id":"([^"]+)".*/\1/')
run "create, 1 client"   -n 1000 -c 1  -p "$HERE/patient.json" -T application/fhir+json "$BASE/Patient"
run "create, 8 clients"  -n 4000 -c 8  -p "$HERE/patient.json" -T application/fhir+json "$BASE/Patient"
run "create, 32 clients" -n 4000 -c 32 -p "$HERE/patient.json" -T application/fhir+json "$BASE/Patient"
run "read, 8 clients"    -n 8000 -c 8  "$BASE/Patient/$ID"
run "read, 32 clients"   -n 8000 -c 32 "$BASE/Patient/$ID"
