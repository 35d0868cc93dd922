from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yhdyspinta.core"
    verbose_name = _("Core")

    def ready(self):
        from . import signals  # noqa: F401  (login audit)
        from .admin import log_admin_reads

        log_admin_reads()  # reads in /admin/ are logged too (every app's admin is registered by now)
