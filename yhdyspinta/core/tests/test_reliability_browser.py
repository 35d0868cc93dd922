"""The error pages and a refused delete are accessible (axe-core, WCAG 2.1 A/AA)."""

import pytest

from tests.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_error_pages_and_a_refused_delete_are_accessible(live_server, browser_page, world):
    from tests.factories import PersonFactory
    from yhdyspinta.catalogue.models import InterfaceOwner
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    page = browser_page
    response = page.goto(live_server.url + "/ei-tallaista-sivua/")
    assert response.status == 404
    assert_accessible(page, context="404 page")
    response = page.goto(live_server.url + "/cooperation/clock/?month=" + "9" * 5000)
    assert response.status == 400
    assert_accessible(page, context="400 page")

    person = PersonFactory(organisation=world.a1)
    interface = InterfaceFactory(parties=[world.a1])
    InterfaceOwner.objects.create(interface=interface, organisation=world.a1, person=person)
    login(page, live_server, world.editor)
    page.goto(f"{live_server.url}/organisations/people/{person.pk}/delete/")
    page.get_by_role("button", name="Poista").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, context="refused delete")
    response = page.goto(live_server.url + "/catalogue/services/import/")
    assert response.status == 200
    assert_accessible(page, context="import form with its limits")
