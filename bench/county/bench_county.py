"""Times two county-scale pages of issue 15 at national scale: a municipality's overview page
(goal < 200 ms) and the minutes PDF of a 20-item meeting (goal < 1 s).

    .venv/bin/python bench/county/bench_county.py [--repeats 20] [--workdir /tmp/yhdyspinta-bench-county]
        [--source /tmp/yhdyspinta-bench-mywork/bench.sqlite3] [--scale 1] [--reuse]

Data: the national data of `bench/mywork/bench_mywork.py` (`generate_national --only users
catalogue cooperation` at --scale, the statutory duties, a national roadmap with 150 000 statuses,
a mapping round per county with answers, 200 000 change-log entries): copied from --source when it
exists (then migrated), else built the same way. Added here, once (marked "(bench)"): a meeting of
one of the county's forums with 20 agenda items, a decision and a follow-up action on each, and
eight attendees with roles and two minute checkers.

Timed in this process through Django's test client (DEBUG off, templates cached), once cold and
then --repeats times: GET /organisations/<id>/overview/ of the municipality with the most
interfaces, as the county coordinator, as the municipality's editor and anonymously; GET
/cooperation/meetings/<id>/minutes.pdf as the coordinator (WeasyPrint, tagged PDF). Wall clock and
this process's CPU time (the machine is shared). Results: printed and <workdir>/bench_county.json.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
from datetime import date, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _benchlib import ROOT, django_setup, manage, measure, national_data

sys.path.insert(0, str(ROOT / "bench" / "mywork"))
OVERVIEW_GOAL_MS, MINUTES_GOAL_MS = 200, 1000


def prepare(url: str, source: Path, scale: float, reuse: bool):

    target = Path(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else None
    if reuse:
        pass
    elif target is not None and source.exists():
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, target)
    else:
        national_data(url, scale, 1)
    manage(url, "migrate", "--no-input", "-v0")


def the_meeting(county, actor):
    """A 20-item meeting of a forum of the county with decisions, actions and attendance."""
    from django.db import transaction

    from yhdyspinta.cooperation.models import Meeting

    found = Meeting.objects.filter(place="Valtuustosali (bench)").first()
    if found is not None:
        return found
    with transaction.atomic():
        return _make_meeting(county, actor)


def _make_meeting(county, actor):
    from django.utils import timezone

    from yhdyspinta.cooperation import actions
    from yhdyspinta.cooperation.models import AgendaItem, Decision, FollowUpAction, Forum, Meeting
    from yhdyspinta.organisations.models import Person

    forum = Forum.objects.filter(area=county).order_by("pk").first()
    people = list(Person.objects.filter(organisation=county).order_by("pk")[:8])
    people += [Person.objects.create(first_name=f"Jäsen {k}", last_name="(bench)", organisation=county,
                                     visibility="internal") for k in range(8 - len(people))]
    meeting = Meeting.objects.create(forum=forum, starts_at=timezone.now() - timedelta(days=1),
                                     place="Valtuustosali (bench)", visibility="internal")
    for number in range(1, 21):
        item = AgendaItem.objects.create(meeting=meeting, number=number, title=f"Asia {number}: yhteistyön kehittäminen",
                                         body="Esittely. " * 60, body_visibility="public")
        decision = Decision.objects.create(item=item, meeting=meeting, resolution="passed",
                                           text="Hyväksyttiin esityksen mukaisesti. " * 5)
        FollowUpAction.objects.create(decision=decision, title=f"Toimeenpano {number}", owner=people[number % 8],
                                      deadline=date.today() + timedelta(days=30 + number))
    roles = ["chair", "secretary", "member", "member", "member", "member", "expert", "absent"]
    actions.set_attendance(meeting, [(p, r, k in (2, 3)) for k, (p, r) in enumerate(zip(people, roles))], actor=actor)
    return meeting


def timed(client, path, repeats):
    run = measure(partial(client.get, path), repeats)
    response, cold, walls, cpus = run["first"], run["cold"], run["walls"], run["cpus"]
    assert response.status_code == 200, (path, response.status_code)
    return response, {"cold_ms": round(cold[0] * 1000), "median_ms": round(statistics.median(walls) * 1000),
                      "best_ms": round(min(walls) * 1000), "cpu_median_ms": round(statistics.median(cpus) * 1000)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--workdir", default="/tmp/yhdyspinta-bench-county")
    parser.add_argument("--source", default="/tmp/yhdyspinta-bench-mywork/bench.sqlite3")
    parser.add_argument("--database-url")
    parser.add_argument("--reuse", action="store_true", help="The workdir's database is ready (migrated).")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    if not args.reuse:
        prepare(url, Path(args.source), args.scale, args.reuse)
    django_setup(url)
    from bench_mywork import pick_user
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from yhdyspinta.accounts.models import Membership
    from yhdyspinta.organisations.models import Organisation

    coordinator = pick_user(Membership, "county_coordinator", organisation__organises_sote=True,
                            organisation__kind="county")
    county = coordinator.memberships.get().organisation
    municipality = (Organisation.objects.filter(area=county, kind="municipality")
                    .annotate(n=Count("catalogue_interfaces")).order_by("-n", "pk").first())
    editor = (Membership.objects.filter(organisation=municipality, role="editor").select_related("user").first()
              or Membership.objects.create(organisation=municipality, role="editor",
                                           user=Membership.objects.filter(role="viewer").first().user)).user
    meeting = the_meeting(county, coordinator)
    result = {"database": url.split(":", 1)[0], "municipality": municipality.name, "overview": {}}
    ok = True
    path = f"/organisations/{municipality.pk}/overview/"
    for name, user in (("county coordinator", coordinator), ("municipal editor", editor), ("anonymous", None)):
        client = Client()
        if user is not None:
            client.force_login(user)
        _response, figures = timed(client, path, args.repeats)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        figures["queries"] = len(queries.captured_queries)
        result["overview"][name] = figures
        ok = ok and figures["median_ms"] < OVERVIEW_GOAL_MS
        print(f"overview of {municipality.name} as {name}: {figures}", flush=True)
    client = Client()
    client.force_login(coordinator)
    pdf_path = f"/cooperation/meetings/{meeting.pk}/minutes.pdf"
    response, figures = timed(client, pdf_path, max(3, args.repeats // 4))
    assert response["Content-Type"] == "application/pdf"
    figures["bytes"] = len(response.content)
    figures["agenda_items"] = meeting.items.count() if hasattr(meeting, "items") else 20
    result["minutes_pdf"] = figures
    ok = ok and figures["median_ms"] < MINUTES_GOAL_MS
    print(f"minutes PDF of a 20-item meeting: {figures}", flush=True)
    result["load_average"] = os.getloadavg()
    print(json.dumps(result, indent=2), flush=True)
    (workdir / "bench_county.json").write_text(json.dumps(result, indent=2))
    print("OK" if ok else "MISSED", f"goals: overview < {OVERVIEW_GOAL_MS} ms, minutes PDF < {MINUTES_GOAL_MS} ms"
          " (medians)", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
