"""API 404s: in the reader's language and without the model's class name (walk 5 #22)."""

import pytest

from conftest import api_client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang,text", [("fi", "Ei löydy."), ("sv", "Hittades inte."), ("en", "Not found.")])
@pytest.mark.parametrize("url", ["/api/v1/transfers/projects/999999/", "/api/v1/facilities/leases/999999/"])
def test_missing_record_is_a_translated_404_naming_no_model(world, url, lang, text):
    response = api_client_for(world.other).get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert detail == text
    assert "matches the given query" not in detail
