#!/usr/bin/env bash
# $workload latency on a clinic of 200 providers, 20 pools and 1,000,000 booked Appointments over two years.
# usage: bench/analytics.sh <mediwox jar>      (WORKLOAD_CALLS, WORKLOAD_WARMUP pass through to analytics/workload.py)
# Starts the jar zero-setup (demo data, embedded PostgreSQL) on a fresh data directory, loads the read model with
# analytics/generate.sql through psql (Debian's postgresql-client), then times the calls. Logs counts as it goes.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PORT=${PORT:-18082}
command -v psql >/dev/null || { echo "needs psql: apt-get install postgresql-client" >&2; exit 1; }
data=$(mktemp -d "$ROOT/server/target/bench-analytics.XXXXXX")
# without the demo history: it would be written in the background while the calls are timed
MEDIWOX_DEMO_HISTORY=false java -jar "$1" --server.port="$PORT" --mediwox.data-dir="$data" --mediwox.auth.demo-client=true >"$data.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data" "$data.log"' EXIT
until curl -sf "http://localhost:$PORT/fhir/metadata" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "server exited, see $data.log" >&2; exit 1; }
  sleep 0.5
done
pgport=$(grep -o 'Embedded PostgreSQL started in [0-9]* ms on port [0-9]*' "$data.log" | awk '{print $NF}')
echo "server up; loading 1,000,000 facts into its PostgreSQL (port $pgport)"
psql -h localhost -p "$pgport" -U postgres -d mediwox -q -f "$HERE/analytics/generate.sql"
python3 "$HERE/analytics/workload.py" "http://localhost:$PORT/fhir"
