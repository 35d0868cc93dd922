#!/usr/bin/env bash
# Restores a SQLite backup made by backup_sqlite.sh. Stop the application first.
#   scripts/restore_sqlite.sh BACKUP.sqlite3 [TARGET.sqlite3 (default var/db.sqlite3)]
# Checks the backup's integrity, copies it in place (removing the old -wal/-shm files) and
# prints the content hash of the restored database, which must equal the backup's hash.
set -euo pipefail
cd "$(dirname "$0")/.."
backup="${1:?backup file}"; target="${2:-var/db.sqlite3}"
PY="${PYTHON:-.venv/bin/python}"
check=$("$PY" -c "import sqlite3,sys; print('; '.join(r[0] for r in sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check')))" "$backup")
[ "$check" = "ok" ] || { echo "backup is damaged: $check" >&2; exit 1; }
rm -f "$target-wal" "$target-shm"
cp "$backup" "$target.restoring" && mv "$target.restoring" "$target"
echo "restored $target"
echo "hash $("$PY" bench/faults/dbhash.py "$target")"
