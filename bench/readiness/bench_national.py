"""Benchmark: the national readiness table for a period, and a whole-period status import.

    DEBUG=1 .venv/bin/python bench/readiness/bench_national.py               # 1000 tasks × 300 regions × 24 periods
    DEBUG=1 .venv/bin/python bench/readiness/bench_national.py --periods 6   # fewer stored periods
    DATABASE_URL=postgres://... .venv/bin/python bench/readiness/bench_national.py

Uses its own database (default: SQLite file in the temp directory, rebuilt each run), never the
development one. Goals (issue 5): the national table of one period renders in < 200 ms; the
import of a whole period (300 000 rows) finishes in < 20 s. Prints one line per measurement
(docs/readiness.md).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _benchlib import django_setup

STATUSES = ("not_started", "in_progress", "on_schedule", "done", "not_applicable")
WEIGHTS = (30, 30, 10, 25, 5)


def month_end(year, month):
    import calendar

    return date(year, month, calendar.monthrange(year, month)[1])


def build(tasks: int, regions: int, periods: int):
    """Owner, regions, 5 areas × 5 sub-areas of tasks due over two years, and `periods` periods."""
    from yhdyspinta.organisations.models import Organisation
    from yhdyspinta.readiness.models import (
        Area,
        Period,
        ReportingRegion,
        Roadmap,
        RoadmapTask,
        SubArea,
    )

    owner = Organisation.objects.create(kind="state_authority", code="BENCH", name="Ministeriö", name_fi="Ministeriö")
    orgs = Organisation.objects.bulk_create([
        Organisation(kind="municipality", code=f"{n:03d}", name=f"Kunta {n}", name_fi=f"Kunta {n}")
        for n in range(regions)])
    roadmap = Roadmap.objects.create(name="Kansallinen tiekartta", name_fi="Kansallinen tiekartta", owner=owner,
                                     target_date=date(2025, 12, 31), visibility="public")
    ReportingRegion.objects.bulk_create([ReportingRegion(roadmap=roadmap, organisation=o, label=o.name, order=i)
                                         for i, o in enumerate(orgs)])
    subs = []
    for a in range(5):
        area = Area.objects.create(roadmap=roadmap, code=f"alue-{a}", name=f"Alue {a}", name_fi=f"Alue {a}", order=a)
        subs += [SubArea.objects.create(area=area, code=f"{chr(65 + s)}-{a}", letter=chr(65 + s), name=f"Kohta {s}",
                                        name_fi=f"Kohta {s}", order=s) for s in range(5)]
    rng = random.Random(5)
    RoadmapTask.objects.bulk_create([
        RoadmapTask(roadmap=roadmap, code=f"T-{i:04d}", title=f"Tehtävä {i}", title_fi=f"Tehtävä {i}",
                    area_id=subs[i % 25].area_id, subarea=subs[i % 25], order=i, critical=i % 10 == 0,
                    due_date=month_end(2024 + rng.randrange(2), rng.randrange(1, 13)))
        for i in range(tasks)], batch_size=2000)
    plist = [Period.objects.create(roadmap=roadmap, code=f"{2024 + m // 12}-{m % 12 + 1:02d}",
                                   end_date=month_end(2024 + m // 12, m % 12 + 1)) for m in range(periods)]
    return roadmap, plist, orgs


def fill_periods(periods, org_ids, task_ids):
    """Stored statuses for the earlier periods, written straight with executemany (setup, not measured)."""
    from django.db import connection, transaction

    rng = random.Random(1)
    for period in periods:
        with transaction.atomic(), connection.cursor() as cursor:
            rows = [(period.pk, org, task, status, "", "2024-01-01 00:00:00")
                    for org in org_ids
                    for task, status in zip(task_ids, rng.choices(STATUSES, WEIGHTS, k=len(task_ids)))]
            cursor.executemany(
                "INSERT INTO readiness_statusreport (period_id, region_id, task_id, status, comment, updated_at) "
                "VALUES (%s, %s, %s, %s, %s, %s)", rows)


def status_csv(orgs, task_codes) -> bytes:
    rng = random.Random(2)
    lines = ["region,task_id,status,comment"]
    for org in orgs:
        for code, status in zip(task_codes, rng.choices(STATUSES, WEIGHTS, k=len(task_codes))):
            lines.append(f"{org.name},{code},{status},")
    return ("\n".join(lines) + "\n").encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--regions", type=int, default=300)
    parser.add_argument("--periods", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db_path = Path(tempfile.gettempdir()) / "yhdyspinta_bench_readiness.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    django_setup(os.environ.get("DATABASE_URL") or f"sqlite:///{db_path}", migrate=True)

    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from yhdyspinta.readiness import actions
    from yhdyspinta.readiness.loaders import clear_cache
    from yhdyspinta.readiness.models import FigureStore, RoadmapTask, StatusReport

    t0 = time.perf_counter()
    roadmap, periods, orgs = build(args.tasks, args.regions, args.periods)
    tasks = list(RoadmapTask.objects.filter(roadmap=roadmap).order_by("order").values_list("pk", "code"))
    fill_periods(periods[:-1], [o.pk for o in orgs], [pk for pk, _ in tasks])
    print(f"setup: {args.tasks} tasks × {args.regions} regions × {args.periods} periods "
          f"({StatusReport.objects.count():,} stored statuses) in {time.perf_counter() - t0:.1f} s")

    admin = get_user_model().objects.create_superuser("bench", "bench@example.fi", "bench-password-1")
    data = status_csv(orgs, [code for _, code in tasks])
    last = periods[-1]
    t0, c0 = time.perf_counter(), time.process_time()
    result = actions.import_period_statuses(last, data, "period.csv", actor=admin)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"import of one period: {sum(result.values()):,} rows ({len(data) / 1e6:.1f} MB CSV) in {elapsed:.2f} s "
          f"wall, {cpu:.2f} s CPU (goal < 20 s) {'OK' if elapsed < 20 else 'SLOW'}")

    client = Client()
    client.get("/readiness/")  # first request of the process: URL, template and translation loading
    timings = {"imported": [], "restart": [], "cold": [], "warm": []}

    def timed(name, path):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(path)
        timings[name].append((time.perf_counter() - t0, time.process_time() - c0))
        assert response.status_code == 200 and response.content.count(b"<tr>") >= 2 * args.regions

    timed("imported", f"/readiness/periods/{last.pk}/")  # figures were computed by the import
    url = f"/readiness/periods/{periods[len(periods) // 2].pk}/"
    for _ in range(args.repeat):
        FigureStore.objects.all().delete()
        cache.clear()
        clear_cache()
        timed("cold", url)
        timed("warm", url)
        cache.clear()
        clear_cache()
        timed("restart", url)
    labels = {
        "imported": "national table of the imported period (figures kept current by the import)",
        "warm": "national table, figures cached for the period revision",
        "restart": "national table after a restart (figures read back from the database)",
        "cold": f"national table, figures never computed (from {args.tasks * args.regions:,} rows)",
    }
    for name in ("imported", "warm", "restart", "cold"):
        wall = statistics.median(t for t, _ in timings[name]) * 1000
        cpu = statistics.median(c for _, c in timings[name]) * 1000
        print(f"{labels[name]}: median {wall:.0f} ms wall, {cpu:.0f} ms CPU (goal < 200 ms) "
              f"{'OK' if wall < 200 else 'SLOW'}")


if __name__ == "__main__":
    main()
