"""Times the proximity check of student welfare at national scale (goal: < 200 ms).

    .venv/bin/python bench/proximity/bench_proximity.py [--seed 1] [--repeats 20] [--schools-per 2000]
        [--workdir /tmp/yhdyspinta-bench-proximity] [--database-url sqlite:///… | postgres://…] [--reuse]

Data (built here, in its own function `national_schools`, separate from the facilities/transfers
national generator): the shipped organisations (every county and municipality), then for every
municipality one basic-education school per --schools-per inhabitants (at least one), a general
upper-secondary school per 15 000 and a vocational unit per 40 000 (about 3 300 schools at the
2021 populations), each a unit of its municipality with a pupil count; school health care on site
in 95 % of the schools, a curator in 80 %, a psychologist in 60 % (0.5–5 days a week), a third of
them in a recorded premise of the school's building. Deterministic from --seed; illustrative.

Timed (Django's test client in this process, DEBUG off; wall clock and this process's CPU time,
the machine is shared), once cold and then --repeats times:
- `queries.school_rows` + `proximity.missing` for every kind, national reader (all schools);
- GET /facilities/schools/check/ as a national reader (every school of the country);
- GET /api/v1/facilities/schools/proximity/ as a national reader;
- GET /facilities/schools/county/<Pirkanmaa>/ as Pirkanmaa's county coordinator.
Results are printed and written to <workdir>/bench_proximity.json.
"""

import argparse
import json
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _benchlib import bench_users, django_setup, fresh_database, get_ok, timed

GOAL_MS = 200
MARK = "(bench)"


def national_schools(seed: int, schools_per: int) -> dict:
    """Schools and their on-site student-welfare services for every municipality (idempotent:
    nothing is added when bench schools exist). Returns {label: count}."""
    from django.db import transaction

    from yhdyspinta.facilities.models import Building, Premise, School, WelfareService
    from yhdyspinta.organisations.models import Organisation, Unit
    from yhdyspinta.organisations.reference import load_reference_data

    if not Organisation.objects.filter(kind="municipality").exists():
        load_reference_data()
    if School.objects.filter(unit__name_fi__endswith=MARK).exists():
        return {"schools": School.objects.count(), "services": WelfareService.objects.count()}
    rng = random.Random(seed)
    municipalities = list(Organisation.objects.filter(kind="municipality", area__isnull=False).order_by("code"))
    plan = []  # (municipality, name, level)
    for m in municipalities:
        people = m.population or 0
        plan += [(m, f"{m.name_fi} koulu {k + 1} {MARK}", "basic") for k in range(max(1, people // schools_per))]
        plan += [(m, f"{m.name_fi} lukio {k + 1} {MARK}", "general_upper_secondary") for k in range(people // 15000)]
        plan += [(m, f"{m.name_fi} ammattiopisto {k + 1} {MARK}", "vocational") for k in range(people // 40000)]
    with transaction.atomic():
        units = Unit.objects.bulk_create([Unit(organisation=m, name=n, name_fi=n) for m, n, _level in plan],
                                         batch_size=2000)
        schools = School.objects.bulk_create([
            School(unit=u, municipality=m, level=level, pupils=rng.randint(20, 900), visibility="public")
            for u, (m, _n, level) in zip(units, plan, strict=True)], batch_size=2000)
        with_room = [s for s in schools if rng.random() < 1 / 3]
        buildings = Building.objects.bulk_create([
            Building(name=f"Koulurakennus {s.pk} {MARK}", owner_id=s.municipality_id, municipality_id=s.municipality_id,
                     use="school", visibility="public") for s in with_room], batch_size=2000)
        premises = Premise.objects.bulk_create([
            Premise(building=b, name="Oppilashuollon tilat", use="health", visibility="public") for b in buildings],
            batch_size=2000)
        room = {s.pk: p for s, p in zip(with_room, premises, strict=True)}
        areas = dict(Organisation.objects.filter(kind="municipality").values_list("pk", "area_id"))
        services = []
        for s in schools:
            for kind, share in (("health", 0.95), ("curator", 0.8), ("psychologist", 0.6)):
                if rng.random() < share:
                    services.append(WelfareService(school=s, kind=kind, provider_id=areas[s.municipality_id],
                                                   days_per_week=Decimal(rng.randint(1, 10)) / 2,
                                                   premise=room.get(s.pk)))
        WelfareService.objects.bulk_create(services, batch_size=5000)
    return {"schools": len(schools), "services": len(services), "premises": len(premises)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--schools-per", type=int, default=2000, help="inhabitants per basic-education school")
    parser.add_argument("--workdir", default="/tmp/yhdyspinta-bench-proximity")
    parser.add_argument("--database-url")
    parser.add_argument("--reuse", action="store_true", help="Skip migrate: the workdir's database is ready.")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    if not args.reuse:
        fresh_database(url)

    django_setup(url)
    from django.test import Client

    from yhdyspinta.facilities.proximity import KINDS, missing
    from yhdyspinta.facilities.queries import school_rows

    started = time.perf_counter()
    counts = national_schools(args.seed, args.schools_per)
    print(f"data: {counts} in {time.perf_counter() - started:.1f} s", flush=True)
    national, coordinator, pirkanmaa = bench_users()
    reader, county_client = Client(), Client()
    reader.force_login(national)
    county_client.force_login(coordinator)

    def check_only():
        rows = school_rows(national)
        return [missing(rows, kind) for kind in KINDS]

    results = [
        timed("school_rows + missing (national reader, all schools)", check_only, args.repeats, GOAL_MS),
        timed("GET /facilities/schools/check/ (national reader)", get_ok(reader, "/facilities/schools/check/"),
              args.repeats, GOAL_MS),
        timed("GET /api/v1/facilities/schools/proximity/ (national reader)",
              get_ok(reader, "/api/v1/facilities/schools/proximity/"), args.repeats, GOAL_MS),
        timed(f"GET /facilities/schools/county/{pirkanmaa.pk}/ (Pirkanmaa coordinator)",
              get_ok(county_client, f"/facilities/schools/county/{pirkanmaa.pk}/"), args.repeats, GOAL_MS),
    ]
    out = {"goal_ms": GOAL_MS, "data": counts, "database": url.split(":", 1)[0], "results": results}
    (workdir / "bench_proximity.json").write_text(json.dumps(out, indent=2))
    print(f"written to {workdir / 'bench_proximity.json'}")
    return 0 if all(r["within_goal"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
