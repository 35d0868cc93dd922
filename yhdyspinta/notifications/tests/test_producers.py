"""The scheduled producers of statutory duties and readiness reporting periods: due once, to whom."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.factories import member
from yhdyspinta.notifications.models import Kind, Notification
from yhdyspinta.notifications.producers import duties, produce_due, readiness_periods

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Helsinki")


def _at(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 12, tzinfo=TZ)


def test_duty_due_soon_then_overdue_each_once_unless_fulfilled(world):
    from yhdyspinta.cooperation.models import Duty, DutyEvidence, DutyRule

    county_writer = member(world.county_a, "org_admin", email="kaisa@example.fi", language="sv")
    member(world.county_a, "editor", email="eero@example.fi")  # duties go to the organisation admins
    town_writer = member(world.a1, "org_admin", email="antti@example.fi")
    member(world.a2, "editor", email="aino@example.fi")  # another municipality: not concerned
    rule = DutyRule.objects.create(key="hyte", title="Hyvinvointikertomus", legal_source="Laki 12 §",
                                   applies_to="county", period_kind="yearly", due_month=6, due_day=30)
    due = date(2030, 6, 30)
    duty = Duty.objects.create(rule=rule, county=world.county_a, municipality=world.a1, period_start=date(2030, 1, 1),
                               period_end=date(2030, 12, 31), period_label="2030", due_date=due)
    done = Duty.objects.create(rule=rule, county=world.county_b, period_start=date(2030, 1, 1),
                               period_end=date(2030, 12, 31), period_label="2030", due_date=due)
    DutyEvidence.objects.create(duty=done, kind="document", url="https://example.fi/p", title="Pöytäkirja")

    assert duties(_at(due - timedelta(days=30))) == 0  # not yet within 14 days
    assert duties(_at(due - timedelta(days=10))) == 2  # the county's and the municipality's writers
    assert duties(_at(due - timedelta(days=5))) == 0
    assert duties(_at(due + timedelta(days=1))) == 2  # overdue
    assert duties(_at(due + timedelta(days=2))) == 0
    assert duties(_at(due + timedelta(days=60))) == 0  # long past: no new reminder
    rows = Notification.objects.order_by("pk")
    assert [r.kind for r in rows] == [Kind.DUTY_DUE] * 2 + [Kind.DUTY_OVERDUE] * 2
    assert {r.recipient for r in rows} == {county_writer, town_writer}
    sv = rows.filter(recipient=county_writer, kind=Kind.DUTY_OVERDUE).get()
    assert sv.subject == "Lagstadgad skyldighet försenad: Hyvinvointikertomus" and sv.digest
    assert "Laki 12 §" in sv.body and f"/cooperation/duties/{duty.pk}/" in sv.url


def test_readiness_period_opened_and_closing_once_each_to_the_reporting_regions(world):
    from yhdyspinta.readiness.tests.factories import PeriodFactory, RegionFactory, RoadmapFactory

    roadmap = RoadmapFactory(owner=world.county_a)
    RegionFactory(roadmap=roadmap, organisation=world.a1)
    writer = member(world.a1, "editor", email="antti@example.fi")
    member(world.b1, "editor", email="bertta@example.fi")  # not a reporting region
    period = PeriodFactory(roadmap=roadmap, code="2030-10", end_date=date(2030, 10, 31))
    assert readiness_periods(_at(date(2030, 9, 20))) == 0  # its month has not begun
    assert readiness_periods(_at(date(2030, 10, 1))) == 1
    assert readiness_periods(_at(date(2030, 10, 15))) == 0
    assert readiness_periods(_at(date(2030, 10, 29))) == 1  # closing within 3 days
    assert readiness_periods(_at(date(2030, 10, 30))) == 0
    period.closed = True
    period.save()
    assert readiness_periods(_at(date(2030, 10, 31))) == 0
    assert list(Notification.objects.order_by("pk").values_list("occasion", "recipient")) == [
        (f"period:{period.pk}:opened", writer.pk), (f"period:{period.pk}:closing", writer.pk)]


def test_produce_due_runs_every_scheduled_producer(world):
    assert set(produce_due()) == {"rounds_opened", "round_reminders", "actions_overdue", "agreement_reminders",
                                  "duties", "readiness_periods", "lease_reminders",
                                  "transfer_items_due"}
