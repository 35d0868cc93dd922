"""Idle session timeout: a signed-in session ends after a configurable time without requests.

The time of the last request is kept in the session (``_last_activity``, epoch seconds). Staff and
superusers get the shorter ``SESSION_IDLE_TIMEOUT_ADMIN``; everyone else ``SESSION_IDLE_TIMEOUT``
(both in seconds; 0 turns the check off).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

SESSION_KEY = "_last_activity"


def idle_timeout_for(user):
    """Seconds a session of ``user`` may stay idle (0: no limit)."""
    if user.is_staff or user.is_superuser:
        return int(getattr(settings, "SESSION_IDLE_TIMEOUT_ADMIN", 30 * 60))
    return int(getattr(settings, "SESSION_IDLE_TIMEOUT", 8 * 60 * 60))


class IdleSessionTimeoutMiddleware:
    """Log out a session user whose previous request is older than the idle timeout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            limit = idle_timeout_for(user)
            last = request.session.get(SESSION_KEY)
            if limit and isinstance(last, (int, float)) and now - last > limit:
                logout(request)  # flushes the session; request.user becomes anonymous
                messages.info(request, _("You were signed out after a period of inactivity. Please sign in again."))
            else:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
