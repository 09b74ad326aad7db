#!/usr/bin/env bash
# Two builds side by side on booking: bench/booking.py ($book into a pool, the plain FHIR transaction, plain POST)
# against jar A and jar B, each on a fresh data directory with its embedded PostgreSQL, in the order A B B A.
# usage: bench/booking-vs.sh <jar A> <jar B>   (BOOKING_LEVELS, e.g. 8:600,32:1000, passes through to booking.py;
# ORDER, default "A B B A", picks the rounds; A_ARGS and B_ARGS add arguments to each side's java -jar, so one jar can
# run against itself with a setting changed, e.g. A_ARGS=--mediwox.scheduling.workload.enabled=false)
# Production mode (no demo data): builds since issue 21 refuse it without a notification transport and the patients'
# manage URL and clinic phone, so the script sets those (the log transport records messages and sends nothing).
# The machine's CPU per booking comes from /proc/stat (the load generator on the same machine included).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PORT=${PORT:-18081}
OUT=$HERE/results/booking-vs-$(date -u +%Y%m%dT%H%M%SZ).log
mkdir -p "$HERE/results"

round() { # label, jar, extra arguments
  local label=$1 jar=$2 extra=$3 data; data=$(mktemp -d "$ROOT/server/target/bench-booking.XXXXXX")
  MEDIWOX_DEMO=false MEDIWOX_NOTIFICATION_TRANSPORT=log MEDIWOX_NOTIFICATION_MANAGE_URL=https://bench.invalid/app \
    MEDIWOX_NOTIFICATION_CLINIC_PHONE=+12025550199 java -jar "$jar" --server.port="$PORT" --mediwox.data-dir="$data" \
    --mediwox.auth.demo-client=true $extra >"$data.log" 2>&1 &
  local pid=$!
  until curl -sf "http://localhost:$PORT/fhir/metadata" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server exited, see $data.log" >&2; exit 1; }
    sleep 0.5
  done
  { echo "## round: $label ($jar $extra)"; python3 "$HERE/booking.py" "http://localhost:$PORT/fhir"; } 2>&1 | tee -a "$OUT"
  kill $pid; wait $pid || true
  rm -rf "$data" "$data.log"
}

for label in ${ORDER:-A B B A}; do
  if [ "$label" = A ]; then round A "$1" "${A_ARGS:-}"; else round B "$2" "${B_ARGS:-}"; fi
done
echo "results: $OUT"
