#!/usr/bin/env bash
# The cost of durability: the shipped jar on its embedded PostgreSQL as it ships (fsync, synchronous_commit and
# full_page_writes on) against the same jar with MEDIWOX_DATABASE_DURABLE=false (all three off), each round on a fresh
# data directory, in the order-balanced sequence durable, fast, fast, durable (ROUNDS=2 pairs by default).
# Per round: crud.sh (Patient creates at 1, 8 and 32 clients, reads) and booking.py with $book only at 8 and 32 clients.
# usage: bench/durability.sh            (needs server/target/mediwox-server.jar, ab from apache2-utils, python3)
# Results go to bench/results/durability-<time>.log, one block per round.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
JAR=${JAR:-$ROOT/server/target/mediwox-server.jar}
PORT=${PORT:-18080}
PAIRS=${ROUNDS:-2}
OUT=$HERE/results/durability-$(date -u +%Y%m%dT%H%M%SZ).log
mkdir -p "$HERE/results"
[ -f "$JAR" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

round() { # mode: durable | fast
  local mode=$1 data; data=$(mktemp -d "$ROOT/server/target/bench-durability.XXXXXX")
  local durable=true; [ "$mode" = fast ] && durable=false
  MEDIWOX_DATABASE_DURABLE=$durable MEDIWOX_DEMO=false \
    java -jar "$JAR" --server.port="$PORT" --mediwox.data-dir="$data" --mediwox.auth.demo-client=true >"$data.log" 2>&1 &
  local pid=$!
  local started=$SECONDS
  until curl -sf "http://localhost:$PORT/fhir/metadata" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server exited, see $data.log" >&2; exit 1; }
    sleep 0.5
  done
  {
    echo "## round: $mode (MEDIWOX_DATABASE_DURABLE=$durable), started in $((SECONDS - started)) s"
    grep -o "PostgreSQL durability: .*\|without durability ([^)]*)" "$data.log" | head -1
    "$HERE/crud.sh" "http://localhost:$PORT/fhir"
    BOOKING_LEVELS=8:600,32:1000 BOOKING_BASELINE=0 BOOKING_PLAIN=0 python3 "$HERE/booking.py" "http://localhost:$PORT/fhir"
  } 2>&1 | tee -a "$OUT"
  kill $pid; wait $pid || true
  rm -rf "$data" "$data.log"
}

for ((i = 0; i < PAIRS; i++)); do
  if ((i % 2 == 0)); then round durable; round fast; else round fast; round durable; fi
done
echo "results: $OUT"
