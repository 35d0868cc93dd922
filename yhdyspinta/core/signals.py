"""Logins, failed logins and logouts go to the access log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import log_access
from .models import AccessLog


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log_access(request, AccessLog.Action.LOGIN_SUCCESS, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log_access(request, AccessLog.Action.LOGIN_FAILURE, username=str(credentials.get("username", ""))[:150])


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        log_access(request, AccessLog.Action.LOGOUT, user=user)
