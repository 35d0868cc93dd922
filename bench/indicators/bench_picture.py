"""Benchmark: the situational picture over many stored values, and a 1 000 000-value import.

    DEBUG=1 .venv/bin/python bench/indicators/bench_picture.py                 # full: 300 × 330 × 25 × 2
    DEBUG=1 .venv/bin/python bench/indicators/bench_picture.py --scale 0.2     # fewer indicators (5M × 0.2)
    DATABASE_URL=postgres://... .venv/bin/python bench/indicators/bench_picture.py   # PostgreSQL

Uses its own database (default: SQLite file /tmp/yhdyspinta_bench_indicators.sqlite3, rebuilt each
run), never the development one. Goals: picture of a county with 30 indicators < 300 ms,
import of 1 000 000 values < 60 s. Prints one line per measurement (docs/indicators.md).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _benchlib import django_setup


def build_regions():
    """One country, 22 organising areas, 307 municipalities (30 in the benchmarked county) = 330."""
    from yhdyspinta.indicators.actions import country
    from yhdyspinta.organisations.models import Organisation

    Organisation.objects.all().delete()
    whole = country()
    counties = []
    for n in range(1, 23):
        c = Organisation.objects.create(kind="county", code=f"{n:02d}", name=f"Alue {n}", name_fi=f"Alue {n}",
                                        organises_sote=True, area_code=f"{n:02d}")
        c.area = c
        c.save()
        counties.append(c)
    municipalities = []
    for n in range(307):
        area = counties[0] if n < 30 else counties[1 + n % 21]
        municipalities.append(Organisation(kind="municipality", code=f"{n + 1:03d}", name=f"Kunta {n + 1}",
                                           name_fi=f"Kunta {n + 1}", area=area))
    Organisation.objects.bulk_create(municipalities)
    regions = [whole.pk] + [c.pk for c in counties] + list(
        Organisation.objects.filter(kind="municipality").values_list("pk", flat=True))
    return counties[0], regions


def fill(indicator_count, regions, years, sexes):
    from django.db import connection, transaction

    from yhdyspinta.indicators.models import Indicator, IndicatorValue

    Indicator.objects.bulk_create(
        Indicator(source="sotkanet", source_id=str(n + 1), title=f"Indikaattori {n + 1}",
                  title_fi=f"Indikaattori {n + 1}", decimals=1) for n in range(indicator_count))
    ids = list(Indicator.objects.order_by("pk").values_list("pk", flat=True))
    table = IndicatorValue._meta.db_table
    rows = ((i, r, y, s, float((i * 7 + r * 3 + y) % 1000) / 10, None)
            for i in ids for r in regions for y in years for s in sexes)
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as wrapper, wrapper.cursor.copy(
                f"COPY {table} (indicator_id, region_id, year, sex, value, abs_value) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        rows = ()
    with transaction.atomic(), connection.cursor() as cursor:
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == 50000:
                cursor.executemany(f"INSERT INTO {table} (indicator_id, region_id, year, sex, value, abs_value) "
                                   "VALUES (%s, %s, %s, %s, %s, %s)", batch)
                batch = []
        if batch:
            cursor.executemany(f"INSERT INTO {table} (indicator_id, region_id, year, sex, value, abs_value) "
                               "VALUES (%s, %s, %s, %s, %s, %s)", batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return ids, time.perf_counter() - started


def time_picture(county, indicator_ids, runs=7):
    from django.test import Client
    from django.test.utils import setup_test_environment

    from yhdyspinta.indicators.models import IndicatorSet

    setup_test_environment()
    followed = IndicatorSet.objects.create(organisation=county, name="Bench", name_fi="Bench", followed=True)
    followed.indicators.set(indicator_ids[:30])
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    url = f"/indicators/picture/{county.pk}/"
    assert client.get(url, HTTP_HOST="localhost").status_code == 200  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return statistics.median(times), min(times), max(times), len(response.content)


def time_import(values, regions_count):
    """A long CSV of `values` rows for new indicators, imported through the real importer."""
    from django.db import connection

    from yhdyspinta.indicators import actions
    from yhdyspinta.indicators.models import Indicator
    from yhdyspinta.organisations.models import Organisation

    per_indicator = regions_count * 25 * 2
    count = -(-values // per_indicator)
    Indicator.objects.bulk_create(Indicator(source="statfin", source_id=f"imp{n}", title=f"Tuonti {n}",
                                            title_fi=f"Tuonti {n}") for n in range(count))
    codes = [("MAA", "SSS")] + [("HYVINVOINTIALUE", c) for c in Organisation.objects.filter(
        kind="county").values_list("code", flat=True)] + [("KUNTA", c) for c in Organisation.objects.filter(
            kind="municipality").values_list("code", flat=True)]
    path = Path(tempfile.gettempdir()) / "yhdyspinta_bench_import.csv"
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("indicator_id;region_code;region_category;year;sex;value;abs_value\n")
        for n in range(count):
            for cat, code in codes:
                for year in range(2000, 2025):
                    for sex in ("male", "female"):
                        if written == values:
                            break
                        out.write(f"statfin:imp{n};{code};{cat};{year};{sex};{(n + year) % 97},5;\n")
                        written += 1
    started = time.perf_counter()
    summary = actions.import_file(path)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = actions.import_file(path)
    second = time.perf_counter() - started
    path.unlink()
    assert summary.created == written and again.unchanged == written, (summary, again)
    return written, first, second, connection.vendor


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 300 indicators to store")
    parser.add_argument("--import-values", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="keep the stored values of an earlier run")
    parser.add_argument("--db", default=os.environ.get(
        "DATABASE_URL", f"sqlite:///{Path(tempfile.gettempdir()) / 'yhdyspinta_bench_indicators.sqlite3'}"))
    args = parser.parse_args()
    if args.db.startswith("sqlite:///") and not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(args.db[len("sqlite:///"):] + suffix).unlink(missing_ok=True)
    django_setup(args.db, migrate=True)
    from django.db import connection

    from yhdyspinta.indicators.models import Indicator, IndicatorSet, IndicatorValue
    from yhdyspinta.organisations.models import Organisation

    if args.reuse and IndicatorValue.objects.exists():
        # an earlier run's imported values: raw delete (a cascade would write an audit entry per value)
        IndicatorValue.objects.filter(indicator__source="statfin")._raw_delete(IndicatorValue.objects.db)
        Indicator.objects.filter(source="statfin").delete()
        IndicatorSet.objects.all().delete()
        county = Organisation.objects.get(kind="county", code="01")
        ids = list(Indicator.objects.order_by("pk").values_list("pk", flat=True))
        regions = list(Organisation.objects.values_list("pk", flat=True))
        stored = IndicatorValue.objects.count()
        print(f"reusing {stored:,} stored values on {connection.vendor}")
    else:
        county, regions = build_regions()
        indicators = max(30, round(300 * args.scale))
        ids, fill_seconds = fill(indicators, regions, range(2000, 2025), ("total", "male"))
        stored = indicators * len(regions) * 25 * 2
        print(f"stored {stored:,} values ({indicators} indicators × {len(regions)} regions × 25 years × 2 sexes) "
              f"in {fill_seconds:.1f} s on {connection.vendor}")
    median, low, high, size = time_picture(county, ids)
    print(f"situational picture, 30 indicators, county with 30 municipalities: median {median:.0f} ms "
          f"(min {low:.0f}, max {high:.0f}; {size:,} bytes)")
    written, first, second, vendor = time_import(args.import_values, len(regions))
    print(f"import of {written:,} values (long CSV) into {stored:,}: {first:.1f} s; "
          f"re-import (all unchanged): {second:.1f} s on {vendor}")


if __name__ == "__main__":
    main()
