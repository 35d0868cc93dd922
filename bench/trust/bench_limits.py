"""Time limits that used to be assertions in unit tests (they flaked under `pytest -n 2`).

    DEBUG=1 .venv/bin/python bench/trust/bench_limits.py

Prints each case's best of three runs against its goal; exits 1 when a goal is missed.
Figures: docs/performance.md ("Refusal and compute limits").
"""

import io
import json
import os
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from yhdyspinta.core.tabular import InputError, parse_int
from yhdyspinta.core.xlsxsafe import iter_sheet_rows, open_workbook_safely
from yhdyspinta.indicators import actions as indicator_actions
from yhdyspinta.readiness import reference_2021
from yhdyspinta.readiness.compute import (
    DONE,
    IN_PROGRESS,
    NOT_APPLICABLE,
    NOT_STARTED,
    ON_SCHEDULE,
    Task,
    compute_figures,
)


def readiness_1000_tasks_300_regions():
    day0 = date(2021, 1, 1)
    tasks = [Task(f"t{i}", f"area{i % 5}", f"s{i % 3}", "", day0 + timedelta(days=i)) for i in range(1000)]
    cycle = [NOT_STARTED, IN_PROGRESS, ON_SCHEDULE, DONE, NOT_APPLICABLE, "valmis"]
    regions = {f"R{r}": {t.task_id: cycle[(i + r) % 6] for i, t in enumerate(tasks)} for r in range(300)}
    return lambda: compute_figures(tasks, regions, day0 + timedelta(days=500), None)


def readiness_reference_statuses():
    return lambda: reference_2021.build_statuses("2021-10")


def refused(call):
    def run():
        try:
            call()
        except InputError:
            return
        raise AssertionError("not refused")
    return run


def jsonstat_25m_cells():
    cats = {f"K{i}": i for i in range(5000)}
    payload = {"version": "2.0", "class": "dataset", "id": ["Alue", "Vuosi", "Tiedot"], "size": [5000, 5000, 1],
               "role": {"geo": ["Alue"], "time": ["Vuosi"], "metric": ["Tiedot"]},
               "dimension": {"Alue": {"category": {"index": cats}}, "Vuosi": {"category": {"index": cats}},
                             "Tiedot": {"category": {"index": {"vaesto": 0}}}},
               "value": {"0": 1}}
    path = Path(tempfile.mkdtemp()) / "px.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return refused(lambda: indicator_actions.parse_file(path))


def xlsx_too_many_parts():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for n in range(3000):
            archive.writestr(f"xl/part{n}.xml", "")
    data = buffer.getvalue()
    return refused(lambda: list(iter_sheet_rows(open_workbook_safely(data, name="x.xlsx"), name="x.xlsx")))


def huge_exponent():
    return refused(lambda: parse_int("1e120000", "f", 2, "c"))


CASES = [  # (name, setup, goal in seconds)
    ("readiness figures, 1 000 tasks × 300 regions", readiness_1000_tasks_300_regions, 2.0),
    ("readiness 10/2021 reference statuses", readiness_reference_statuses, 2.0),
    ("JSON-stat of 25 M cells refused", jsonstat_25m_cells, 2.0),
    ("XLSX with 3 000 parts refused", xlsx_too_many_parts, 2.0),
    ("integer 1e120000 refused", huge_exponent, 0.05),
]


def main():
    missed = 0
    for name, setup, goal in CASES:
        run = setup()
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - started)
        ok = best < goal
        missed += not ok
        print(f"{'ok  ' if ok else 'MISS'} {name}: {best * 1000:.1f} ms (goal {goal * 1000:.0f} ms)")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
