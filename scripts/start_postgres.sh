#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for recoupe's tests and print its URL.
#
# Idempotent: installs the server (Debian/Ubuntu apt) only when missing,
# initialises the cluster only once, starts it only when it is not running,
# creates the role and database only when absent. Listens on 127.0.0.1 only.
#
#   export RECOUPE_TEST_PG="$(scripts/start_postgres.sh)"
#   scripts/start_postgres.sh stop      # stop the server
#
# Settings (environment): RECOUPE_PG_DATA (data dir, default /tmp/recoupe-pg),
# RECOUPE_PG_PORT (default: 5432, or the next free port when another server has
# it), RECOUPE_PG_USER / RECOUPE_PG_PASSWORD (recoupe),
# RECOUPE_PG_DB (recoupe_test). Progress goes to stderr; stdout is the URL only.
set -euo pipefail

DATA="${RECOUPE_PG_DATA:-/tmp/recoupe-pg}"
PORT="${RECOUPE_PG_PORT:-5432}"
ROLE="${RECOUPE_PG_USER:-recoupe}"
PASSWORD="${RECOUPE_PG_PASSWORD:-recoupe}"
DB="${RECOUPE_PG_DB:-recoupe_test}"
PGDATA_DIR="$DATA/data"
SOCKET_DIR="$DATA/run"
LOG="$DATA/server.log"

say() { echo "start_postgres: $*" >&2; }

find_bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

as_root() {
    if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi
}

BINDIR="$(find_bindir)"
if [[ -z "$BINDIR" ]]; then
    say "installing postgresql with apt-get"
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
    BINDIR="$(find_bindir)"
    [[ -n "$BINDIR" ]] || { say "initdb not found after install"; exit 1; }
fi

# PostgreSQL refuses to run as root: use the 'postgres' account then.
if [[ "$(id -u)" == 0 ]]; then
    OWNER=postgres
    id "$OWNER" >/dev/null 2>&1 || useradd --system --home-dir "$DATA" "$OWNER"
    run_pg() { runuser -u "$OWNER" -- "$@"; }
else
    OWNER="$(id -un)"
    run_pg() { "$@"; }
fi

pg_ctl_() { run_pg "$BINDIR/pg_ctl" -D "$PGDATA_DIR" "$@"; }

if [[ "${1:-}" == "stop" ]]; then
    if [[ -f "$PGDATA_DIR/postmaster.pid" ]]; then pg_ctl_ -m fast -w stop >&2; fi
    exit 0
fi

mkdir -p "$DATA" "$SOCKET_DIR"
chmod 700 "$DATA"
[[ "$(id -u)" == 0 ]] && chown -R "$OWNER" "$DATA"

if [[ ! -f "$PGDATA_DIR/PG_VERSION" ]]; then
    say "initialising cluster in $PGDATA_DIR"
    run_pg "$BINDIR/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >&2
fi

port_busy() { "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$1" -t 2 >/dev/null 2>&1; }

if pg_ctl_ status >/dev/null 2>&1; then
    PORT="$(sed -n 4p "$PGDATA_DIR/postmaster.pid")"   # already running: reuse its port
else
    if [[ -z "${RECOUPE_PG_PORT:-}" ]]; then          # another server (e.g. the system one)?
        while port_busy "$PORT"; do PORT=$((PORT + 1)); done
    fi
    say "starting server on 127.0.0.1:$PORT"
    pg_ctl_ -w -t 60 -l "$LOG" \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCKET_DIR -c fsync=off -c max_connections=200" \
        start >&2 || { cat "$LOG" >&2; exit 1; }
fi

psql_() { run_pg "$BINDIR/psql" -h "$SOCKET_DIR" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

if [[ "$(psql_ -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]]; then
    say "creating role $ROLE"
    psql_ -d postgres -c "CREATE ROLE \"$ROLE\" LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [[ "$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]]; then
    say "creating database $DB"
    psql_ -d postgres -c "CREATE DATABASE \"$DB\" OWNER \"$ROLE\"" >&2
fi

echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
