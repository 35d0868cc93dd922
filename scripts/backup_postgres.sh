#!/usr/bin/env bash
# Backup of the PostgreSQL database in pg_dump's custom format (consistent snapshot, online).
#   DATABASE_URL=postgres://… scripts/backup_postgres.sh DEST.dump
# Prints the content hash of the source at the end (bench/faults/dbhash.py) to compare with the
# hash that restore_postgres.sh prints; the two are equal when no writes happened in between.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:?destination .dump file}"
url="${DATABASE_URL:?set DATABASE_URL=postgres://user:pass@host:port/db}"
PY="${PYTHON:-.venv/bin/python}"
started=$(date +%s.%N)
pg_dump --format=custom --no-owner --file="$dest.partial" "$url"
pg_restore --list "$dest.partial" >/dev/null   # the archive is readable
mv "$dest.partial" "$dest"
echo "backup $dest: $(stat -c %s "$dest") bytes, $(echo "$(date +%s.%N) - $started" | bc) s"
echo "source hash $("$PY" bench/faults/dbhash.py "$url")"
