"""The annual clock (vuosikello) of a county area and its iCalendar feeds."""

from datetime import date

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from yhdyspinta.core.audit import log_internal_reads
from yhdyspinta.organisations.models import Organisation, Person

from .. import ical
from ..models import Duty, FollowUpAction, Forum, Meeting
from .common import year_param


class ClockView(TemplateView):
    """Meetings and duty deadlines of one county area by month: a list per month, no chart to decode."""

    template_name = "cooperation/clock.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, today = self.request.user, timezone.localdate()
        year = year_param(self.request, today.year)
        areas = Organisation.objects.organising_areas().order_by("name")
        pk = self.request.GET.get("area", "")
        area = areas.filter(pk=pk).first() if pk.isdigit() else None
        area = area or areas.filter(area_forums__isnull=False).distinct().first() or areas.first()
        month = self.request.GET.get("month", "")
        month = int(month) if month.isdigit() and 1 <= int(month) <= 12 else None
        meetings = Meeting.objects.restrict(user, "view").filter(forum__area=area, starts_at__year=year)
        duties = Duty.objects.filter(county=area, due_date__year=year).select_related("rule", "municipality")
        if month:
            meetings, duties = meetings.filter(starts_at__month=month), duties.filter(due_date__month=month)
        months = {m: [] for m in range(1, 13) if not month or m == month}
        for m in meetings.select_related("forum"):
            local = timezone.localtime(m.starts_at)
            months[local.month].append({"date": local.date(), "time": local, "kind": "meeting", "obj": m})
        for d in duties:
            months[d.due_date.month].append({"date": d.due_date, "time": None, "kind": "duty", "obj": d})
        month_rows = [(date(year, m, 1), sorted(ev, key=lambda e: (e["date"], e["kind"]))) for m, ev in months.items()]
        ctx.update(areas=areas, area=area, year=year, month=month, month_rows=month_rows,
                   month_choices=[date(year, i, 1) for i in range(1, 13)],
                   forums=Forum.objects.restrict(user, "view").filter(area=area))
        return ctx


def _ics(request, name, *, about=(), **parts):
    """The feed; every internal record it discloses (meetings, actions, the forum or person it is
    of) is logged as a read (tiedonhallintalaki § 17)."""
    parts = {key: value if isinstance(value, str) else list(value) for key, value in parts.items()}
    for records in (*(v for v in parts.values() if isinstance(v, list)), about):
        records = [r for r in records if getattr(r, "is_internal", False)]
        if records:
            log_internal_reads(request, type(records[0]), records, detail=f"ical {request.path}")
    response = HttpResponse(ical.feed(name, **parts), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="yhdyspinta.ics"'
    return response


def forum_feed(request, pk):
    forum = get_object_or_404(Forum.objects.restrict(request.user, "view"), pk=pk)
    meetings = Meeting.objects.restrict(request.user, "view").filter(forum=forum).select_related("forum")
    return _ics(request, str(forum), about=[forum], meetings=meetings,
                base_url=request.build_absolute_uri("/")[:-1])


def organisation_feed(request, pk):
    """An organisation's meetings (forums it is on) and duty deadlines (as county or municipality)."""
    org = get_object_or_404(Organisation, pk=pk)
    meetings = Meeting.objects.restrict(request.user, "view").filter(forum__organisations=org).distinct()
    duties = (Duty.objects.filter(county=org) | Duty.objects.filter(municipality=org)).select_related("rule")
    return _ics(request, str(org), meetings=meetings.select_related("forum"), duties=duties,
                base_url=request.build_absolute_uri("/")[:-1])


def person_feed(request, pk):
    """A person's meetings (forums they sit on) and the deadlines of the actions they own."""
    person = get_object_or_404(Person.objects.restrict(request.user, "view"), pk=pk)
    meetings = Meeting.objects.restrict(request.user, "view").filter(forum__members__person=person).distinct()
    owned = FollowUpAction.objects.restrict(request.user, "view").filter(owner=person, status="open")
    return _ics(request, person.full_name, about=[person], meetings=meetings.select_related("forum"),
                actions=owned.select_related("decision__item__meeting"),
                base_url=request.build_absolute_uri("/")[:-1])
