#!/bin/bash
# Entrypoint of the read replica (docker-compose.yml, profile "replica"): on first start, clone the
# primary with pg_basebackup (-R writes standby.signal and primary_conninfo), then run as a hot standby.
set -euo pipefail
: "${PGDATA:?}" "${PRIMARY_HOST:?}" "${PGUSER:?}" "${PGPASSWORD:?}"
mkdir -p "$PGDATA"
chown -R postgres:postgres "$(dirname "$PGDATA")"
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until gosu postgres env PGPASSWORD="$PGPASSWORD" pg_basebackup -h "$PRIMARY_HOST" -U "$PGUSER" -D "$PGDATA" -R -X stream -w; do
    echo "replica: waiting for the primary at $PRIMARY_HOST"
    rm -rf "${PGDATA:?}"/*
    sleep 2
  done
fi
exec gosu postgres postgres -c hot_standby=on
