"""Finder answer time at national scale: 20 000 public services in a database of their own.

21 counties with 15 municipalities each (315 municipalities; one is Nokia, one Pietarsaari/Jakobstad);
half of the services are the counties' (about 480 each, the social and health services every
municipality of the county reaches), half the municipalities' (about 32 each); names from the demo
catalogue's service names with a number, the description of the demo template they come from in
fi/sv/en; every municipality has the 15 demo interfaces with its and its county's services. After the
bulk insert `manage.py index_services` stores the search terms (as after a migrate or an import).

Timed, as the finder page does it (`municipality_in_query`, then `find()` for the municipality named
or chosen: the database reads, the ranking, points, contacts, general contacts, interfaces), wall
clock and this process's CPU time (the machine is shared):
- every query of bench/finder/queries.tsv for a municipality: one warm-up round, then three;
- the issue's typical queries "lastensuojelun Nokialla" and "skolkurator Jakobstad", 30 times each;
- the first search of ten municipalities of ten counties with nothing cached in the process (their
  indexes read from the stored terms).
DEBUG is off as in production. The database is a new SQLite file under /tmp (removed afterwards)
unless --database-url names another (e.g. PostgreSQL; its tables are flushed first).

    .venv/bin/python bench/finder/bench_speed.py [--database-url URL] [--profile]
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _benchlib import django_setup

TOTAL = 20_000
TYPICAL = [("fi", "lastensuojelun Nokialla"), ("sv", "skolkurator Jakobstad")]


def build():
    from django.core.management import call_command

    from yhdyspinta.catalogue import templates_data
    from yhdyspinta.catalogue.models import Interface, Service
    from yhdyspinta.organisations.models import Organisation, OrganisationKind

    services, described = {}, {}
    for template in templates_data.TEMPLATES:
        for s in template["services"]:
            services.setdefault(s["key"], s)
            described.setdefault(s["key"], template)
    names = list(services.values())
    counties, municipalities = [], []
    for c in range(21):
        county = Organisation.objects.create(kind=OrganisationKind.COUNTY, code=f"{c + 1:02d}",
                                             name=f"Hyvinvointialue {c + 1}", name_fi=f"Hyvinvointialue {c + 1}")
        counties.append(county)
        for m in range(15):
            fi = sv = f"Kunta {c + 1}-{m + 1}"
            if (c, m) == (5, 7):
                fi = sv = "Nokia"
            elif (c, m) == (14, 3):
                fi, sv = "Pietarsaari", "Jakobstad"
            municipalities.append(Organisation.objects.create(
                kind=OrganisationKind.MUNICIPALITY, code=f"{c * 15 + m:03d}", name=fi, name_fi=fi, name_sv=sv,
                area=county))
    rows = []
    for i in range(TOTAL):
        org = counties[i % len(counties)] if i % 2 == 0 else municipalities[i % len(municipalities)]
        s = names[i % len(names)]
        template = described[s["key"]]
        rows.append(Service(organisation=org, field=s["field"], name=f"{s['name_fi']} {i}",
                            name_fi=f"{s['name_fi']} {i}", name_sv=f"{s['name_sv']} {i}",
                            name_en=f"{s['name_en']} {i}", description_fi=template["description_fi"],
                            description_sv=template["description_sv"], description_en=template["description_en"],
                            visibility="public", source_key=f"bench-{i}"))
    Service.objects.bulk_create(rows, batch_size=2000)
    first = {}  # (organisation, template service key) → a service
    for pk, org, key in Service.objects.values_list("pk", "organisation_id", "source_key"):
        first.setdefault((org, names[int(key[6:]) % len(names)]["key"]), pk)
    interfaces = []
    for muni in municipalities:
        for template in templates_data.TEMPLATES:
            interfaces.append(Interface(
                title=template["title_fi"], title_fi=template["title_fi"], title_sv=template["title_sv"],
                title_en=template["title_en"], summary_fi=template["description_fi"],
                summary_sv=template["description_sv"], summary_en=template["description_en"],
                theme=template["theme"], client_group=template["client_group"], area_id=muni.area_id,
                visibility="public"))
    Interface.objects.bulk_create(interfaces, batch_size=2000)
    made = list(Interface.objects.order_by("pk").values_list("pk", flat=True))
    parties, links = [], []
    for n, pk in enumerate(made):
        muni = municipalities[n // len(templates_data.TEMPLATES)]
        template = templates_data.TEMPLATES[n % len(templates_data.TEMPLATES)]
        parties += [Interface.parties.through(interface_id=pk, organisation_id=o) for o in (muni.pk, muni.area_id)]
        linked = {first.get((o, s["key"])) for s in template["services"] for o in (muni.pk, muni.area_id)}
        links += [Interface.services.through(interface_id=pk, service_id=s) for s in linked if s]
    Interface.parties.through.objects.bulk_create(parties, batch_size=5000)
    Interface.services.through.objects.bulk_create(links, batch_size=5000)
    started = time.perf_counter()
    call_command("index_services", verbosity=0)
    print(f"index_services: {time.perf_counter() - started:.1f} s")
    return municipalities, len(counties) + len(municipalities)


def figures(label, walls, cpus):
    walls, cpus = sorted(walls), sorted(cpus)
    print(f"{label}: {len(walls)} answers, median {statistics.median(walls):.1f} ms "
          f"(CPU {statistics.median(cpus):.1f} ms), 95th percentile {walls[int(len(walls) * 0.95)]:.1f} ms "
          f"(CPU {cpus[int(len(cpus) * 0.95)]:.1f} ms), max {walls[-1]:.1f} ms", flush=True)


def main(url, profile=False):
    django_setup(url, migrate=True)
    from django.core.management import call_command
    from django.utils import translation

    from yhdyspinta.catalogue import search_index
    from yhdyspinta.catalogue.finder import find, municipality_in_query
    from yhdyspinta.catalogue.models import Service

    if not url.startswith("sqlite"):
        call_command("flush", interactive=False, verbosity=0)
    municipalities, owners = build()
    queries = [line.split("\t")[:2] for line in (Path(__file__).parent / "queries.tsv").read_text("utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    target = municipalities[len(municipalities) // 2]
    reached = Service.objects.filter(organisation__in=[target.pk, target.area_id]).count()
    print(f"{Service.objects.count()} services, {owners} organisations; {reached} reach {target}", flush=True)

    def search(lang, q, municipality=target):
        """The finder page's work: the place the query names, then the answer for it."""
        with translation.override(lang):
            started, cpu = time.perf_counter(), time.process_time()
            named = municipality_in_query(q)
            find(named or municipality, q)
            return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000

    if profile:
        import cProfile
        import pstats

        for lang, q in queries:
            search(lang, q)
        profiler = cProfile.Profile()
        profiler.enable()
        for lang, q in queries:
            search(lang, q)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return

    cold = [search("fi", "lastensuojelu", municipalities[c * 15 + 2]) for c in range(0, 20, 2)]
    figures("first search of a municipality (nothing cached)", *zip(*cold))
    walls, cpus = [], []
    for round_ in range(4):
        for lang, q in queries:
            wall, cpu = search(lang, q)
            if round_:
                walls.append(wall)
                cpus.append(cpu)
    figures(f"{len(queries)} bench queries × 3", walls, cpus)
    for lang, q in TYPICAL:
        search(lang, q)
        figures(f"{q!r} ({lang})", *zip(*[search(lang, q) for _ in range(30)]))
    search_index.forget()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="another database than a new SQLite file (flushed first)")
    parser.add_argument("--profile", action="store_true", help="cProfile one round of the bench queries")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="finder-bench-"))
    try:
        main(args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}", profile=args.profile)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
