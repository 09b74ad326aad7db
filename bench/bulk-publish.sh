#!/usr/bin/env bash
# CPU per poll of the public SMART Scheduling Links feed ($bulk-publish) on a running Mediwox server: an aggregator's
# poll when nothing changed (If-None-Match -> 304) against one after a change (200: the manifest and every file).
# usage: bench/bulk-publish.sh <server-jvm-pid> [base-url] [polls]   (default http://localhost:8080/fhir, 200 polls)
# CPU is the JVM's user+system time from /proc/<pid>/stat over the polls, divided by their number; PostgreSQL's
# backends are processes of their own and are not in it (the 304 path runs one query; see scheduling-module README).
set -euo pipefail
PID=${1:?usage: bench/bulk-publish.sh <server-jvm-pid> [base-url] [polls]}
BASE=${2:-http://localhost:8080/fhir}
POLLS=${3:-200}
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }   # utime + stime, in clock ticks
if [ -z "${MEDIWOX_TOKEN:-}" ]; then
  MEDIWOX_TOKEN=$(curl -s -u "${MEDIWOX_DEMO_CLIENT_ID:-mediwox-demo-client}:${MEDIWOX_DEMO_CLIENT_SECRET:-mediwox-demo-secret}" \
    -d grant_type=client_credentials -d 'scope=system/*.cruds' "${BASE%/fhir}/oauth2/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
fi

full_poll() { # the manifest and every file it lists
  curl -s "$BASE/\$bulk-publish" | grep -oE '"url":"[^"]+"' | cut -d'"' -f4 | while read -r url; do
    curl -s -o /dev/null "$url"; done
}
# a change: one Slot of the feed flips between free and busy-unavailable (a plain FHIR update)
SLOT=$(curl -s "$BASE/\$bulk-publish/slots-$(date -u -d '+1 day' +%F).ndjson" | sed -n -E '1s/.*"id":"([^"]+)".*/\1/p')
change() {
  local body; body=$(curl -s -H "Authorization: Bearer $MEDIWOX_TOKEN" "$BASE/Slot/$SLOT")
  if grep -q '"status":"free"' <<<"$body"; then body=${body/\"status\":\"free\"/\"status\":\"busy-unavailable\"}
  else body=${body/\"status\":\"busy-unavailable\"/\"status\":\"free\"}; fi
  curl -s -o /dev/null -X PUT -H "Authorization: Bearer $MEDIWOX_TOKEN" -H 'Content-Type: application/fhir+json' \
    -d "$body" "$BASE/Slot/$SLOT"
}

echo "# warm-up"; for _ in $(seq 20); do full_poll; done
FILES=$(curl -s "$BASE/\$bulk-publish" | grep -oE '"url":"' | wc -l)
LINES=$(curl -s "$BASE/\$bulk-publish" | grep -oE '"url":"[^"]+"' | cut -d'"' -f4 | while read -r u; do curl -s "$u"; done | wc -l)

ETAG=$(curl -s -D - -o /dev/null "$BASE/\$bulk-publish" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
before=$(cpu); start=$(date +%s%N)
for _ in $(seq "$POLLS"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$BASE/\$bulk-publish")
  [ "$code" = 304 ] || { echo "expected 304, got $code" >&2; exit 1; }
done
after=$(cpu); end=$(date +%s%N)
awk -v c=$((after - before)) -v t="$TICKS" -v n="$POLLS" -v w=$((end - start)) \
  'BEGIN {printf "unchanged (304):            %7.2f ms CPU per poll, %6.1f ms wall\n", c / t * 1000 / n, w / 1e6 / n}'

before=$(cpu); start=$(date +%s%N); change_cpu=0
for _ in $(seq "$POLLS"); do
  c0=$(cpu); change; c1=$(cpu); change_cpu=$((change_cpu + c1 - c0))
  full_poll
done
after=$(cpu); end=$(date +%s%N)
awk -v c=$((after - before - change_cpu)) -v t="$TICKS" -v n="$POLLS" -v f="$FILES" -v l="$LINES" \
  'BEGIN {printf "changed (manifest + %d files, %d lines): %7.2f ms CPU per poll (the Slot update itself left out)\n", f, l, c / t * 1000 / n}'
