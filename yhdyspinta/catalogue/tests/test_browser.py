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
    actions.instantiate_templates(county, actor=coordinator, keys=["early-childhood", "sisote"], visibility="public")
    interface = Interface.objects.get(template__key="early-childhood", template_for=a1)
    for dimension, value in (("processes", 2), ("escalation", 0), ("shared_goals", 3)):
        actions.assess_maturity(interface, acting_user=coordinator, dimension=dimension, value=value)
    clinic = interface.services.get(source_key="child_health_clinic")
    clinic.how_to_get_fi = "Soita neuvolan ajanvaraukseen."
    clinic.save()
    ServicePointFactory(service=clinic, name="Keskustan neuvola", municipality=a1)
    ServiceFactory(organisation=a1, name="Kirjasto", field="libraries")
    round_ = actions.open_round(county, acting_user=coordinator, title="Kartoitus")
    actions.answer_round(round_, acting_user=coordinator, interface=interface, organisation=a1, exists="yes", agreed="no",
                         works="partly", problems="Tieto ei kulje")
    return county, a1, interface, coordinator


def test_register_card_overview_and_finder(live_server, browser_page, register):
    county, a1, interface, coordinator = register
    # a retracted assessment on the card (struck through and labelled) and the retract form, axe-checked
    actions.retract_assessment(interface.assessments.get(dimension="processes"), acting_user=coordinator,
                               reason="Arvioitiin väärä yhdyspinta")
    goals = interface.assessments.get(dimension="shared_goals")
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
                 f"/catalogue/rounds/{round_id}/answer/{a1.pk}/", f"/catalogue/assessments/{goals.pk}/retract/"]:
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
    page.goto(live_server.url + interface.get_absolute_url())
    assert "Peruttu" in page.inner_text(f"main tr#assessment-{interface.assessments.get(dimension='processes').pk}")
    page.goto(f"{live_server.url}/catalogue/overview/?area={county.pk}")
    assert "Alfala" in page.inner_text("main table")


def test_find_a_service_and_update_an_assessment_by_keyboard(live_server, browser_page, register):
    """The two main tasks of the register with the keyboard alone (no clicks)."""
    from yhdyspinta.catalogue.models import MaturityAssessment

    _county, _a1, interface, coordinator = register
    page = browser_page
    # a resident finds the child health clinic: municipality by typing its name, the need in own words
    page.goto(f"{live_server.url}/catalogue/finder/")
    page.focus("#id_municipality")
    page.keyboard.type("Alfala")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.keyboard.type("neuvolaan")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Keskustan neuvola" in page.inner_text("main")
    assert_accessible(page, context="finder results")
    # the county coordinator updates one dimension of the interface's maturity
    login(page, live_server, coordinator)
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/catalogue/interfaces/{interface.pk}/assess/")
    page.focus("#id_dim_escalation")
    page.keyboard.press("End")  # the highest value: evaluated and working
    assert page.input_value("#id_dim_escalation") == "3"
    assert page.input_value("#id_assessed_on")  # an ISO value the date picker shows (not 02.12.2026)
    page.focus("#id_comment")
    page.keyboard.type("Eskalointipolku sovittu ja testattu")
    before = MaturityAssessment.objects.filter(interface=interface).count()
    with page.expect_navigation():
        page.keyboard.press("Tab")
        while page.evaluate("document.activeElement.type") != "submit":
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    latest = interface.latest_assessments()["escalation"]
    assert latest.value == 3 and latest.comment == "Eskalointipolku sovittu ja testattu"
    assert MaturityAssessment.objects.filter(interface=interface).count() > before  # history kept


def test_finder_shows_tap_to_call_contacts_from_ptv(live_server, browser_page, transactional_db):
    """Demo data (recorded PTV format): a resident types the question and sees a tel: link."""
    from io import StringIO

    from django.urls import reverse

    from yhdyspinta.catalogue import demo

    pirkanmaa = CountyFactory(code="08", name="Pirkanmaan hyvinvointialue")
    pohjanmaa = CountyFactory(code="17", name="Pohjanmaan hyvinvointialue", name_sv="Österbottens välfärdsområde")
    MunicipalityFactory(code="837", name="Tampere", area=pirkanmaa, population=250000)
    MunicipalityFactory(code="536", name="Nokia", name_sv="Nokia", area=pirkanmaa)
    MunicipalityFactory(code="598", name="Pietarsaari", name_sv="Jakobstad", area=pohjanmaa)
    demo.load(StringIO())
    page = browser_page
    for query, number in (("lastensuojelun Nokialla", "tel:+35830005360"), ("skolkurator Jakobstad", "tel:+35860002598")):
        page.goto(live_server.url + reverse("catalogue:finder"))
        page.fill("#id_q", query)
        page.press("#id_q", "Enter")
        page.wait_for_load_state()
        assert page.locator(f'main a[href="{number}"]').count() == 1, query
        assert_accessible(page, context=query)
    assert page.locator('main a[href="tel:112"]').count() == 0  # the curator is not a crisis topic
    page.goto(live_server.url + reverse("catalogue:finder"))
    page.fill("#id_q", "lastensuojelun Nokialla")
    page.press("#id_q", "Enter")
    page.wait_for_load_state()
    assert page.locator('main .finder-crisis a[href="tel:112"]').count() == 1
    # the editors' list of public services without contacts, axe-checked
    login(page, live_server, member(pirkanmaa, "county_coordinator"))
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("catalogue:contact_gaps"))
    assert page.locator("main table caption").count() == 1
    assert_accessible(page, context="contact gaps")
