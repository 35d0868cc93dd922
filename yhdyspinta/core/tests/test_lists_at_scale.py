"""Lists that stay cheap on national tables: capped counts, index order, restricted filter choices."""

import pytest
from django.test import Client

from conftest import api_client_for, client_for
from yhdyspinta.core import pagination
from yhdyspinta.organisations.models import Organisation


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 2)


def test_capped_count_stops_at_the_limit(world, small_cap):
    total = Organisation.objects.count()
    assert total > 3
    assert pagination.capped_count(Organisation.objects.all()) == (2, False)
    assert pagination.capped_count(Organisation.objects.all(), at_least=total) == (total, True)
    assert pagination.capped_count([1, 2]) == (2, True)
    assert pagination.capped_count(Organisation.objects.all(), at_least=2**64) == (total, True)


def test_api_count_is_marked_as_a_lower_bound_and_paging_goes_on(world, small_cap):
    api = api_client_for(world.viewer)
    first = api.get("/api/v1/organisations/organisations/?limit=1").json()
    assert first["count"] == 2 and first["count_exact"] is False and "offset=1" in first["next"]
    ids, url = [], "/api/v1/organisations/organisations/?limit=2"
    while url:
        page = api.get(url).json()
        ids += [row["id"] for row in page["results"]]
        url = page["next"]
    assert ids == sorted(Organisation.objects.values_list("pk", flat=True))  # every row once, in pk order
    assert page["count_exact"] is True and page["count"] == len(ids)


def test_api_count_is_exact_under_the_limit(world):
    body = api_client_for(world.viewer).get("/api/v1/organisations/organisations/?limit=2").json()
    assert body["count_exact"] is True and body["count"] == Organisation.objects.count()


def test_list_page_says_more_than(world, small_cap):
    page = client_for(world.viewer).get("/organisations/")
    assert page.status_code == 200
    text = page.content.decode()
    assert '<span role="status">Yli 2 tulosta</span>' in text


def test_filter_choices_hide_internal_records(world):
    from yhdyspinta.cooperation.tests.factories import ForumFactory

    ForumFactory(area=world.county_a, name="Salainen ryhmä", name_fi="Salainen ryhmä", visibility="internal")
    ForumFactory(area=world.county_a, name="Avoin ryhmä", name_fi="Avoin ryhmä")
    anonymous = Client().get("/cooperation/escalations/").content.decode()
    assert "Avoin ryhmä" in anonymous and "Salainen ryhmä" not in anonymous
    outsider = client_for(world.other).get("/cooperation/escalations/").content.decode()
    assert "Salainen ryhmä" not in outsider
    insider = client_for(world.coordinator).get("/cooperation/escalations/").content.decode()
    assert "Salainen ryhmä" in insider
