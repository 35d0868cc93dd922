"""Times the daily reminder job at national scale and proves it sends no duplicates.

    .venv/bin/python bench/notifications/bench_reminders.py [--scale 1] [--seed 1]
        [--workdir /tmp/yhdyspinta-bench-notifications] [--database-url sqlite:///… | postgres://…]

Data: `generate_national --only users catalogue cooperation` (20 000 users, 10 000 interfaces,
2 000 forums, 50 000 meetings, 5 000 agreements at --scale 1), then what that command does not
make, built here: the national roadmap's 300 reporting regions and 24 periods (its status reports
are left out: the job never reads them), the statutory duties of every county (the shipped rules),
one open mapping round per county closing in 7 days, 5 000 follow-up actions owned by people
with accounts (2 000 overdue), and reminder dates due on 10 % of the agreements. One user in ten
reads Swedish.

Timed (wall clock, and the CPU time of this process and of its sending processes, since the
machine is shared): `produce_due(now)` (every scheduled producer) and `send_due_in(--processes,
now)` (immediate e-mails; `run_notifications --processes N`), then the next morning's digests
(the same at the digest hour), with DEBUG off as in production, through a recording e-mail
backend (each message is built and serialised as for SMTP, and its recipient and Message-ID are
appended to a file; the SMTP round trip is the relay's, not ours). Then the whole job runs again
the same day and must produce and send nothing. Duplicates: every (recipient, Message-ID) is
counted once and every notification occasion once per recipient. Results are printed and
written to <workdir>/bench_reminders.json; exit status 1 on a duplicate or a second run that
sends anything.
"""

import argparse
import json
import os
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _benchlib import django_setup, national_data


