"""Benchmark: the analysis page of a 21-party study (the synthetic 268-respondent demo study).

    .venv/bin/python bench/integration/bench_page.py [repeats]
    DATABASE_URL=postgres://... .venv/bin/python bench/integration/bench_page.py

Uses its own database (SQLite file in a temporary directory, rebuilt each run), never the
development one. Goal (issue 6): the analysis page renders in < 300 ms. Measures the first
(cold) render, which computes and caches the results, then warm renders from the cache, the
boundary page, the API matrix and the cold computation alone.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _benchlib import django_setup


def timed(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def main(repeats: int = 10) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        django_setup(os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", migrate=True)
        from django.test import Client

        from yhdyspinta.integration import analysis
        from yhdyspinta.integration.demo import load
        from yhdyspinta.integration.models import Study
        from yhdyspinta.organisations.models import Organisation

        owner = Organisation.objects.create(kind="county", code="99", name="Bench county", name_fi="Bench county")
        study, wall, cpu = timed(lambda: load(io.StringIO(), owner=owner))
        print(f"demo study stored (268 respondents, {study.parties.count()} parties): {wall:.2f} s wall")
        client = Client()
        client.get("/integration/")  # first request of the process: URL, template and translation loading
        url = f"/integration/{study.pk}/analysis/"
        _r, wall, cpu = timed(lambda: client.get(url))
        print(f"analysis page, cold (computes and caches): {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU")
        rows = {}
        for name, path in (("analysis page, warm", url), ("boundary page, warm", f"/integration/{study.pk}/boundary/"),
                           ("API matrix", f"/api/v1/integration/studies/{study.pk}/matrix/")):
            client.get(path)
            rows[name] = [timed(lambda p=path: client.get(p))[1:] for _i in range(repeats)]
        for name, values in rows.items():
            walls = [w for w, _c in values]
            cpus = [c for _w, c in values]
            print(f"{name}: median {statistics.median(walls) * 1000:.0f} ms wall, "
                  f"best {min(walls) * 1000:.0f} ms, CPU median {statistics.median(cpus) * 1000:.0f} ms")
        study = Study.objects.get(pk=study.pk)
        _r, wall, cpu = timed(lambda: analysis.compute_results(study))
        print(f"results computation alone (1000 bootstrap draws, 20 stability runs, layout): "
              f"{wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU")
        median = statistics.median(w for w, _c in rows["analysis page, warm"])
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print("goal analysis page < 300 ms:", "OK" if median < 0.3 else "MISSED")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
