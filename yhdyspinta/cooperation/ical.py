"""iCalendar (RFC 5545) feeds of the annual clock: meetings, duty deadlines and action deadlines."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from yhdyspinta.core.visibility import current_reader, may_view

HOST = "yhdyspinta"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Yhdyspinta//cooperation//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _event(uid: str, summary: str, *, start, end=None, all_day=False, location="", url="", description=""):
    ev = Event()
    ev.add("uid", f"{uid}@{HOST}")
    ev.add("dtstamp", timezone.now())
    ev.add("summary", summary)
    if all_day:
        ev.add("dtstart", start)
        ev.add("dtend", start + timedelta(days=1))
    else:
        ev.add("dtstart", start)
        ev.add("dtend", end or start + timedelta(hours=2))  # a meeting's end (Meeting.ends_at) when known
    if location:
        ev.add("location", location)
    if url:
        ev.add("url", url)
    if description:
        ev.add("description", description)
    return ev


def feed(name: str, *, meetings=(), duties=(), actions=(), base_url="", user=None) -> bytes:
    """One calendar of what the caller has already restricted to what `user` may see. Linked records
    follow the same rule: a public meeting of a forum the user may not see is "Meeting", and an
    action's owner is `Person.display_for(user)` (default: the user of the request being served)."""
    user = user if user is not None else current_reader()
    cal = _calendar(name)
    for m in meetings:
        summary = str(m.forum) if may_view(user, m.forum) else _("Meeting")
        cal.add_component(_event(f"meeting-{m.pk}", summary, start=timezone.localtime(m.starts_at),
                                 end=timezone.localtime(m.ends_at) if m.ends_at else None, location=m.place,
                                 url=base_url + m.get_absolute_url()))
    for d in duties:
        cal.add_component(_event(f"duty-{d.pk}", f"{d.rule.title} ({d.period_label})", start=d.due_date,
                                 all_day=True, url=base_url + d.get_absolute_url(),
                                 description=d.rule.legal_source))
    for a in actions:
        owner = a.owner.display_for(user) if a.owner_id else ""
        cal.add_component(_event(f"action-{a.pk}", a.title, start=a.deadline, all_day=True,
                                 url=base_url + a.get_absolute_url(),
                                 description=_("Owner: %(owner)s") % {"owner": owner} if owner else ""))
    cal.add_missing_timezones()  # RFC 5545 § 3.2.19: every TZID used needs its VTIMEZONE
    return cal.to_ical()
