from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Ilmoitukset: e-mails about rounds, meetings, actions, agreements; per-kind preferences."""

    name = "yhdyspinta.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from . import (
            signals,  # noqa: F401  (a deleted meeting sends its cancellation)
            visits,  # noqa: F401  (a sign-in remembers the previous one for "My work")
        )
