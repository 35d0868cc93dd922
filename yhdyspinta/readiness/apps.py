
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core import search


class ReadinessConfig(AppConfig):
    """Tilannekuvaseuranta: roadmaps, monthly status reports and the national picture."""

    name = "yhdyspinta.readiness"
    label = "readiness"
    verbose_name = _("Readiness")
    default_auto_field = "django.db.models.BigAutoField"

    nav_group = "picture"  # the menu's group (core/navigation.py)
    nav = [("readiness:roadmap_list", pgettext_lazy("menu", "Roadmaps and readiness"))]

    def ready(self):
        search.register("readiness.Roadmap", ("name_fi", "name_sv", "name_en"))
