"""The register, an interface card, the overview and the finder in Chromium, axe-clean."""

import pytest

from tests.browser import assert_accessible, login
from tests.factories import CountyFactory, MunicipalityFactory, member
from yhdyspinta.catalogue import actions
from yhdyspinta.catalogue.models import Interface

from .factories import ServiceFactory, ServicePointFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def register(transactional_db):
    county = CountyFactory(name="Alfan hyvinvointialue")
    a1 = MunicipalityFactory(name="Alfala", area=county)
    MunicipalityFactory(name="Alfanen", area=county)
    coordinator = member(county, "county_coordinator")
    actions.instantiate_templates(county, coordinator, keys=["early-childhood", "sisote"], visibility="public")
    interface = Interface.objects.get(template__key="early-childhood", template_for=a1)
    for dimension, value in (("processes", 2), ("escalation", 0), ("shared_goals", 3)):
        actions.assess_maturity(interface, coordinator, dimension=dimension, value=value)
    clinic = interface.services.get(source_key="child_health_clinic")
    clinic.how_to_get_fi = "Soita neuvolan ajanvaraukseen."
    clinic.save()
    ServicePointFactory(service=clinic, name="Keskustan neuvola", municipality=a1)
    ServiceFactory(organisation=a1, name="Kirjasto", field="libraries")
    round_ = actions.open_round(county, coordinator, title="Kartoitus")
    actions.answer_round(round_, coordinator, interface=interface, organisation=a1, exists="yes", agreed="no",
                         works="partly", problems="Tieto ei kulje")
    return county, a1, interface, coordinator


def test_register_card_overview_and_finder(live_server, browser_page, register):
    county, a1, interface, coordinator = register
    page = browser_page
    page.goto(f"{live_server.url}/catalogue/finder/?municipality={a1.pk}&q=neuvolaan")
    assert "Keskustan neuvola" in page.inner_text("main")
    assert_accessible(page, context="finder")
    for path in ["/catalogue/", interface.get_absolute_url(), "/catalogue/services/"]:
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
    login(page, live_server, coordinator)
    page.wait_for_load_state()
    round_id = interface.mapping_answers.get().round_id
    for path in [f"/catalogue/overview/?area={county.pk}", interface.get_absolute_url(),
                 f"/catalogue/interfaces/{interface.pk}/assess/", f"/catalogue/interfaces/{interface.pk}/edit/",
                 "/catalogue/templates/", f"/catalogue/rounds/{round_id}/",
                 f"/catalogue/rounds/{round_id}/answer/{a1.pk}/"]:
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
    page.goto(f"{live_server.url}/catalogue/overview/?area={county.pk}")
    assert "Alfala" in page.inner_text("main table")
