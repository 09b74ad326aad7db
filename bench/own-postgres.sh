# Sourced by bench/vs-starter and bench/profile: the PostgreSQL both servers run against.
#
#   own_postgres <prefix>   unless PGHOST names a PostgreSQL to use (with PGPORT / PGUSER / PGPASSWORD: a role that may
#                           create databases and the btree_gist extension), starts a throw-away cluster from Debian's
#                           `postgresql` package under /tmp/<prefix>-pg.XXXXXX (loopback only, Debian's settings, fsync
#                           on), exports PGHOST / PGPORT / PGUSER / PGPASSWORD for it and removes it when the shell exits.

PG_TMP=""
PG_BIN=""

stop_own_postgres() {
  if [ -n "$PG_TMP" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}

as_pg() { # initdb and the postmaster refuse to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

own_postgres() {
  command -v psql >/dev/null || { echo "needs psql: apt-get install postgresql" >&2; exit 1; }
  if [ -z "${PGHOST:-}" ]; then
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$PG_BIN" ] || { echo "no PostgreSQL server binaries: apt-get install postgresql (or set PGHOST...)" >&2; exit 1; }
    PG_TMP=$(mktemp -d "/tmp/$1-pg.XXXXXX")
    [ "$(id -u)" = 0 ] && chown postgres "$PG_TMP"
    trap stop_own_postgres EXIT
    export PGPORT=${PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
    as_pg "$PG_BIN/initdb" -D "$PG_TMP/data" -U bench --auth=trust >/dev/null
    # Debian's defaults otherwise (shared_buffers 128MB, fsync and synchronous_commit on): loopback TCP only
    as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$PG_TMP -c max_connections=200" start >/dev/null
    export PGHOST=127.0.0.1 PGUSER=bench PGPASSWORD=bench
    echo "# own PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT ($PG_TMP)"
  fi
  export PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-}
}