def add_the_rest(now, scale: float):
    """The records generate_national does not make, relative to the benchmark's `now`."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from yhdyspinta.accounts.models import Membership, Role, User
    from yhdyspinta.catalogue.models import MappingRound
    from yhdyspinta.cooperation.models import Agreement, Decision, FollowUpAction
    from yhdyspinta.organisations.models import Organisation, Person
    from yhdyspinta.readiness.models import Period, ReportingRegion, Roadmap

    rng = random.Random(1)
    today = timezone.localdate(now)
    with transaction.atomic():
        User.objects.filter(pk__in=User.objects.filter(pk__in=list(
            User.objects.values_list("pk", flat=True)[::10]))).update(language="sv")
        counties = list(Organisation.objects.organising_areas())
        orgs = list(Organisation.objects.filter(pk__in=Membership.objects.values("organisation_id"))
                    .order_by("pk")[:300])
        roadmap = Roadmap.objects.create(name="Kansallinen tiekartta (benchmark)", owner=counties[0],
                                         target_date=today + timedelta(days=365), visibility="public")
        ReportingRegion.objects.bulk_create([ReportingRegion(roadmap=roadmap, organisation=o, order=k)
                                             for k, o in enumerate(orgs)])
        month_end = (today.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        ends = [month_end - timedelta(days=30 * k) for k in range(23, 0, -1)] + [today + timedelta(days=2)]
        Period.objects.bulk_create([Period(roadmap=roadmap, code=f"b{k:02d}", end_date=d, progress_end=d,
                                           closed=d < today) for k, d in enumerate(ends)])
        for county in counties:
            MappingRound.objects.create(area=county, title=f"Kartoitus {county.name}", opens_on=today - timedelta(
                days=20), closes_on=today + timedelta(days=7), visibility="internal")
        agreements = list(Agreement.objects.order_by("pk").values_list("pk", flat=True))
        Agreement.objects.filter(pk__in=agreements[::10]).update(valid_until=today + timedelta(days=30),
                                                                 notice_months=None, renewal_date=None,
                                                                 reminder_days=60)
        writers = list(Membership.objects.filter(role__in=(Role.EDITOR, Role.ORG_ADMIN)).select_related("user")
                       .order_by("pk")[:max(50, round(5000 * scale))])
        people = Person.objects.bulk_create([
            Person(first_name="Testi", last_name=m.user.last_name, organisation_id=m.organisation_id,
                   email=m.user.email, user=m.user, visibility="internal") for m in writers])
        decisions = list(Decision.objects.order_by("pk").values_list("pk", flat=True)[:len(people)])
        FollowUpAction.objects.bulk_create([
            FollowUpAction(decision_id=d, title=f"Toimenpide {k}", owner=p,
                           deadline=today - timedelta(days=rng.randint(1, 30)) if k % 5 < 2
                           else today + timedelta(days=rng.randint(1, 90)))
            for k, (d, p) in enumerate(zip(decisions, people, strict=False))])


class RecordingBackend:
    """An e-mail backend that serialises each message as SMTP would and records (to, Message-ID)
    in the file $BENCH_OUTBOX, from every sending process."""

    def __init__(self, fail_silently=False, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        with open(os.environ["BENCH_OUTBOX"], "a", encoding="utf-8") as out:
            for message in messages:
                message.message().as_bytes()
                out.write(f"{','.join(message.to)}\t{message.extra_headers.get('Message-ID')}\n")
        return len(messages)


def cpu_with_children() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default="/tmp/yhdyspinta-bench-notifications")
    parser.add_argument("--database-url")
    parser.add_argument("--reuse", action="store_true", help="Skip building: the workdir's database is ready.")
    parser.add_argument("--processes", type=int, default=1, help="Sending processes (run_notifications --processes).")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    tz = ZoneInfo("Europe/Helsinki")
    if not args.reuse:
        national_data(url, args.scale, args.seed)

    outbox = workdir / "outbox.txt"
    django_setup(url, EMAIL_BACKEND="__main__.RecordingBackend", BENCH_OUTBOX=str(outbox))
    from django.db.models import Count

    from yhdyspinta.accounts.models import User
    from yhdyspinta.cooperation.models import Duty
    from yhdyspinta.notifications.models import Notification
    from yhdyspinta.notifications.producers import next_digest_time, produce_due
    from yhdyspinta.notifications.sender import send_due_in

    # "now": a week before the most common due date of the duties, at 06:00, so duties fall due too
    common_due = Counter(Duty.objects.filter(due_date__year__in=(2026, 2027)).values_list("due_date", flat=True)
                         ).most_common(1)[0][0]
    now = datetime.combine(common_due - timedelta(days=7), datetime.min.time(), tz).replace(hour=6)
    if not args.reuse:
        started = time.perf_counter()
        add_the_rest(now, args.scale)
        print(f"  the rest of the data: {time.perf_counter() - started:.0f} s", flush=True)
    Notification.objects.all().delete()
    outbox.write_text("")

    volumes = {"users": User.objects.count(), "duties": Duty.objects.count()}
    for label, model in (("meetings", "cooperation.Meeting"), ("agreements", "cooperation.Agreement"),
                         ("interfaces", "catalogue.Interface"), ("follow-up actions", "cooperation.FollowUpAction"),
                         ("reporting regions", "readiness.ReportingRegion"), ("periods", "readiness.Period")):
        from django.apps import apps

        volumes[label] = apps.get_model(model).objects.count()
    print("volumes:", volumes, flush=True)

    cpu = cpu_with_children()
    started = time.perf_counter()
    produced = produce_due(now)
    t_produce = time.perf_counter() - started
    started = time.perf_counter()
    sent = send_due_in(args.processes, now)
    t_send = time.perf_counter() - started
    started = time.perf_counter()
    digests = send_due_in(args.processes, next_digest_time(now))
    t_digest = time.perf_counter() - started
    total = t_produce + t_send + t_digest
    cpu = cpu_with_children() - cpu
    messages = outbox.read_text().splitlines()

    again_started = time.perf_counter()
    produced_again = produce_due(now + timedelta(hours=1))
    sent_again = send_due_in(args.processes, now + timedelta(hours=1))
    t_again = time.perf_counter() - again_started

    per_message = Counter(messages)
    per_occasion = Notification.objects.values("recipient", "kind", "occasion").annotate(n=Count("pk")).filter(n__gt=1)
    duplicates = sum(n - 1 for n in per_message.values() if n > 1) + per_occasion.count()
    unsent = Notification.objects.exclude(status="sent").count()
    result = {
        "database": url.split(":", 1)[0], "scale": args.scale, "processes": args.processes, "now": now.isoformat(),
        "volumes": volumes,
        "produced": produced, "rows": Notification.objects.count(), "sent": sent, "digests": digests,
        "emails": len(messages), "seconds": {"produce": round(t_produce, 1), "send": round(t_send, 1),
                                             "digests": round(t_digest, 1), "total": round(total, 1),
                                             "total_cpu": round(cpu, 1),
                                             "second_run_same_day": round(t_again, 1)},
        "second_run": {"produced": produced_again, "sent": sent_again}, "duplicates": duplicates,
        "not_sent": unsent, "load_average": os.getloadavg(),
    }
    print(json.dumps(result, indent=2), flush=True)
    (workdir / "bench_reminders.json").write_text(json.dumps(result, indent=2))
    ok = duplicates == 0 and unsent == 0 and not any(produced_again.values()) and not any(sent_again.values())
    print("OK" if ok else "FAILED", f"daily job {total:.1f} s ({cpu:.1f} s CPU)", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
