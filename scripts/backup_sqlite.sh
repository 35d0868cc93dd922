#!/usr/bin/env bash
# Online backup of the SQLite database while the application keeps writing.
#   scripts/backup_sqlite.sh [SOURCE.sqlite3] DEST.sqlite3
# Uses SQLite's backup API (Python's sqlite3 Connection.backup): it copies pages in steps and
# restarts a step when a writer changed the source, so DEST is one consistent snapshot. Then it
# runs PRAGMA integrity_check on DEST and prints the content hash (bench/faults/dbhash.py).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 1 ]; then src="var/db.sqlite3"; dest="$1"; else src="${1:?source}"; dest="${2:?destination}"; fi
[ -f "$src" ] || { echo "no such database: $src" >&2; exit 2; }
PY="${PYTHON:-.venv/bin/python}"
"$PY" - "$src" "$dest" <<'PYEOF'
import sqlite3, sys, time
src, dest = sys.argv[1], sys.argv[2]
started = time.perf_counter()
source = sqlite3.connect(src, timeout=30)
target = sqlite3.connect(dest + ".partial")
# 256 pages a step, a short sleep between steps lets writers in; busy steps are retried.
source.backup(target, pages=256, sleep=0.005)
target.execute("PRAGMA journal_mode=DELETE")
result = "; ".join(r[0] for r in target.execute("PRAGMA integrity_check"))
target.close()
source.close()
if result != "ok":
    sys.exit(f"integrity check of the backup failed: {result}")
import os
os.replace(dest + ".partial", dest)
print(f"backup {dest}: integrity ok, {os.path.getsize(dest)} bytes, {time.perf_counter() - started:.1f} s")
PYEOF
echo "hash $("$PY" bench/faults/dbhash.py "$dest")"
