"""API basics: schema and docs offline, token auth, filtering and ordering, errors."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from conftest import api_client_for
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_schema_and_interactive_docs_work_offline():
    client = Client()
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"/api/v1/organisations/people/" in schema.content
    docs = client.get("/api/v1/docs/").content.decode()
    assert "drf_spectacular_sidecar" in docs and "cdn" not in docs.lower()


def test_token_authentication(world):
    from yhdyspinta.accounts.api_tokens import issue

    _token, key = issue(world.editor, write_enabled=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.post("/api/v1/organisations/units/", {"organisation": world.a1.pk, "name_fi": "Kirjasto"},
                           format="json")
    assert response.status_code == 201


def test_filtering_ordering_pagination(world):
    for n in range(3):
        MunicipalityFactory(name=f"Järvi{n}", name_fi=f"Järvi{n}", area=world.county_a, population=100 + n)
    api = api_client_for(None)
    body = api.get("/api/v1/organisations/organisations/",
                   {"q": "järvi", "ordering": "-population", "limit": 2}).json()
    assert body["count"] == 3 and [r["population"] for r in body["results"]] == [102, 101]
    assert body["next"]
    kinds = {r["kind"] for r in api.get("/api/v1/organisations/organisations/", {"kind": "county"}).json()["results"]}
    assert kinds == {"county"}


def test_field_errors_are_400(world):
    response = api_client_for(world.editor).post(
        "/api/v1/organisations/people/", {"first_name": "", "organisation": 999999}, format="json")
    assert response.status_code == 400
    assert {"first_name", "last_name", "organisation"} <= set(response.json())


def test_reference_fields_are_read_only_and_admin_only(world):
    api = api_client_for(world.org_admin)
    response = api.patch(f"/api/v1/organisations/organisations/{world.a1.pk}/",
                         {"website": "https://alfala.fi", "population": 1}, format="json")
    assert response.status_code == 200
    world.a1.refresh_from_db()
    assert world.a1.website == "https://alfala.fi" and world.a1.population == 10000
    assert api_client_for(world.editor).patch(
        f"/api/v1/organisations/organisations/{world.a1.pk}/", {"website": "https://x.fi"}, format="json"
    ).status_code == 403
    assert api_client_for(world.org_admin).patch(
        f"/api/v1/organisations/organisations/{world.b1.pk}/", {"website": "https://x.fi"}, format="json"
    ).status_code == 403


def test_memberships_are_managed_by_org_admins_only(world):
    from tests.factories import UserFactory

    newcomer = UserFactory()
    payload = {"user": newcomer.pk, "organisation": world.a1.pk, "role": "viewer"}
    assert api_client_for(world.editor).post("/api/v1/accounts/memberships/", payload, format="json").status_code == 403
    assert api_client_for(world.org_admin).post("/api/v1/accounts/memberships/", payload,
                                                format="json").status_code == 201
    assert api_client_for(None).get("/api/v1/accounts/memberships/").status_code in (401, 403) or \
        api_client_for(None).get("/api/v1/accounts/memberships/").json()["count"] == 0
    other_view = api_client_for(world.other).get("/api/v1/accounts/memberships/").json()
    assert all(row["organisation"] != world.a1.pk for row in other_view["results"])
