"""Generic permission suite for studies, and the owner-only pages of a study."""

import pytest

from conftest import client_for
from tests.generic import RestrictedModelSuite

from .factories import StudyFactory


class TestStudyPermissions(RestrictedModelSuite):
    from yhdyspinta.integration.models import Study as model

    list_url = "/integration/"
    api_list_url = "/api/v1/integration/studies/"

    def make(self, world, org, visibility):
        return StudyFactory(owner=org, visibility=visibility, title=f"Selvitys {visibility} {org.pk}")

    def marker(self, obj):
        return obj.title

    def api_payload(self, world, org):
        return {"title_fi": "Uusi integraatioselvitys", "owner": org.pk, "visibility": "internal"}

    def api_update(self, obj):
        return {"title_sv": "Ny integrationsutredning"}

    def search_text(self, obj):
        return obj.title


@pytest.mark.parametrize("who, status", [("viewer", 403), ("other", 404), ("editor", 200), ("coordinator", 200)])
def test_owner_pages_need_change_rights(world, who, status):
    study = StudyFactory(owner=world.a1, visibility="internal")
    client = client_for(getattr(world, who))
    for url in (f"/integration/{study.pk}/links/", f"/integration/{study.pk}/import/",
                f"/integration/{study.pk}/parties/add/", f"/integration/{study.pk}/scales/need/"):
        assert client.get(url).status_code == status, url


def test_internal_study_results_are_hidden_from_outsiders(world):
    study = StudyFactory(owner=world.a1, visibility="internal")
    for url in (f"/integration/{study.pk}/analysis/", f"/integration/{study.pk}/boundary/",
                f"/integration/{study.pk}/analysis/?export=csv"):
        assert client_for(world.other).get(url).status_code == 404
        assert client_for(world.viewer).get(url).status_code == 200
    from conftest import api_client_for

    assert api_client_for(world.other).get(f"/api/v1/integration/studies/{study.pk}/matrix/").status_code == 404


def test_api_create_adds_the_default_questionnaire(world):
    from conftest import api_client_for

    from ..models import Study

    response = api_client_for(world.editor).post("/api/v1/integration/studies/", {
        "title_fi": "Selvitys", "owner": world.a1.pk, "visibility": "public"}, format="json")
    assert response.status_code == 201, response.content
    study = Study.objects.get(pk=response.json()["id"])
    assert study.parties.count() == 21 and study.scales.count() == 3
    parties = api_client_for(None).get("/api/v1/integration/parties/", {"study": study.pk}).json()
    assert parties["count"] == 21
