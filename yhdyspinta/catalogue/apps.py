from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import search

from .signals import sync_templates_after_migrate


class CatalogueConfig(AppConfig):
    """Interface register (yhdyspintarekisteri): services, interfaces, mapping rounds, the finder."""

    name = "yhdyspinta.catalogue"
    label = "catalogue"
    verbose_name = _("Interface register")

    nav = [  # grouped by task in the menu (core/navigation.py)
        ("catalogue:finder", _("Service finder"), "services"),
        ("catalogue:service_list", _("Service register"), "services"),
        ("catalogue:interface_list", _("Interface register"), "interfaces"),
        ("catalogue:round_list", _("Mapping rounds"), "interfaces"),
    ]

    def ready(self):
        post_migrate.connect(sync_templates_after_migrate, sender=self)
        search.register("catalogue.Interface", ("title_fi", "title_sv", "title_en", "summary_fi", "summary_sv"))
        search.register("catalogue.Service", ("name_fi", "name_sv", "name_en", "description_fi"))
        from . import synonyms

        synonyms.connect()
