from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import search


class IntegrationConfig(AppConfig):
    """Integration-need study (tehtäväkohtainen integraatioselvitys)."""

    name = "yhdyspinta.integration"
    label = "integration"
    verbose_name = _("Integration study")
    default_auto_field = "django.db.models.BigAutoField"
    nav_group = "studies"  # the menu's group (core/navigation.py)
    nav = [("integration:study_list", _("Integration study"))]

    def ready(self):
        search.register("integration.Study", ("title_fi", "title_sv", "title_en"))
