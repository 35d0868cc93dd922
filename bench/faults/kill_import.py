"""Kills importers with SIGKILL at random points and proves the data afterwards equals the data before.

    .venv/bin/python bench/faults/kill_import.py [--runs 50] [--importer classification indicators]
        [--database-url sqlite:////tmp/yhdyspinta-faults/work.sqlite3 | postgres://…] [--seed 1]

A base database is made once (migrate + `generate_national --scale 0.001`) and its content
hashed (bench/faults/dbhash.py). Each run starts an importer as a subprocess on a changed input
file, sleeps a random time between 0.8 × Django's start-up time and 1.05 × the duration of a
whole import (updated from the runs that finish first, as the machine's load changes), and
sends SIGKILL. A killed run must leave the hash equal to the base hash, or — if the kill landed
after the commit, while the process was exiting — equal to the state of a whole import (clock
columns left out); anything else is a partial write. SQLite's integrity check must say "ok".
"killed_inside_transaction" counts the kills that landed while the importer held an open
transaction (probed just before the kill: SQLite's write lock is taken, or PostgreSQL's
pg_stat_activity shows a transaction or statement of another client) and after which the data
still equalled the base. A run that finished before the kill must have changed the data (and
is then undone by restoring the base: a file copy on SQLite, pg_restore on PostgreSQL). Exit
status 1 on any failure. Results are printed and written to <workdir>/kill_import.json.
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from dbhash import database_hash, integrity_check

PYTHON = str(ROOT / ".venv" / "bin" / "python")


def manage(url, *args, check=True, **popen):
    env = {k: v for k, v in os.environ.items() if k not in ("YHDYSPINTA_ONLY_APPS", "PYTEST_VERSION")}
    env.update(DATABASE_URL=url, DEBUG="1")
    command = [PYTHON, str(ROOT / "manage.py"), *args]
    if popen:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    result = subprocess.run(command, check=False, env=env, cwd=ROOT, capture_output=True, text=True)
    if check and result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result


class Database:
    """The work database and how to put it back to the base state."""

    def __init__(self, url, workdir: Path):
        self.url, self.workdir = url, workdir
        self.sqlite = url.startswith("sqlite:")
        self.path = Path(url[len("sqlite:///"):]) if self.sqlite else None
        self.base = workdir / ("base.sqlite3" if self.sqlite else "base.dump")

    def create(self):
        if self.sqlite:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        else:
            manage(self.url, "flush", "--no-input")
        manage(self.url, "migrate", "--no-input", "-v0")
        manage(self.url, "generate_national", "--seed", "1", "--scale", "0.001")
        manage(self.url, "shell", "-c", f"from yhdyspinta.accounts.models import User; "
               f"User.objects.create_superuser({IMPORT_USER!r}, password=None)")
        self.save_base()

    def save_base(self):
        if self.sqlite:
            import sqlite3

            source, target = sqlite3.connect(self.path), sqlite3.connect(self.base)
            source.backup(target)
            source.close()
            target.close()
        else:
            subprocess.run(["pg_dump", "-Fc", "-f", str(self.base), self.url], check=True)

    def in_transaction(self) -> bool:
        """True when another connection holds an open write transaction on the work database."""
        if self.sqlite:
            import sqlite3

            conn = sqlite3.connect(self.path, timeout=0, isolation_level=None)
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                conn.close()
        from dbhash import connect

        _kind, conn = connect(self.url)
        try:
            return bool(conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'"
            ).fetchone()[0])
        finally:
            conn.close()

    def restore(self):
        if self.sqlite:
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(self.base, self.path)
        else:
            subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "-d", self.url, str(self.base)],
                           check=True, capture_output=True)


# ---- importers and their input files ---------------------------------------------------------
IMPORT_USER = "kill-test"  # a superuser in the base database: the importers that act as a user


def query(url, code: str):
    """Runs `code` (which prints one JSON value) in `manage.py shell` against the work database."""
    return json.loads(manage(url, "shell", "-c", code).stdout.strip().splitlines()[-1])


def classification_input(workdir: Path, url: str) -> list[str]:
    """Every municipality renamed and its population changed: ~620 audited saves in one transaction."""
    source = ROOT / "yhdyspinta" / "organisations" / "data" / "municipalities_2021.csv"
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        code, name_fi, name_sv, population, county = line.split(",")
        out.append(",".join([code, f"{name_fi} uusi", f"{name_sv} ny", str(int(population) + 1), county]))
    path = workdir / "municipalities_changed.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return ["update_classification", "--municipalities", str(path), "--date", "2025-01-01"]


def indicators_input(workdir: Path, url: str) -> list[str]:
    """New values for two generated indicators × every municipality × 21 years (~13 000 rows)."""
    codes = [line.split(",")[0] for line in (ROOT / "yhdyspinta" / "organisations" / "data" /
                                              "municipalities_2021.csv").read_text(encoding="utf-8-sig").splitlines()[1:]]
    rows = ["indicator_id;region_code;region_category;year;sex;value"]
    for indicator in ("own:gen-0", "own:gen-1"):
        for code in codes:
            for year in range(2000, 2021):
                rows.append(f"{indicator};{code};KUNTA;{year};total;{(int(code) * year) % 997 / 10:.1f}".replace(".", ","))
    path = workdir / "indicator_values.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return ["import_indicator_values", str(path)]


def statuses_input(workdir: Path, url: str) -> list[str]:
    """A whole period of the generated roadmap: every reporting region × task, statuses changed."""
    info = query(url, "import json; from yhdyspinta.readiness.models import *; r = Roadmap.objects.first(); "
                      "print(json.dumps({'roadmap': r.pk, 'period': r.periods.order_by('end_date').last().code, "
                      "'regions': [x.organisation.name for x in r.reporting_regions.select_related('organisation')], "
                      "'tasks': list(r.tasks.values_list('code', flat=True))}))")
    statuses = ("ei_aloitettu", "käynnissä", "valmistuu_aikataulussa", "valmis", "ei_koske")
    rows = ["region;task_id;status;comment"]
    for i, region in enumerate(info["regions"]):
        for j, task in enumerate(info["tasks"]):
            rows.append(f"{region};{task};{statuses[(i + j) % 5]};tilanne 31.12.2025")
    path = workdir / "statuses.csv"
    path.write_bytes(("\ufeff" + "\n".join(rows) + "\n").encode("utf-8"))
    return ["import_statuses", str(path), "--roadmap", str(info["roadmap"]), "--period", info["period"],
            "--user", IMPORT_USER]


def answers_input(workdir: Path, url: str) -> list[str]:
    """500 new respondents × every party of the generated study (long form, 20 000 rows)."""
    info = query(url, "import json; from yhdyspinta.integration.models import Study; s = Study.objects.first(); "
                      "print(json.dumps({'study': s.pk, 'parties': list(s.parties.values_list('code', flat=True))}))")
    parties = info["parties"]
    rows = ["respondent_id,group,party,frequency,mutuality,need"]
    for r in range(500):
        group = parties[r % len(parties)]
        for k, party in enumerate(parties):
            rows.append(f"K{r:04d},{group},{party},{(r + k) % 5},{(r * k) % 3},{(r + 2 * k) % 5}")
    path = workdir / "answers.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return ["import_answers", str(path), "--study", str(info["study"]), "--user", IMPORT_USER]


IMPORTERS = {"classification": classification_input, "indicators": indicators_input,
             "statuses": statuses_input, "answers": answers_input}


def available(command: str) -> bool:
    return any((ROOT / "yhdyspinta").glob(f"*/management/commands/{command}.py"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="kills per importer (default 50)")
    parser.add_argument("--importer", nargs="*", default=list(IMPORTERS), choices=list(IMPORTERS))
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/yhdyspinta-faults"))
    parser.add_argument("--database-url", help="default: sqlite:///<workdir>/work.sqlite3")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = Database(args.database_url or f"sqlite:///{args.workdir / 'work.sqlite3'}", args.workdir)
    rng = random.Random(args.seed)
    print(f"preparing the base database {db.url} …", flush=True)
    db.create()
    base_hash = database_hash(db.url)
    started = time.perf_counter()
    manage(db.url, "shell", "-c", "pass")
    startup = time.perf_counter() - started  # kills before this land before any database work
    results, failures = {}, []
    for name in args.importer:
        argv = IMPORTERS[name](args.workdir, db.url)
        if not available(argv[0]):
            print(f"{name}: skipped, command {argv[0]} not present")
            continue
        started = time.perf_counter()
        full = manage(db.url, *argv, check=False)
        duration = time.perf_counter() - started
        if full.returncode:
            failures.append(f"{name}: the full import failed: {full.stderr[-500:]}")
            continue
        changed = database_hash(db.url) != base_hash
        complete, complete_tables = database_hash(db.url, stable=True, detail=True)  # a whole import, clocks left out
        db.restore()
        stats = {"runs": 0, "killed": 0, "finished_before_kill": 0, "equal_after_kill": 0,
                 "committed_before_kill": 0, "killed_inside_transaction": 0,
                 "integrity_ok": 0, "full_import_s": round(duration, 2), "startup_s": round(startup, 2), "full_import_changes_data": changed}
        for run in range(args.runs):
            delay = rng.uniform(0.8 * startup, 1.05 * duration)
            process = manage(db.url, *argv, popen=True)
            launched = time.perf_counter()
            while process.poll() is None and time.perf_counter() - launched < delay:
                time.sleep(0.02)
            killed = process.poll() is None
            if not killed:  # the machine got faster: follow the observed duration of a whole import
                duration = 0.5 * duration + 0.5 * (time.perf_counter() - launched)
            inside = killed and db.in_transaction()  # probed just before the kill
            if killed:
                process.send_signal(signal.SIGKILL)
            process.wait()
            after = database_hash(db.url)
            integrity = integrity_check(db.url)
            stats["runs"] += 1
            stats["integrity_ok"] += integrity in ("ok", "n/a")
            if integrity not in ("ok", "n/a"):
                failures.append(f"{name} run {run}: integrity check: {integrity}")
            if killed:
                stats["killed"] += 1
                if after == base_hash:
                    stats["equal_after_kill"] += 1
                    stats["killed_inside_transaction"] += inside
                elif database_hash(db.url, stable=True) == complete:
                    stats["committed_before_kill"] += 1  # killed while exiting: the whole import is in
                else:
                    _digest, now_tables = database_hash(db.url, stable=True, detail=True)
                    differ = sorted(t for t in now_tables if now_tables[t] != complete_tables.get(t))
                    failures.append(f"{name} run {run}: killed after {delay:.2f} s: PARTIAL data "
                                    f"(tables unlike both the base and a whole import: {', '.join(differ)})")
            else:
                stats["finished_before_kill"] += 1
                if process.returncode:
                    stderr = process.stderr.read().decode(errors="replace").strip().splitlines()
                    failures.append(f"{name} run {run}: the importer itself failed "
                                    f"(exit {process.returncode}): {stderr[-1] if stderr else ''}")
                elif after == base_hash and changed:
                    failures.append(f"{name} run {run}: finished but changed nothing")
            if after != base_hash or not db.sqlite:
                db.restore()  # PostgreSQL: also resets the sequences a killed transaction consumed
            print(f"{name} run {run + 1:>3}: {'killed' if killed else 'finished'} at {delay:5.2f} s, "
                  f"data {'= before' if after == base_hash else 'changed'}, integrity {integrity}"
                  f"{', killed inside its transaction' if inside else ''}", flush=True)
        results[name] = stats
    report = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "database": db.url.split("@")[-1],
              "seed": args.seed, "results": results, "failures": failures}
    (args.workdir / "kill_import.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
