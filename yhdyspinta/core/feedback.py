"""Accessibility feedback (Act 306/2019 § 15): who handles it, the sender's rate limit, the lists.

Messages come from the statement's form (`core.views.pages.AccessibilityView`), are stored as
`core.AccessibilityFeedback` and, when ACCESSIBILITY_FEEDBACK_EMAIL is set, also e-mailed there.
Handlers (superusers and staff: the service's maintainers, not any organisation's role, since the
feedback concerns the service itself) see them at /accessibility/feedback/ and mark them answered
(`core.actions.mark_feedback_answered`). Docs: docs/i18n.md, "Accessibility feedback".
"""

import datetime

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from yhdyspinta.core.models import FEEDBACK_ANSWER_DAYS, AccessibilityFeedback

STATUSES = ("open", "overdue", "answered", "all")


def may_handle_feedback(user) -> bool:
    """Superusers and staff users (the maintainers of the service). Nobody else, however many
    organisations they administer: a resident's message may hold personal data."""
    return bool(user is not None and user.is_authenticated and (user.is_superuser or user.is_staff))


def feedback_with_status(status: str, today=None):
    """The feedback of one status: open (not answered), overdue (open past its 14 days),
    answered, or all; oldest due first for open ones, newest first otherwise."""
    qs = AccessibilityFeedback.objects.select_related("answered_by")
    if status in ("open", "overdue"):
        qs = qs.filter(answered_at__isnull=True)
        if status == "overdue":
            qs = qs.filter(received_at__lt=overdue_before(today))
        return qs.order_by("received_at", "pk")
    if status == "answered":
        qs = qs.filter(answered_at__isnull=False)
    return qs.order_by("-received_at", "-pk")


def overdue_before(today=None):
    """Feedback received before this moment is overdue when still open (its due date has passed)."""
    today = today or timezone.localdate()
    first_day = today - datetime.timedelta(days=FEEDBACK_ANSWER_DAYS)
    return datetime.datetime.combine(first_day, datetime.time.min, timezone.get_current_timezone())


def open_counts(today=None) -> dict[str, int]:
    open_qs = AccessibilityFeedback.objects.filter(answered_at__isnull=True)
    return {"open": open_qs.count(), "overdue": open_qs.filter(received_at__lt=overdue_before(today)).count()}


# ---- the sender's rate limit ---------------------------------------------------------------------
def _cache():
    return caches["throttle" if "throttle" in settings.CACHES else "default"]


def rate_limited(address: str | None) -> bool:
    """True when this address has already sent ACCESSIBILITY_FEEDBACK_PER_HOUR messages within the
    hour (counted in the shared `throttle` cache, as the API's limits are); a missing address
    counts as one address."""
    limit = int(getattr(settings, "ACCESSIBILITY_FEEDBACK_PER_HOUR", 5))
    if limit <= 0:
        return False
    return int(_cache().get(_key(address)) or 0) >= limit


def count_message(address: str | None) -> None:
    cache, key = _cache(), _key(address)
    if not cache.add(key, 1, timeout=3600):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=3600)


def _key(address: str | None) -> str:
    return f"a11y-feedback:{address or '-'}"
