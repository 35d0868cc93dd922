from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "yhdyspinta.organisations"
    verbose_name = _("Organisations")
    def ready(self):
        from yhdyspinta.core import search

        search.register("organisations.Organisation", ("name_fi", "name_sv", "name_en", "code"))
        search.register("organisations.Person", ("first_name", "last_name", "title_fi", "title_sv"))

    nav = [("organisations:organisation_list", _("Organisations")), ("organisations:person_list", _("People"))]
