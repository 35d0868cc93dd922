"""Meeting rhythms as iCalendar rules (RFC 5545 RRULE, python-dateutil): a forum's planned
frequency turned into concrete dates, capped so that one creation cannot flood the calendar."""

import re
from datetime import datetime

from dateutil.rrule import rrulestr
from django.utils.translation import gettext as _

MAX_OCCURRENCES = 60
SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}


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
    frequency = re.search(r"FREQ=([A-Z]+)", text.upper())
    if frequency and frequency.group(1) in SUB_DAILY:  # walk 6 #2: meetings a second apart
        raise RecurrenceError(_("Meetings repeat at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."))
    try:
        return rrulestr(text, dtstart=start or datetime(2000, 1, 1), forceset=False)
    except (ValueError, TypeError) as exc:
        raise RecurrenceError(_("The rule %(rule)s cannot be read: %(reason)s (%(error)s)") % {
            "rule": text, "reason": _explain(str(exc)), "error": exc}) from None


def _explain(error: str) -> str:
    """The common reasons of dateutil's (English) errors in the user's language."""
    if "UNTIL" in error and "UTC" in error:
        return _("write the end as UTC time, e.g. UNTIL=20271231T000000Z, or give the series' last day instead")
    if "must be in" in error or "out of range" in error:
        return _("a value is out of its range (hours 0–23, minutes 0–59, days of the month 1–31)")
    if "invalid" in error.lower() or "unknown" in error.lower():
        return _("a part of the rule is not known (e.g. FREQ=MONTHLY;BYDAY=2TU)")
    return _("the rule is not in the iCalendar RRULE form (e.g. FREQ=MONTHLY;BYDAY=2TU)")


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
