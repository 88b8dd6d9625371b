#!/bin/sh
# Stands in for the upstream postgres image's docker-entrypoint.sh in the local test image:
# initialises an empty PGDATA with the password from POSTGRES_PASSWORD_FILE, then runs the
# server with the arguments the stack gives (`postgres -c ssl=on ...`).
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
bin=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=${POSTGRES_PASSWORD_FILE:?POSTGRES_PASSWORD_FILE is required}
  "$bin/initdb" --pgdata="$PGDATA" --username=postgres --pwfile="$pwfile" --auth=scram-sha-256 >/dev/null
fi
if [ "${1:-}" = "postgres" ]; then shift; fi
exec "$bin/postgres" -D "$PGDATA" "$@"
