from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import panels, search


class IndicatorsConfig(AppConfig):
    """Shared knowledge base (yhteinen tietopohja): indicators, goals, welfare reports."""

    name = "yhdyspinta.indicators"
    label = "indicators"
    verbose_name = _("Indicators and goals")
    nav_group = "picture"  # the menu's group (core/navigation.py)
    nav = (
        ("indicators:picture_index", _("Indicators")),
        ("indicators:goal_list", _("Shared goals")),
        ("indicators:report_list", _("Welfare reports")),
    )

    def ready(self):
        panels.register_related("catalogue.Interface", "goal_links", _("Goals and indicators"), order=30)
        search.register("indicators.Indicator", ("title_fi", "title_sv", "title_en", "source_id"))
        search.register("indicators.SharedGoal", ("title_fi", "title_sv", "title_en"))
        search.register("indicators.WelfareReport", ("title_fi", "title_sv", "title_en"))
