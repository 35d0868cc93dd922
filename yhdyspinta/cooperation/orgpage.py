"""The cooperation's sections on an organisation's overview (core/orgpage.py): agreements, duties
with their state, forums, upcoming meetings, open follow-up actions and the SISOTE steps."""

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from yhdyspinta.core import orgpage

from . import compute
from .duties import with_counts
from .models import ActionStatus, Agreement, Duty, FollowUpAction, Forum, Meeting

STATE_LABELS = {compute.STATE_DONE: gettext_lazy("Done"), compute.STATE_DUE: gettext_lazy("Due"),
                compute.STATE_OVERDUE: gettext_lazy("Late")}


def _forums_of(org):
    """The forums the organisation sits in or organises, as a subquery: the sections filter by it
    instead of joining through the forum's organisations (no DISTINCT over wide rows)."""
    return Forum.objects.filter(Q(organisations=org) | Q(area=org)).values("pk")


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


@orgpage.section("agreements", gettext_lazy("Agreements"), order=20,
                 empty=gettext_lazy("No agreements you may see."))
def agreements(org, user):
    shown = Agreement.objects.restrict(user, "view").filter(parties=org).distinct().order_by("title")
    rows = [orgpage.Row([a.title, a.get_kind_display(), _date(a.valid_from), _date(a.valid_until)],
                        url=a.get_absolute_url(), record=a) for a in shown[:200]]
    return orgpage.Table([_("Agreement"), _("Kind"), _("Valid from"), _("Valid until")], rows)


@orgpage.section("duties", gettext_lazy("Statutory duties"), order=30,
                 empty=gettext_lazy("No duties this year or later you may see."))
def duties(org, user):
    today = timezone.localdate()
    shown = with_counts(Duty.objects.restrict(user, "view").filter(Q(municipality=org) | Q(county=org))
                        .filter(period_end__year__gte=today.year).select_related("rule", "municipality", "county"))
    rows = [orgpage.Row([str(d), _date(d.due_date), STATE_LABELS[d.state(today)]], url=d.get_absolute_url(),
                        record=d) for d in shown.order_by("due_date")[:200]]
    return orgpage.Table([_("Duty"), _("Due"), _("State")], rows,
                         more_url=reverse("cooperation:compliance"))


@orgpage.section("forums", gettext_lazy("Forums"), order=40, empty=gettext_lazy("No forums you may see."))
def forums(org, user):
    shown = Forum.objects.restrict(user, "view").filter(pk__in=_forums_of(org)).order_by("name")
    rows = [orgpage.Row([f.name, f.get_level_display()],
                        url=f.get_absolute_url(), record=f) for f in shown[:200]]
    return orgpage.Table([_("Forum"), _("Level")], rows)


@orgpage.section("meetings", gettext_lazy("Upcoming meetings"), order=45,
                 empty=gettext_lazy("No upcoming meetings you may see."))
def meetings(org, user):
    shown = (Meeting.objects.restrict(user, "view")
             .filter(forum__in=_forums_of(org), starts_at__gte=timezone.now())
             .select_related("forum").order_by("starts_at"))
    rows = [orgpage.Row([str(m.forum), formats.date_format(timezone.localtime(m.starts_at), "SHORT_DATETIME_FORMAT")],
                        url=m.get_absolute_url(), record=m) for m in shown[:50]]
    return orgpage.Table([_("Forum"), _("Starts")], rows)


@orgpage.section("actions", gettext_lazy("Open follow-up actions"), order=50,
                 empty=gettext_lazy("No open actions you may see."))
def open_actions(org, user):
    today = timezone.localdate()
    shown = (FollowUpAction.objects.restrict(user, "view").filter(status=ActionStatus.OPEN)
             .filter(decision__item__meeting__forum__in=_forums_of(org))
             .select_related("owner__organisation", "decision__item__meeting").order_by("deadline"))
    rows = [orgpage.Row([a.title, a.owner.display_for(user) if a.owner_id else "", _date(a.deadline),
                         _("Late") if a.deadline and a.deadline < today else ""], url=a.get_absolute_url(), record=a)
            for a in shown[:200]]
    return orgpage.Table([pgettext("follow-up", "Action"), _("Owner"), _("Deadline"), _("Late")], rows)


@orgpage.section("sisote", gettext_lazy("SISOTE steps"), order=55)
def sisote_steps(org, user):
    """The four steps of the organisation's own checklist (a municipality's or an organising
    area's; the ticks are public), each linked to the checklist page."""
    from .views.steps import checklist

    if not (org.organises_sote or org.kind == "municipality"):
        return None
    steps, current, _done, _total = checklist(org)
    url = reverse("cooperation:steps", args=[org.pk])
    rows = [orgpage.Row([f"{s['number']}. {s['title']}", f"{s['done']} / {s['total']}",
                         _("current step") if s["number"] == current
                         else STATE_LABELS[compute.STATE_DONE] if s["done"] == s["total"] else "–"], url=url)
            for s in steps]
    return orgpage.Table([pgettext("SISOTE step", "Step"), _("Items done"), _("State")], rows, more_url=url)
