#!/usr/bin/env bash
# $book under 100 / 1,000 / 2,000 concurrent clients, one Mediwox node and two behind HAProxy, one PostgreSQL (issue 22).
#
# usage: bench/load/run.sh                     (the whole benchmark: see bench/README.md for how long it takes)
#        NODES=1 CLIENTS=100 MANY_POOLS_AT= SECONDS=15 bench/load/run.sh     (a smoke)
#
# Load tool: autocannon (npm, bench/load/package-lock.json, installed here by npm ci) driving POST Appointment/$book
# with the demo back-end client's system token and a new patient for every booking. PostgreSQL: the one PGHOST /
# PGPORT / PGUSER / PGPASSWORD name (a role that may create databases and the btree_gist extension), or else a
# throw-away cluster from Debian's `postgresql` package (bench/own-postgres.sh). HAProxy: Debian's, installed when
# missing and two nodes are asked for.
#
# Settings (environment):
#   NODES           topologies, node counts                       default "1 2"
#   CLIENTS         concurrent clients of the one-pool windows    default "100 1000 2000"
#   MANY_POOLS      pools of the many-pools window(s)             default 20
#   MANY_POOLS_AT   client counts of the many-pools windows       default 1000 ("" for none)
#   SECONDS         length of each measured window                default 30
#   WARMUP          unmeasured window (32 clients) first          default 15
#   CAPACITY        bookings/s each window is set up for (patients and free Slots); a window that runs out ends
#                   early and says so                             default 150
#   XMX             heap of each node                             default 1g
#   MEDIWOX_JAR     default server/target/mediwox-server.jar;  JAVA, NODE (Node >= 18), PORT (18200; HAProxy +90)
#   RESULTS         directory of the log, table and JSON          default bench/results (git-ignored)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

export MEDIWOX_JAR=${MEDIWOX_JAR:-$ROOT/server/target/mediwox-server.jar}
[ -f "$MEDIWOX_JAR" ] || { echo "MEDIWOX_JAR: no file $MEDIWOX_JAR (mvn -B -DskipTests package builds it)" >&2; exit 1; }
export NODE=${NODE:-node}
command -v "$NODE" >/dev/null || { echo "needs Node >= 18 (apt-get install nodejs npm)" >&2; exit 1; }
if [[ " ${NODES:-1 2} " =~ [[:space:]][2-9][[:space:]] ]] && ! command -v haproxy >/dev/null; then
  echo "# installing HAProxy (Debian)"
  apt-get install -y -qq haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
fi
(cd "$HERE" && npm ci --no-audit --no-fund --ignore-scripts --silent)
# 2,000 clients are 2,000 sockets in the load tool and in each server (and HAProxy's two per client)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

export RESULTS=${RESULTS:-$ROOT/bench/results}
mkdir -p "$RESULTS"
export RUN_ID=load-$(date -u +%Y%m%dT%H%M%SZ)
LOG=$RESULTS/$RUN_ID.log

. "$ROOT/bench/own-postgres.sh"
own_postgres load

python3 "$HERE/load.py" 2>&1 | tee "$LOG"
echo "log: $LOG (table $RESULTS/$RUN_ID.md, figures $RESULTS/$RUN_ID.json)"
