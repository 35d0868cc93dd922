"""Generic permission suites: an internal scenario of a1 is invisible to outsiders, and so on."""

from tests.generic import RestrictedModelSuite

from .factories import InputSetFactory, ParameterSetFactory, law_data


class TestParameterSetPermissions(RestrictedModelSuite):
    from yhdyspinta.funding.models import ParameterSet as model

    list_url = "/funding/sets/"
    api_list_url = "/api/v1/funding/parameter-sets/"

    def make(self, world, org, visibility):
        return ParameterSetFactory(owner=org, visibility=visibility)

    def marker(self, obj):
        return obj.title

    def api_payload(self, world, org):
        return {"title_fi": "Uusi skenaario", "owner": org.pk, "visibility": "internal", "data": law_data()}

    def api_update(self, obj):
        return {"title_fi": "Muutettu skenaario"}

    def search_text(self, obj):
        return obj.title


class TestInputSetPermissions(RestrictedModelSuite):
    from yhdyspinta.funding.models import InputSet as model

    list_url = "/funding/inputs/"
    api_list_url = "/api/v1/funding/input-sets/"

    def make(self, world, org, visibility):
        return InputSetFactory(owner=org, visibility=visibility)

    def marker(self, obj):
        return obj.title
