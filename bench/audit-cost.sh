#!/usr/bin/env bash
# CPU per request of the audit trail: Mediwox's AuditTrail against HAPI's BalpAuditCaptureInterceptor (with a sink
# into the same writer, table and PostgreSQL), for a read, a create, a search returning 20 Appointments and a 403.
# Runs org.mediwox.server.audit.AuditCost (server/src/test/java) in one JVM with the server's test class path, an
# embedded PostgreSQL of its own (durable, as the server runs it) and paired rounds in A B / B A order.
# usage: bench/audit-cost.sh            (ROUNDS=7, SCALE=1: operations per block x SCALE; SKIP_BUILD=1 reuses the
#                                        last build and class path)
# The build (test-compile with the modules it needs) takes a few minutes the first time; results go to stdout and
# bench/results/audit-cost-<time>.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
CP_FILE=$ROOT/server/target/audit-cost.classpath
OUT=$HERE/results/audit-cost-$(date -u +%Y%m%dT%H%M%SZ).log
mkdir -p "$HERE/results"

if [[ "${SKIP_BUILD:-0}" != 1 || ! -s "$CP_FILE" ]]; then
  (cd "$ROOT" && mvn -B -q -o -pl server -am test-compile dependency:build-classpath \
     -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE") >/dev/null
fi
{
  echo "# $(date -u +%FT%TZ) $(git -C "$ROOT" rev-parse --short HEAD) $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xms1g -Xmx1g -XX:+UseG1GC -Drounds="${ROUNDS:-7}" -Dscale="${SCALE:-1}" -Dclk.tck="$(getconf CLK_TCK)" \
    -cp "$ROOT/server/target/test-classes:$ROOT/server/target/classes:$(cat "$CP_FILE")" \
    org.mediwox.server.audit.AuditCost
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | grep -v -e ' DEBUG ' -e ' INFO ' | tee "$OUT"
echo "results: $OUT"
