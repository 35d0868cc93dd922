from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yhdyspinta.core"
    verbose_name = _("Core")

    def ready(self):
        from . import signals  # noqa: F401  (login audit)
