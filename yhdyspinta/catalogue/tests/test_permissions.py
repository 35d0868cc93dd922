"""Generic permission suites for services, interfaces and assessments."""

import pytest

from conftest import api_client_for
from tests.generic import NON_WRITERS, WRITERS, RestrictedModelSuite

from .factories import AssessmentFactory, InterfaceFactory, ServiceFactory, ServicePointFactory


class TestServicePermissions(RestrictedModelSuite):
    from yhdyspinta.catalogue.models import Service as model

    list_url = "/catalogue/services/"
    api_list_url = "/api/v1/catalogue/services/"

    def make(self, world, org, visibility):
        return ServiceFactory(organisation=org, visibility=visibility)

    def marker(self, obj):
        return obj.name

    def api_payload(self, world, org):
        return {"organisation": org.pk, "field": "youth_work", "name_fi": "Etsivä nuorisotyö",
                "visibility": "internal"}

    def api_update(self, obj):
        return {"name_sv": "Uppsökande ungdomsarbete"}

    def search_text(self, obj):
        return obj.name


class TestInterfacePermissions(RestrictedModelSuite):
    from yhdyspinta.catalogue.models import Interface as model

    list_url = "/catalogue/"
    api_list_url = "/api/v1/catalogue/interfaces/"

    def make(self, world, org, visibility):
        return InterfaceFactory(parties=[org, org.area], visibility=visibility)

    def marker(self, obj):
        return obj.title

    def api_payload(self, world, org):
        return {"title_fi": "Neuvola – päiväkoti", "theme": "early_childhood", "client_group": "children_families",
                "parties": [org.pk, org.area_id], "visibility": "internal"}

    def api_update(self, obj):
        return {"summary_fi": "Päivitetty kuvaus"}

    def search_text(self, obj):
        return obj.title


class TestAssessmentPermissions(RestrictedModelSuite):
    from yhdyspinta.catalogue.models import MaturityAssessment as model

    api_list_url = "/api/v1/catalogue/assessments/"

    def make(self, world, org, visibility):
        return AssessmentFactory(interface=InterfaceFactory(parties=[org, org.area], visibility=visibility))

    def api_payload(self, world, org):
        # public: an internal interface is a hidden id to an outsider, refused as 400 like a missing id
        # before the write right is checked (core/tests/test_visibility_names_links.py)
        interface = InterfaceFactory(parties=[org, org.area], visibility="public")
        return {"interface": interface.pk, "dimension": "processes", "value": 2}

    # An assessment is retracted with a reason, never deleted (DELETE answers 405), so the generic
    # create-update-delete walk ends in a retraction here.
    @pytest.mark.parametrize("who", WRITERS)
    def test_writers_create_update_delete(self, world, who):
        api = api_client_for(getattr(world, who))
        created = api.post(self.api_list_url, self.api_payload(world, world.a1), format="json")
        assert created.status_code == 201, created.content
        url = self.api_detail_url(self.model.objects.get(pk=created.json()["id"]))
        assert api.patch(url, {"comment": "Tarkennettu"}, format="json").status_code == 200
        assert api.delete(url).status_code == 405
        response = api.post(f"{url}retract/", {"reason": "Väärä yhdyspinta"}, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["retraction_reason"] == "Väärä yhdyspinta"
        assert self.model.objects.get(pk=created.json()["id"]).is_retracted

    @pytest.mark.parametrize("who", (*NON_WRITERS, "anonymous"))
    def test_non_writers_cannot_write(self, world, who):
        api = api_client_for(getattr(world, who))
        count = self.model.objects.count()
        assert api.post(self.api_list_url, self.api_payload(world, world.a1), format="json").status_code in (401, 403)
        assert self.model.objects.count() == count
        obj = self.make(world, world.a1, "public")
        url = self.api_detail_url(obj)
        assert api.patch(url, {"comment": "x"}, format="json").status_code in (401, 403, 404)
        assert api.post(f"{url}retract/", {"reason": "x"}, format="json").status_code in (401, 403, 404)
        assert api.delete(url).status_code in (401, 403, 405)
        obj.refresh_from_db()
        assert not obj.is_retracted and obj.comment == ""


class TestServicePointPermissions(RestrictedModelSuite):
    from yhdyspinta.catalogue.models import ServicePoint as model

    api_list_url = "/api/v1/catalogue/service-points/"

    def make(self, world, org, visibility):
        return ServicePointFactory(service=ServiceFactory(organisation=org, visibility=visibility))

    def api_payload(self, world, org):
        return {"service": ServiceFactory(organisation=org).pk, "name_fi": "Toimipiste", "street_address": "Katu 2"}

    def api_update(self, obj):
        return {"opening_hours_fi": "ma–pe 8–16"}


class TestContactPointPermissions(RestrictedModelSuite):
    from yhdyspinta.catalogue.models import ContactPoint as model

    api_list_url = "/api/v1/catalogue/contacts/"

    def make(self, world, org, visibility):
        from yhdyspinta.catalogue.models import ContactPoint

        return ContactPoint.objects.create(service=ServiceFactory(organisation=org, visibility=visibility),
                                           name="Neuvonta", name_fi="Neuvonta", phone="03 000 0000")

    def api_payload(self, world, org):
        return {"service": ServiceFactory(organisation=org).pk, "name_fi": "Neuvonta", "phone": "03 000 0001"}

    def api_update(self, obj):
        return {"hours_fi": "ma–pe 9–15"}  # hours are in fi/sv/en since the PTV import


class TestMappingRoundPermissions(RestrictedModelSuite):
    """Reads by everyone of the area; writes (county only) are tested in test_api and test_rounds."""

    from yhdyspinta.catalogue.models import MappingRound as model

    api_list_url = "/api/v1/catalogue/rounds/"

    def make(self, world, org, visibility):
        from yhdyspinta.catalogue.models import MappingRound

        return MappingRound.objects.create(area=org.area, title=f"Kierros {org}", visibility=visibility)


def test_municipality_editor_cannot_change_the_county_round(world, api_as):
    from yhdyspinta.catalogue.models import MappingRound

    round_ = MappingRound.objects.create(area=world.county_a, title="Kierros")
    url = f"/api/v1/catalogue/rounds/{round_.pk}/"
    assert api_as(world.editor).get(url).status_code == 200
    assert api_as(world.editor).patch(url, {"title": "Muutettu"}, format="json").status_code in (403, 404)
    assert api_as(world.editor).delete(url).status_code in (403, 404)
    assert api_as(world.coordinator).patch(url, {"title": "Muutettu"}, format="json").status_code == 200
