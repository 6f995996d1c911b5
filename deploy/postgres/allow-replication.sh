#!/bin/sh
# docker-entrypoint-initdb.d script of the primary (runs once, on an empty data folder): allow
# streaming-replication connections with a password, as the postgres image allows ordinary ones.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
