"""Lease deadlines: on "my work" of the parties and in the daily notification job, once each."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from conftest import client_for
from yhdyspinta.facilities.models import Lease
from yhdyspinta.facilities.reminders import NOTICE, OPTION, deadlines
from yhdyspinta.notifications.models import Kind, Notification
from yhdyspinta.notifications.producers import lease_reminders

from .factories import BuildingFactory, LeaseFactory, LeaseOptionFactory, PremiseFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Helsinki")


def _at(day):
    return datetime.combine(day, time(6), tzinfo=TZ)


def _lease(world, **kwargs):
    premise = PremiseFactory(building=BuildingFactory(owner=world.a1))
    return LeaseFactory(premise=premise, landlord=world.a1, tenant=world.county_a, **kwargs)


def test_deadlines_of_notice_and_option(world):
    lease = _lease(world, ends_on=date(2025, 12, 31), notice_months=6, reminder_days=90)
    LeaseOptionFactory(lease=lease, exercise_by=date(2025, 9, 30))
    qs = Lease.objects.all()
    assert deadlines(qs, date(2025, 3, 31)) == []  # reminder from 1.4.2025
    due = deadlines(qs, date(2025, 4, 1))
    assert [(d.kind, d.day) for d in due] == [(NOTICE, date(2025, 6, 30))]
    due = deadlines(qs, date(2025, 7, 10))  # notice day passed; option reminder from 2.7.
    assert [(d.kind, d.day) for d in due] == [(OPTION, date(2025, 9, 30))]
    assert deadlines(qs, date(2025, 10, 1)) == []


def test_the_job_notifies_the_parties_once_per_deadline(world):
    for user in (world.org_admin, world.coordinator, world.other):
        user.email = f"{user.username}@example.fi"
        user.save(update_fields=["email"])
    lease = _lease(world, ends_on=date(2025, 12, 31), notice_months=6, reminder_days=90)
    assert lease_reminders(_at(date(2025, 3, 1))) == 0
    created = lease_reminders(_at(date(2025, 4, 2)))
    assert created >= 2  # the landlord's admin and the tenant's coordinator
    assert lease_reminders(_at(date(2025, 4, 3))) == 0  # the same deadline: not again
    rows = Notification.objects.filter(kind=Kind.LEASE_REMINDER)
    assert {n.recipient_id for n in rows} >= {world.org_admin.pk, world.coordinator.pk}
    assert world.other.pk not in {n.recipient_id for n in rows}
    assert {n.occasion for n in rows} == {f"lease:{lease.pk}:notice:2025-06-30"}
    assert "30.6.2025" in rows.first().body


def test_coordinator_sees_the_notice_deadline_on_my_work(world):
    today = timezone.localdate()
    ends = today + timedelta(days=200)
    lease = _lease(world, ends_on=ends, notice_months=6, reminder_days=90, transitional=False)
    response = client_for(world.coordinator).get("/")
    result = next(p["result"] for p in response.context["panels"] if p["key"] == "leases")
    assert [item.url for item in result.items] == [lease.get_absolute_url()]
    assert lease.notice_deadline.strftime("%-d.%-m.%Y") in result.items[0].note
    other = client_for(world.other).get("/")
    result = next(p["result"] for p in other.context["panels"] if p["key"] == "leases")
    assert result.items == []
