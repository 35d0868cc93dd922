#!/usr/bin/env bash
# Restores a pg_dump custom-format backup into a database (created if missing), replacing its content.
#   scripts/restore_postgres.sh BACKUP.dump postgres://user:pass@host:port/target_db
# Prints the content hash of the restored database (bench/faults/dbhash.py).
set -euo pipefail
cd "$(dirname "$0")/.."
backup="${1:?backup .dump file}"; url="${2:?target database URL}"
PY="${PYTHON:-.venv/bin/python}"
db="${url##*/}"; server="${url%/*}/postgres"
exists=$(psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'")
[ "$exists" = "1" ] || psql "$server" -qc "CREATE DATABASE \"$db\""
pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error -d "$url" "$backup"
echo "restored into $db"
echo "hash $("$PY" bench/faults/dbhash.py "$url")"
