"""iTIP (RFC 5546) invitations built from the annual clock's calendar pieces (cooperation/ical.py).

The UID is the feed's (`meeting-<pk>@yhdyspinta`), so a calendar that subscribed to the feed and
one that got the invitation hold the same event; SEQUENCE grows with each change of time or place.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import vCalAddress

from yhdyspinta.cooperation.ical import _calendar, _event


def _organizer():
    address = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>').strip()}")
    address.params["cn"] = "Yhdyspinta"
    return address


def _attendee(user):
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = user.get_full_name() or user.username
    address.params["role"] = "REQ-PARTICIPANT"
    address.params["partstat"] = "NEEDS-ACTION"
    address.params["rsvp"] = "FALSE"
    return address


def _meeting_calendar(meeting, user, language, *, method, sequence, status, description="", url=""):
    with translation.override(language):
        summary = str(meeting.forum)
        cal = _calendar(summary)
        cal.add("method", method)
        ev = _event(f"meeting-{meeting.pk}", summary, start=timezone.localtime(meeting.starts_at),
                    end=timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
                    location=meeting.place, url=url, description=description)
        ev.add("sequence", sequence)
        ev.add("status", status)
        ev.add("organizer", _organizer())
        ev.add("attendee", _attendee(user))
        cal.add_component(ev)
        cal.add_missing_timezones()
        return cal.to_ical().decode()


def meeting_request(meeting, user, language, *, sequence, items=(), url=""):
    with translation.override(language):
        agenda = "\n".join(f"{n}. {title}" for n, title in items)
        description = (_("Agenda") + ":\n" + agenda + "\n\n" if agenda else "") + url
    return _meeting_calendar(meeting, user, language, method="REQUEST", sequence=sequence, status="CONFIRMED",
                             description=description, url=url)


def meeting_cancel(meeting, user, language, *, sequence):
    return _meeting_calendar(meeting, user, language, method="CANCEL", sequence=sequence, status="CANCELLED")
