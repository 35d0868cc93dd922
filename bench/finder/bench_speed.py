"""Finder answer time at national scale: 20 000 public services in a database of their own.

21 counties with 15 municipalities each (315 municipalities); half of the services are the counties'
(about 480 each, the social and health services every municipality of the county reaches), half the
municipalities' (about 32 each); names from the demo catalogue's service names with a number. Each
query of bench/finder/queries.tsv runs `catalogue.finder.find()` (the whole answer: the database
reads, the ranking, points, contacts, general contacts, interfaces) for a municipality; one warm-up
round first (Voikko's analyses are cached per text), then three timed rounds; median and 95th
percentile are printed. The database is a new SQLite file under /tmp (removed afterwards).

    .venv/bin/python bench/finder/bench_speed.py
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
_db = Path(tempfile.mkdtemp(prefix="finder-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{_db}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.core.management import call_command
from django.utils import translation

from yhdyspinta.catalogue import templates_data
from yhdyspinta.catalogue.finder import find
from yhdyspinta.catalogue.models import Service
from yhdyspinta.organisations.models import Organisation, OrganisationKind

TOTAL = 20_000


def build():
    call_command("migrate", verbosity=0, interactive=False)
    names = {}
    for template in templates_data.TEMPLATES:
        for s in template["services"]:
            names.setdefault(s["key"], s)
    names = list(names.values())
    counties, municipalities = [], []
    for c in range(21):
        county = Organisation.objects.create(kind=OrganisationKind.COUNTY, code=f"{c + 1:02d}",
                                             name=f"Hyvinvointialue {c + 1}", name_fi=f"Hyvinvointialue {c + 1}")
        counties.append(county)
        for m in range(15):
            name = f"Kunta {c + 1}-{m + 1}"
            municipalities.append(Organisation.objects.create(
                kind=OrganisationKind.MUNICIPALITY, code=f"{c * 15 + m:03d}", name=name, name_fi=name, area=county))
    owners = counties + municipalities
    rows = []
    for i in range(TOTAL):
        org = counties[i % len(counties)] if i % 2 == 0 else municipalities[i % len(municipalities)]
        s = names[i % len(names)]
        rows.append(Service(organisation=org, field=s["field"], name=f"{s['name_fi']} {i}",
                            name_fi=f"{s['name_fi']} {i}", name_sv=f"{s['name_sv']} {i}",
                            name_en=f"{s['name_en']} {i}", visibility="public"))
    Service.objects.bulk_create(rows, batch_size=2000)
    return municipalities, len(owners)


def main(profile=False):
    municipalities, owners = build()
    queries = [line.split("\t")[:2] for line in (Path(__file__).parent / "queries.tsv").read_text("utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    target = municipalities[len(municipalities) // 2]
    reached = Service.objects.filter(organisation__in=[target.pk, target.area_id]).count()
    if profile:
        import cProfile

        find(target, "lastensuojelu")
        cProfile.runctx("find(target, 'kotihoito')", globals(), locals(), sort="cumulative")
        return
    times = []
    for round_ in range(4):
        for lang, q in queries:
            with translation.override(lang):
                start = time.perf_counter()
                find(target, q)
                if round_:
                    times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{Service.objects.count()} services, {owners} organisations; {reached} reach {target}")
    print(f"find(): {len(times)} answers, median {statistics.median(times):.1f} ms, "
          f"95th percentile {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    try:
        main(profile="--profile" in sys.argv)
    finally:
        shutil.rmtree(_db.parent, ignore_errors=True)
