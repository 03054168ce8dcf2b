#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on 127.0.0.1:
#   .ci/with-postgres.sh CMD ARGS…
# Installs PostgreSQL from the distribution's packages when missing (apt-get; needs root), initdb's a
# cluster into a temporary directory (as the `postgres` user when run as root: initdb refuses root),
# starts it on a free port with durability off (a test cluster), exports
#   PG_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/postgres
# runs CMD, then stops the cluster (by its data directory) and removes it, whatever CMD returned.
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(pg_bin)" ]; then
    echo "with-postgres: installing PostgreSQL (apt-get)…" >&2
    if [ "$(id -u)" -ne 0 ]; then echo "with-postgres: PostgreSQL is missing and installing it needs root" >&2; exit 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
fi
BIN="$(pg_bin)"
DIR="$(mktemp -d /tmp/summit-pg.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then chown postgres "$DIR"; fi

stop() {
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT

as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w start -o \
    "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
     -c max_connections=200 -c shared_buffers=256MB -c work_mem=16MB -c maintenance_work_mem=256MB" >/dev/null

export PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($DIR)" >&2
"$@"
