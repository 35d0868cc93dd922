"""Generic CRUD and permission suites for organisations, units, people and memberships."""

from tests.factories import PersonFactory, UnitFactory
from tests.generic import RestrictedModelSuite


class TestPersonPermissions(RestrictedModelSuite):
    from yhdyspinta.organisations.models import Person as model

    list_url = "/organisations/people/"
    api_list_url = "/api/v1/organisations/people/"

    def make(self, world, org, visibility):
        return PersonFactory(organisation=org, visibility=visibility)

    def marker(self, obj):
        return obj.last_name

    def api_payload(self, world, org):
        return {"first_name": "Uusi", "last_name": "Henkilö", "organisation": org.pk, "visibility": "internal"}

    def api_update(self, obj):
        return {"title_fi": "Rehtori"}

    def search_text(self, obj):
        return obj.last_name

    def make_dependent(self, world, obj):
        from yhdyspinta.catalogue.models import InterfaceOwner
        from yhdyspinta.catalogue.tests.factories import InterfaceFactory

        interface = InterfaceFactory(parties=[obj.organisation, obj.organisation.area], visibility="public")
        return InterfaceOwner.objects.create(interface=interface, organisation=obj.organisation, person=obj)


class TestUnitPermissions(RestrictedModelSuite):
    from yhdyspinta.organisations.models import Unit as model

    list_url = "/organisations/units/"
    api_list_url = "/api/v1/organisations/units/"
    has_visibility = False

    def make(self, world, org, visibility):
        return UnitFactory(organisation=org)

    def marker(self, obj):
        return obj.name

    def api_payload(self, world, org):
        return {"organisation": org.pk, "name_fi": "Nuorisopalvelut"}

    def api_update(self, obj):
        return {"name_sv": "Ungdomstjänster"}
