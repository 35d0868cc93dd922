"""In Chromium as a municipal editor: a search synonym added by keyboard, and the general contacts
list; both pages axe-clean. Another county's user does not get the editor's organisation to pick."""

import pytest
from django.urls import reverse

from tests.browser import assert_accessible, login
from yhdyspinta.catalogue.models import SearchSynonym

pytestmark = pytest.mark.browser


def test_editor_adds_a_synonym_and_opens_the_general_contacts(live_server, browser_page, world):
    page = browser_page
    login(page, live_server, world.editor)
    page.goto(live_server.url + reverse("catalogue:synonym_add"))
    assert_accessible(page, context="synonym form")
    page.select_option("#id_language", "fi")
    page.fill("#id_phrase", "riitatilanne")
    page.fill("#id_expands_to", "perheneuvola")
    page.select_option("#id_organisation", str(world.a1.pk))
    page.focus("main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: not url.endswith("/add/"))
    page.wait_for_selector("main table")
    assert "riitatilanne" in page.inner_text("main")
    assert_accessible(page, context="synonym list")
    assert SearchSynonym.objects.get().organisation == world.a1
    page.goto(live_server.url + reverse("catalogue:general_contact_list"))
    assert_accessible(page, context="general contacts")


def test_other_county_user_is_not_offered_the_organisation(live_server, browser_page, world):
    page = browser_page
    login(page, live_server, world.other)
    page.goto(live_server.url + reverse("catalogue:synonym_add"))
    values = page.eval_on_selector_all("#id_organisation option", "os => os.map(o => o.value)")
    assert str(world.a1.pk) not in values
