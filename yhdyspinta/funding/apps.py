from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import search


class FundingConfig(AppConfig):
    """Funding calculator (rahoituslaskuri): parameter sets, inputs, results and scenarios."""

    name = "yhdyspinta.funding"
    label = "funding"
    verbose_name = _("Funding")
    nav_group = "funding"  # the menu's group (core/navigation.py)
    nav = (("funding:county_calculator", _("Funding")),)

    def ready(self):
        search.register("funding.ParameterSet", ("title_fi", "title_sv", "title_en", "name"))
