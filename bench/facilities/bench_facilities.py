"""Times the premises register at national scale (goals: county premises page < 200 ms, a
4 500-lease import < 10 s).

    .venv/bin/python bench/facilities/bench_facilities.py [--seed 1] [--repeats 20]
        [--workdir /tmp/yhdyspinta-bench-facilities] [--database-url sqlite:///… | postgres://…] [--reuse]

Data: `manage.py generate_national --seed S --scale 1 --only facilities` (every county and
municipality, 8 000 buildings, 20 000 premises, 4 500 leases, 2 000 shared uses, 1 000 support
services; illustrative, see yhdyspinta/facilities/synthetic.py).

Timed (Django's test client in this process, DEBUG off; wall clock and this process's CPU time,
the machine is shared), once cold and then --repeats times:
- GET /facilities/premises/?county=<Pirkanmaa> as Pirkanmaa's county coordinator (the county premises page);
- the same as a national reader, and the county's lease list /facilities/?county=<Pirkanmaa>;
- once: POST /facilities/leases/import/ (the app's real import action) of a Finnish CSV
  (semicolons, decimal commas, dd.mm.yyyy, Windows-1252) of 4 500 new leases of Pirkanmaa's
  municipalities to the county, as its coordinator; then the count of imported leases is checked.
Results are printed and written to <workdir>/bench_facilities.json.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _benchlib import bench_users, django_setup, fresh_database, get_ok, manage, timed

PAGE_GOAL_MS = 200
IMPORT_GOAL_S = 10
IMPORT_ROWS = 4500


def generate(url, seed):
    fresh_database(url)
    started = time.perf_counter()
    print(manage(url, "generate_national", "--seed", str(seed), "--scale", "1", "--only", "facilities"), end="")
    print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)


def lease_csv(county, seed) -> bytes:
    """4 500 new leases as a county keeps them: Finnish headers, ';', decimal commas, d.m.yyyy."""
    from yhdyspinta.organisations.models import Organisation

    rng = random.Random(seed)
    members = list(Organisation.objects.filter(kind="municipality", area=county).exclude(pk=county.pk)
                   .order_by("code"))
    lines = [("kunta;rakennus;rakennustunnus;osoite;tila;pinta_ala;vuokranantaja;vuokralainen;sopimusnumero;alkaa;"
             "päättyy;irtisanomisaika_kk;siirtymäkauden_sopimus;pääomavuokra;ylläpitovuokra;indeksiehto;"
             "optio_alkaa;optio_päättyy;optio_viimeistään")]
    for k in range(IMPORT_ROWS):
        m = members[k % len(members)]
        end = 2026 + k % 4
        option = f"1.1.{end + 1};31.12.{end + 1};30.6.{end}" if k % 2 else ";;"
        lines.append(f"{m.code};{m.name_fi} tuonti {k // 3} (bench);;Esimerkkikatu {k % 50}, {m.name_fi};"
                     f"Tila {k};{rng.randint(50, 900)},5;{m.code};{county.code};BENCH-{k:05d};1.1.2023;"
                     f"31.12.{end};{rng.choice((6, 12))};kyllä;{rng.randint(5000, 90000)},00;"
                     f"{rng.randint(2000, 40000)},50;Elinkustannusindeksi;{option}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--workdir", default="/tmp/yhdyspinta-bench-facilities")
    parser.add_argument("--database-url")
    parser.add_argument("--reuse", action="store_true", help="Skip migrate and generation: the database is ready.")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    if not args.reuse:
        generate(url, args.seed)

    django_setup(url)
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from yhdyspinta.facilities.models import Lease, Premise

    counts = {"premises": Premise.objects.count(), "leases": Lease.objects.count()}
    print(f"data: {counts}", flush=True)
    national, coordinator, pirkanmaa = bench_users()
    reader, county_client = Client(), Client()
    reader.force_login(national)
    county_client.force_login(coordinator)

    premises = f"/facilities/premises/?county={pirkanmaa.pk}"
    results = [
        timed(f"GET {premises} (Pirkanmaa coordinator)", get_ok(county_client, premises), args.repeats, PAGE_GOAL_MS),
        timed(f"GET {premises} (national reader)", get_ok(reader, premises), args.repeats, PAGE_GOAL_MS),
        timed(f"GET /facilities/?county={pirkanmaa.pk} (leases, Pirkanmaa coordinator)",
              get_ok(county_client, f"/facilities/?county={pirkanmaa.pk}"), args.repeats, PAGE_GOAL_MS),
    ]
    data = lease_csv(pirkanmaa, args.seed)
    before = Lease.objects.count()
    upload = SimpleUploadedFile("vuokrasopimukset.csv", data, content_type="text/csv")
    started, cpu = time.perf_counter(), time.process_time()
    response = county_client.post("/facilities/leases/import/", {"file": upload, "visibility": "internal"})
    seconds, cpu_s = time.perf_counter() - started, time.process_time() - cpu
    imported = Lease.objects.count() - before
    assert response.status_code == 302 and imported == IMPORT_ROWS, (response.status_code, imported,
                                                                       response.content[-2000:])
    from yhdyspinta.facilities.models import LeaseImport

    run = LeaseImport.objects.latest("at")  # the audit of the bulk path: one run, a row per added record
    logged = run.records.count()
    assert logged == run.buildings + run.premises + run.leases + run.options and run.leases == IMPORT_ROWS, logged
    import_result = {"label": f"POST /facilities/leases/import/ ({IMPORT_ROWS} leases, Finnish CSV)",
                     "seconds": round(seconds, 2), "cpu_seconds": round(cpu_s, 2), "imported": imported,
                     "records_logged": logged, "within_goal": seconds < IMPORT_GOAL_S}
    print(f"  {import_result['label']}: {import_result['seconds']} s (CPU {import_result['cpu_seconds']} s), "
          f"{logged} added records in the change log")
    out = {"goals": {"page_ms": PAGE_GOAL_MS, "import_s": IMPORT_GOAL_S}, "data": counts,
           "database": url.split(":", 1)[0], "results": results, "import": import_result}
    (workdir / "bench_facilities.json").write_text(json.dumps(out, indent=2))
    print(f"written to {workdir / 'bench_facilities.json'}")
    return 0 if all(r["within_goal"] for r in [*results, import_result]) else 1


if __name__ == "__main__":
    sys.exit(main())
