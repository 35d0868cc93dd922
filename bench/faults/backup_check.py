"""Backups restore to identical content, also when taken while the application writes.

    .venv/bin/python bench/faults/backup_check.py --sqlite SOURCE.sqlite3 [--workdir DIR]
    .venv/bin/python bench/faults/backup_check.py --postgres postgres://…/yhdyspinta

1. Under writes: a writer (Django, the application's own settings) inserts access-log rows in
   pairs, one pair per transaction, as fast as it can, while scripts/backup_*.sh runs. The
   backup must pass the integrity check and hold only whole pairs in an unbroken sequence (a
   consistent snapshot); the writer must never see "database is locked"; writes/s is reported.
2. Quiet: with the writer stopped, backup → restore → the content hash of the restored
   database equals the hash of the source (bench/faults/dbhash.py).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from dbhash import connect, database_hash

PYTHON = str(ROOT / ".venv" / "bin" / "python")
WRITER = """
import time, sys
from django.db import transaction, OperationalError
from yhdyspinta.core.models import AccessLog
n, errors, end = 0, 0, time.time() + float(sys.argv[-1])
AccessLog.objects.filter(username='backup-writer').delete()
while time.time() < end:
    try:
        with transaction.atomic():
            AccessLog.objects.create(username='backup-writer', action='read', detail=f'{n}:a')
            AccessLog.objects.create(username='backup-writer', action='read', detail=f'{n}:b')
        n += 1
        if n == 50:
            print('STARTED', flush=True)
    except OperationalError as exc:
        errors += 1
        print('ERROR', exc, flush=True)
print('WRITES', n, errors, flush=True)
"""


def env_for(url):
    env = {k: v for k, v in os.environ.items() if k not in ("YHDYSPINTA_ONLY_APPS", "PYTEST_VERSION")}
    env.update(DATABASE_URL=url, DEBUG="1")
    return env


def start_writer(url, seconds):
    script = Path(tempfile.gettempdir()) / "yhdyspinta_backup_writer.py"
    script.write_text(WRITER)
    return subprocess.Popen([PYTHON, str(ROOT / "manage.py"), "shell", "-c",
                             f"import sys; sys.argv.append('{seconds}'); exec(open('{script}').read())"],
                            env=env_for(url), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def pairs_consistent(url) -> tuple[bool, int]:
    _kind, conn = connect(url)
    try:
        rows = [r[0] for r in conn.execute(
            "SELECT detail FROM core_accesslog WHERE username = 'backup-writer'")]
    finally:
        conn.close()
    numbers = {}
    for detail in rows:
        number, half = detail.split(":")
        numbers.setdefault(int(number), set()).add(half)
    whole = all(halves == {"a", "b"} for halves in numbers.values())
    unbroken = sorted(numbers) == list(range(len(numbers)))
    return whole and unbroken, len(numbers)


def run(command, **kwargs):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def hash_line(output: str) -> str:
    return output.strip().splitlines()[-1].split()[-1]


def check(url, backup_cmd, restore_cmd, backup_file, restored_url, seconds):
    report = {}
    writer = start_writer(url, seconds)
    for line in writer.stdout:  # wait until the writer writes (Django start-up)
        if line.startswith(("STARTED", "WRITES")):
            break
    started = time.perf_counter()
    run(backup_cmd(backup_file))
    report["backup_under_writes_s"] = round(time.perf_counter() - started, 2)
    output, _err = writer.communicate(timeout=seconds + 120)
    written, errors = next(line.split()[1:] for line in output.splitlines() if line.startswith("WRITES"))
    report["writer_transactions"] = int(written)
    report["writer_writes_per_s"] = round(2 * int(written) / seconds, 1)
    report["writer_errors"] = int(errors)
    report["database_is_locked"] = "database is locked" in output
    restored = run(restore_cmd(backup_file, restored_url))
    consistent, pairs = pairs_consistent(restored_url)
    report["backup_consistent_snapshot"] = consistent
    report["pairs_in_backup"] = pairs
    report["backup_hash_equals_restored"] = hash_line(restored) == database_hash(restored_url)
    # quiet: the writer has stopped
    run(backup_cmd(backup_file))
    restored = run(restore_cmd(backup_file, restored_url))
    source_hash = database_hash(url)
    report["quiet_restore_equals_source"] = hash_line(restored) == source_hash
    report["source_hash"] = source_hash
    report["ok"] = (consistent and pairs > 0 and not int(errors) and report["backup_hash_equals_restored"]
                    and report["quiet_restore_equals_source"] and not report["database_is_locked"])
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sqlite", type=Path, help="SQLite database to copy and test on")
    parser.add_argument("--postgres", help="postgres:// URL of a database to test on")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/yhdyspinta-backup"))
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    reports = {}
    if args.sqlite:
        source = args.workdir / "source.sqlite3"
        for suffix in ("-wal", "-shm"):
            Path(f"{source}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(args.sqlite, source)
        reports["sqlite"] = check(
            f"sqlite:///{source}",
            lambda dest: ["scripts/backup_sqlite.sh", str(source), str(dest)],
            lambda backup, url: ["scripts/restore_sqlite.sh", str(backup), url[len("sqlite:///"):]],
            args.workdir / "backup.sqlite3", f"sqlite:///{args.workdir / 'restored.sqlite3'}", args.seconds,
        )
    if args.postgres:
        restored = args.postgres.rsplit("/", 1)[0] + "/yhdyspinta_restored"
        reports["postgres"] = check(
            args.postgres,
            lambda dest: ["env", f"DATABASE_URL={args.postgres}", "scripts/backup_postgres.sh", str(dest)],
            lambda backup, url: ["scripts/restore_postgres.sh", str(backup), url],
            args.workdir / "backup.dump", restored, args.seconds,
        )
    print(json.dumps(reports, indent=2))
    sys.exit(0 if reports and all(r["ok"] for r in reports.values()) else 1)


if __name__ == "__main__":
    main()
