"""Walk 6 #13: an anonymous visitor's front page starts with the service finder (what a resident
came for), before the site search and the map; its query goes to the finder."""

import pytest
from django.urls import reverse

from conftest import client_for


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_the_front_page_starts_with_the_service_finder(world, prefix):
    page = client_for(None).get(f"{prefix}/").content.decode()
    finder = reverse("catalogue:finder")
    assert f'action="{prefix}{finder}"' in page or f'action="{finder}"' in page
    assert page.index('id="home-finder-q"') < page.index('id="home-q"') < page.index("<svg")
    assert 'for="home-finder-q"' in page and 'aria-describedby="home-finder-help"' in page


def test_its_query_is_answered_by_the_finder(world):
    response = client_for(None).get(reverse("catalogue:finder"), {"q": "kotihoito Alfala"})
    assert response.status_code == 200 and "Alfala" in response.content.decode()


def test_signed_in_users_keep_their_work_page(world):
    assert 'id="home-finder-q"' not in client_for(world.editor).get("/").content.decode()
