"""Cooperation's panels on "My work" (core/mywork.py): my follow-up actions, meetings of my
forums, agreements and statutory duties of my organisations coming due."""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yhdyspinta.core import mywork

from .compute import reminder_date
from .duties import with_counts
from .models import Agreement, Duty, FollowUpAction, Forum, Meeting
from .models.meetings import ActionStatus

MEETING_DAYS = 30  # meetings of the next 30 days
DUE_DAYS = 30  # duties due in the next 30 days, agreements whose reminder date comes within them
OVERDUE_DAYS = 30  # duties that became overdue in the last 30 days


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@mywork.panel("actions", gettext_lazy("My follow-up actions"), order=30,
              empty=gettext_lazy("No open follow-up action is yours."))
def actions(desk):
    """Open actions whose owner is the user's person, late ones first (by deadline)."""
    qs = (FollowUpAction.objects.restrict(desk.user, "view")
          .filter(owner__user=desk.user, status=ActionStatus.OPEN)
          .select_related("decision__item__meeting__forum").order_by("deadline", "pk"))
    shown = list(qs[:desk.limit])
    if not shown:
        return mywork.Result()
    total = len(shown) if len(shown) < desk.limit else qs.count()
    items = []
    for a in shown:
        late = a.deadline < desk.today
        note = _("deadline %(date)s, %(forum)s") % {"date": _date(a.deadline),
                                                     "forum": a.decision.item.meeting.forum}
        items.append(mywork.Item(str(a), a.get_absolute_url(), note, _("Late") if late else "", record=a))
    person = shown[0].owner_id
    return mywork.Result(items=items, total=total, more_url=reverse("cooperation:person_actions", args=[person]))


def my_forums(desk):
    """Forums the user sits on, and forums of the user's organisations."""
    seats = Q(members__person__user=desk.user)
    return Forum.objects.filter(seats | Q(organisations__in=desk.org_ids) if desk.org_ids else seats)


@mywork.panel("meetings", gettext_lazy("Meetings of my forums in the next 30 days"), order=40,
              empty=gettext_lazy("No meeting of your forums in the next 30 days."))
def meetings(desk):
    start = timezone.make_aware(datetime.combine(desk.today, time.min))
    qs = (Meeting.objects.restrict(desk.user, "view")
          .filter(forum__in=my_forums(desk).values("pk"), starts_at__gte=start,
                  starts_at__lt=start + timedelta(days=MEETING_DAYS + 1))
          .select_related("forum").order_by("starts_at", "pk"))
    shown = list(qs[:desk.limit])
    total = len(shown) if len(shown) < desk.limit else qs.count()
    items = [mywork.Item(str(m.forum), m.get_absolute_url(),
                         formats.date_format(timezone.localtime(m.starts_at), "SHORT_DATETIME_FORMAT")
                         + (f", {m.place}" if m.place else ""), record=m) for m in shown]
    return mywork.Result(items=items, total=total, more_url=reverse("cooperation:clock"))


@mywork.panel("agreements", gettext_lazy("Agreements coming due"), order=50,
              empty=gettext_lazy("No agreement of your organisation is coming due."))
def agreements(desk):
    """Agreements of my organisations whose reminder date has come or comes within 30 days, while
    their renewal or last notice day is still ahead; the earliest first."""
    if not desk.org_ids:
        return None
    today = desk.today
    qs = (Agreement.objects.restrict(desk.user, "view").filter(parties__in=desk.org_ids)
          .filter(Q(valid_until__gte=today) | Q(renewal_date__gte=today)).distinct())
    due = []
    for pk, until, renewal, notice, days in qs.values_list("pk", "valid_until", "renewal_date", "notice_months",
                                                           "reminder_days"):
        remind = reminder_date(until, renewal, notice, days)
        if remind is not None and remind <= today + timedelta(days=DUE_DAYS):
            key_day = remind + timedelta(days=days)
            if key_day >= today:
                due.append((key_day, remind, pk))
    due.sort()
    records = Agreement.objects.in_bulk([pk for _k, _r, pk in due[:desk.limit]])
    items = []
    for key_day, remind, pk in due[:desk.limit]:
        note = _("renewal or last notice day %(date)s") % {"date": _date(key_day)}
        flag = _("Reminder date reached") if remind <= today else ""
        items.append(mywork.Item(str(records[pk]), records[pk].get_absolute_url(), note, flag, record=records[pk]))
    return mywork.Result(items=items, total=len(due), more_url=reverse("cooperation:reminders"))


@mywork.panel("duties", gettext_lazy("Statutory duties due"), order=55,
              empty=gettext_lazy("No statutory duty of your organisation is due."))
def duties(desk):
    """Unfulfilled duties of my organisations (as the county or the municipality) due within 30
    days or overdue for at most 30 days; overdue ones first."""
    if not desk.org_ids:
        return None
    today = desk.today
    qs = with_counts(Duty.objects.restrict(desk.user, "view")
                     .filter(Q(county__in=desk.org_ids) | Q(municipality__in=desk.org_ids),
                             due_date__gte=today - timedelta(days=OVERDUE_DAYS),
                             due_date__lte=today + timedelta(days=DUE_DAYS))
                     .select_related("rule", "county", "municipality").order_by("due_date", "pk"))
    rows = [d for d in qs if d.evidence_count < max(d.required_count, 1)]
    items = []
    for d in rows[:desk.limit]:
        who = " – ".join(str(o) for o in (d.county, d.municipality) if o is not None)
        note = _("%(who)s, due %(date)s") % {"who": who, "date": _date(d.due_date)}
        items.append(mywork.Item(f"{d.rule.title} {d.period_label}", d.get_absolute_url(), note,
                                 _("Overdue") if d.due_date < today else "", record=d))
    return mywork.Result(items=items, total=len(rows), more_url=reverse("cooperation:compliance"))
