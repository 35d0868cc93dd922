"""Lease deadlines: the last notice day of a fixed-term lease and the last day to use an option.

One computation for the "my work" panel and the notification job (notifications.producers): a
deadline is due from `reminder_days` before it until the day itself.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from . import rules
from .models import Lease, LeaseOption

NOTICE, OPTION = "notice", "option"


@dataclass(frozen=True)
class Deadline:
    lease_id: int
    kind: str  # NOTICE or OPTION
    day: date  # the deadline itself
    remind_on: date  # reminders from this day on


def deadlines(leases, today: date, *, ahead: int = 0) -> list[Deadline]:
    """The deadlines of `leases` (a Lease queryset) whose reminder day is at most `ahead` days
    away and whose deadline has not passed; the earliest first."""
    horizon = today + timedelta(days=ahead)
    found = []
    rows = leases.filter(Q(ends_on__gte=today) | Q(options__exercise_by__gte=today)).distinct()
    days_of = {}
    for pk, ends_on, notice, days in rows.values_list("pk", "ends_on", "notice_months", "reminder_days"):
        days_of[pk] = days
        deadline = rules.notice_deadline(ends_on, notice)
        if deadline is not None and deadline >= today:
            remind_on = deadline - timedelta(days=days)
            if remind_on <= horizon:
                found.append(Deadline(pk, NOTICE, deadline, remind_on))
    options = LeaseOption.objects.filter(lease_id__in=days_of, exercise_by__gte=today).values_list(
        "lease_id", "exercise_by")
    for lease_id, exercise_by in options:
        remind_on = exercise_by - timedelta(days=days_of[lease_id])
        if remind_on <= horizon:
            found.append(Deadline(lease_id, OPTION, exercise_by, remind_on))
    return sorted(found, key=lambda d: (d.day, d.lease_id, d.kind))


def due_today(today: date) -> list[Deadline]:
    """Every lease deadline whose reminder day has come (the notification job)."""
    return deadlines(Lease.objects.all(), today)
