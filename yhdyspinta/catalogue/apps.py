from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import search

from .signals import index_services_after_migrate, sync_templates_after_migrate


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
        post_migrate.connect(index_services_after_migrate, sender=self)
        search.register("catalogue.Interface", ("title_fi", "title_sv", "title_en", "summary_fi", "summary_sv"))
        search.register("catalogue.Service", ("name_fi", "name_sv", "name_en", "description_fi"))
        from . import synonyms

        synonyms.connect()
        self._connect_search_index()

    def _connect_search_index(self):
        """The finder's stored terms follow every save of a service (search_index.py)."""
        from django.db.models.signals import post_delete, post_save

        from yhdyspinta.organisations.models import Organisation

        from . import search_index
        from .models import Service

        post_save.connect(search_index.service_saved, sender=Service, dispatch_uid="catalogue_search_terms")
        post_delete.connect(search_index.changed, sender=Service, dispatch_uid="catalogue_search_terms_delete")
        post_save.connect(search_index.changed, sender=Organisation, dispatch_uid="catalogue_search_places")
        post_delete.connect(search_index.changed, sender=Organisation, dispatch_uid="catalogue_search_places_delete")
