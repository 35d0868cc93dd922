"""Meeting rhythms as iCalendar rules (RFC 5545 RRULE, python-dateutil): a forum's planned
frequency turned into concrete dates, capped so that one creation cannot flood the calendar."""

from datetime import datetime

from dateutil.rrule import rrulestr
from django.utils.translation import gettext as _

MAX_OCCURRENCES = 60


class RecurrenceError(ValueError):
    """A rule that cannot be used: its message is translated and names the problem."""


def parse_rule(rule: str, start: datetime | None = None):
    text = (rule or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        raise RecurrenceError(_("The rule is empty."))
    if "FREQ=" not in text.upper():
        raise RecurrenceError(_("The rule needs a frequency, e.g. FREQ=MONTHLY."))
    try:
        return rrulestr(text, dtstart=start or datetime(2000, 1, 1), forceset=False)
    except (ValueError, TypeError) as exc:
        raise RecurrenceError(_("The rule %(rule)s cannot be read: %(error)s") % {"rule": text, "error": exc}) \
            from None


def occurrences(rule: str, start: datetime, until: datetime | None = None, *, limit: int = MAX_OCCURRENCES):
    """The start times from `start` (inclusive) up to `until`, at most `limit`.

    A rule that would yield more than `limit` (no COUNT/UNTIL and no `until`, or too many in the
    period) is refused with a message saying how many it yields and what the cap is."""
    parsed = parse_rule(rule, start)
    found = []
    for when in parsed:
        if until is not None and when > until:
            break
        found.append(when)
        if len(found) > limit:
            raise RecurrenceError(
                _("The rule yields more than %(limit)d meetings: give an earlier end date or a COUNT "
                  "of at most %(limit)d.") % {"limit": limit})
    return found
