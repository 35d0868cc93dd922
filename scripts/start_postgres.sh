#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on 127.0.0.1:5432 and creates the yhdyspinta role and database.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -q && break
  sleep 1
done
run_psql() { su postgres -c "psql -v ON_ERROR_STOP=1 -q -c \"$1\""; }
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='yhdyspinta'\"" | grep -q 1 \
  || run_psql "CREATE ROLE yhdyspinta LOGIN CREATEDB PASSWORD 'yhdyspinta'"
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='yhdyspinta'\"" | grep -q 1 \
  || run_psql "CREATE DATABASE yhdyspinta OWNER yhdyspinta"
echo "PostgreSQL $version ready on 127.0.0.1:5432"
