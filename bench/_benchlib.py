"""Shared plumbing of the benchmarks in bench/*/ (as bench/fuzz/_fuzzlib.py is for the fuzzers).

A bench script puts bench/ on its path and imports from here:

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from _benchlib import ROOT, django_setup, manage, timed

- `manage(url, *args)`: a manage.py command in a child process against the bench's own database;
- `fresh_database(url)`: an empty, migrated database (an SQLite file is deleted, other databases
  flushed); `national_data(url, scale, seed)`: that with the generated national data;
- `django_setup(url, ...)`: Django in this process against that database, DEBUG off as in
  production (DEBUG=1 in the environment only lets the settings load);
- `bench_users()`: a national reader and Pirkanmaa's county coordinator;
- `measure(call, repeats)` / `timed(label, call, repeats, goal_ms)`: a call once cold, then
  `repeats` times; wall clock and this process's CPU time (the machine is shared).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def manage(url: str, *args, report: bool = False) -> str:
    """`manage.py args…` with DATABASE_URL=url; its output, or SystemExit with its error.
    `report`: print how long it took."""
    env = {k: v for k, v in os.environ.items() if k not in ("YHDYSPINTA_ONLY_APPS", "PYTEST_VERSION")}
    env.update(DATABASE_URL=url, DEBUG="1")
    started = time.perf_counter()
    result = subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True,
                            text=True, check=False)
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    if report:
        print(f"  manage.py {' '.join(args)}: {time.perf_counter() - started:.0f} s", flush=True)
    return result.stdout


def fresh_database(url: str, *, report: bool = False) -> None:
    """An empty database with every migration: an SQLite file (and its -wal/-shm) is deleted,
    another database flushed."""
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        manage(url, "flush", "--no-input", report=report)
    manage(url, "migrate", "--no-input", "-v0", report=report)


def national_data(url: str, scale: float, seed: int) -> None:
    """A fresh database with the national data of the home-page and reminder benches:
    `generate_national --only users catalogue cooperation` at `scale` and the statutory duties."""
    fresh_database(url, report=True)
    print(manage(url, "generate_national", "--seed", str(seed), "--scale", str(scale),
                 "--only", "users", "catalogue", "cooperation", report=True), flush=True)
    manage(url, "generate_duties", "--from", "2026", "--to", "2027", report=True)


def django_setup(url: str, *, migrate: bool = False, **environ) -> None:
    """Django in this process against `url` (tasks not queued, warnings only in the log), then
    DEBUG off (cached templates, no query log) and any host allowed for the test client.
    `environ`: more environment variables (e.g. EMAIL_BACKEND); `migrate`: migrate first."""
    os.environ.update(DATABASE_URL=url, DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings", LOG_LEVEL="WARNING",
                      TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend", **environ)
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]


def bench_users():
    """(national reader, Pirkanmaa's county coordinator, Pirkanmaa), made once."""
    from yhdyspinta.accounts.models import Membership, User
    from yhdyspinta.organisations.models import Organisation

    national, _ = User.objects.get_or_create(username="bench-national", defaults={"is_national_reader": True})
    coordinator, made = User.objects.get_or_create(username="bench-coordinator")
    pirkanmaa = Organisation.objects.get(kind="county", code="08")
    if made:
        Membership.objects.create(user=coordinator, organisation=pirkanmaa, role="county_coordinator")
    return national, coordinator, pirkanmaa


def measure(call, repeats: int) -> dict:
    """`call()` once cold, then `repeats` times: {"first": its first answer, "cold": (wall, CPU),
    "walls": [...], "cpus": [...]} in seconds, walls sorted."""
    started, cpu = time.perf_counter(), time.process_time()
    first = call()
    cold = (time.perf_counter() - started, time.process_time() - cpu)
    walls, cpus = [], []
    for _ in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return {"first": first, "cold": cold, "walls": sorted(walls), "cpus": cpus}


def timed(label: str, call, repeats: int, goal_ms: float) -> dict:
    """`measure` as a printed result: cold, median, p95 and median CPU in ms, and whether the
    median is within `goal_ms`."""
    run = measure(call, repeats)
    walls = [w * 1000 for w in run["walls"]]
    result = {"label": label, "cold_ms": round(run["cold"][0] * 1000, 1),
              "median_ms": round(statistics.median(walls), 1),
              "p95_ms": round(walls[max(0, int(len(walls) * 0.95) - 1)], 1),
              "median_cpu_ms": round(statistics.median(run["cpus"]) * 1000, 1)}
    result["within_goal"] = result["median_ms"] < goal_ms
    print(f"  {label}: cold {result['cold_ms']} ms, median {result['median_ms']} ms "
          f"(CPU {result['median_cpu_ms']} ms), p95 {result['p95_ms']} ms", flush=True)
    return result


def get_ok(client, path: str):
    """A call that GETs `path` and insists on 200."""
    def call():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response
    return call
