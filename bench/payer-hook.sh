#!/usr/bin/env bash
# $book with the payer hook against a payer answering in 50 ms (bench/payer_hook.py), on one server started here in
# production mode on a fresh data directory (embedded PostgreSQL), the payer configured at the script's own stub.
# usage: bench/payer-hook.sh [jar]   (default server/target/mediwox-server.jar; PAYER_DELAY_MS, ROUNDS, PER_ROUND pass
# through to payer_hook.py)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
JAR=${1:-$ROOT/server/target/mediwox-server.jar}
PORT=${PORT:-18081}
PAYER_PORT=${PAYER_PORT:-18090}
OUT=$HERE/results/payer-hook-$(date -u +%Y%m%dT%H%M%SZ).log
mkdir -p "$HERE/results" "$ROOT/server/target"
data=$(mktemp -d "$ROOT/server/target/bench-payer.XXXXXX")
MEDIWOX_DEMO=false MEDIWOX_NOTIFICATION_TRANSPORT=log MEDIWOX_NOTIFICATION_MANAGE_URL=https://bench.invalid/app \
  MEDIWOX_NOTIFICATION_CLINIC_PHONE=+12025550199 java -jar "$JAR" --server.port="$PORT" --mediwox.data-dir="$data" \
  --mediwox.auth.demo-client=true --mediwox.payer.enabled=true \
  --mediwox.payer.cds-base-url="http://127.0.0.1:$PAYER_PORT/cds-services" --mediwox.payer.service-id=bench \
  >"$data.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "http://localhost:$PORT/fhir/metadata" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "server exited, see $data.log" >&2; exit 1; }
  sleep 0.5
done
{ echo "## $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), jar $JAR"
  PAYER_PORT=$PAYER_PORT python3 "$HERE/payer_hook.py" "http://localhost:$PORT/fhir"; } 2>&1 | tee -a "$OUT"
echo "results: $OUT"
