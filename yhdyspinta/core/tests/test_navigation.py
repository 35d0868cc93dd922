"""The main menu grouped by task: at most seven top-level entries, no two entries with the same
name in any language, the service finder first for anonymous visitors, a disclosure button."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from yhdyspinta.core.context_processors import navigation
from yhdyspinta.core.navigation import MAX_TOP_LEVEL

GROUPS = {
    "fi": ["Palvelut", "Yhdyspinnat", "Yhteistyö", "Tilannekuva", "Selvitykset", "Rahoitus ja tilat"],
    "sv": ["Tjänster", "Gränsytor", "Samarbete", "Lägesbild", "Utredningar", "Finansiering och lokaler"],
    "en": ["Services", "Interfaces", "Cooperation", "Situational picture", "Studies", "Funding and premises"],
}


def _menu(lang, user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    with translation.override(lang):
        groups = navigation(request)["nav_groups"]
        return [(key, str(label), [(url, str(text)) for url, text in items]) for key, label, items in groups]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_grouped_menu_in_each_language(lang):
    menu = _menu(lang)
    assert [label for _k, label, _items in menu] == GROUPS[lang]  # every app's page is in a group
    assert len(menu) + 1 <= MAX_TOP_LEVEL  # the groups and Search
    names = [label for _k, label, _i in menu] + [text for _k, _l, items in menu for _u, text in items]
    assert len({n.casefold() for n in names}) == len(names), names
    urls = [url for _k, _l, items in menu for url, _t in items]
    assert "readiness:roadmap_list" in urls and "indicators:picture_index" in urls
    assert menu[0][2][0][0] == "catalogue:finder"  # anonymous: the finder first


@pytest.mark.django_db
def test_the_page_has_the_menu_button_and_groups(client):
    page = client.get("/").content.decode()
    assert 'class="menu-toggle" aria-expanded="false" aria-controls="main-nav-list"' in page
    assert page.count('<li class="nav-group"') == len(GROUPS["fi"])
    assert page.index('data-group="services"') < page.index('data-group="interfaces"')
    assert "<summary>Tilannekuva</summary>" in page and page.count(">Tilannekuva<") == 1
