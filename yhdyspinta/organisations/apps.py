from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import policy, search


class OrganisationsConfig(AppConfig):
    name = "yhdyspinta.organisations"
    verbose_name = _("Organisations")
    def ready(self):
        policy.install_organisation_model(self.get_model("Organisation"))  # core's pages name organisations
        search.register("organisations.Organisation", ("name_fi", "name_sv", "name_en", "code"))
        search.register("organisations.Person", ("first_name", "last_name", "title_fi", "title_sv"))

    nav_group = "cooperation"  # the menu's group (core/navigation.py)
    nav = [("organisations:organisation_list", _("Organisations")), ("organisations:person_list", _("People"))]
