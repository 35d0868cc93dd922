from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import search


class FacilitiesConfig(AppConfig):
    """Tilat: buildings, premises, leases between municipalities and counties, shared use."""

    name = "yhdyspinta.facilities"
    label = "facilities"
    verbose_name = _("Facilities")
    nav_group = "funding"  # the menu's group (core/navigation.py)
    nav = (
        ("facilities:lease_list", _("Premises")),
        ("facilities:proximity_check", _("Student welfare on site")),
    )

    def ready(self):
        search.register("facilities.Building", ("name", "address", "building_id"))
        search.register("facilities.Premise", ("name",))
        search.register("facilities.Lease", ("reference", "index_clause"))
        search.register("facilities.SupportService", ("title",))
