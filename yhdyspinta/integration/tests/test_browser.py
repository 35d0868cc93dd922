"""Browser: the respondent form by keyboard, axe-clean; the analysis and boundary pages axe-clean."""

import pytest

from tests.browser import assert_accessible, login

from ..actions import issue_links
from ..models import Answer, Respondent

pytestmark = pytest.mark.browser


def _tab_to(page, selector, limit=60):
    for _i in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} not reachable by Tab")


def test_respondent_form_by_keyboard(live_server, browser_page, world):
    from .factories import StudyFactory

    study = StudyFactory(owner=world.a1, visibility="internal")
    token = issue_links(study, 1, actor=world.editor)[0]
    page = browser_page
    page.goto(f"{live_server.url}/integration/answer/{token}/")
    assert_accessible(page, context="background page")
    # sending without a task group: the error is announced
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[role=alert]")
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert_accessible(page, context="background page with errors")
    _tab_to(page, "input[name=group]")
    page.keyboard.press("ArrowDown")  # second task group, 2.2
    page.keyboard.press("Tab")
    page.keyboard.type("Tampere")
    page.keyboard.press("Enter")
    page.wait_for_url("**?page=1")
    respondent = Respondent.objects.get(study=study)
    assert respondent.group.code == "2.2" and respondent.municipality == "Tampere"
    assert_accessible(page, context="ratings page")
    # every group starts at "don't know" (checked, so Tab lands on it); arrows move round the group
    _tab_to(page, "input[type=radio]")
    assert page.evaluate("document.activeElement.checked && document.activeElement.value === ''")
    page.keyboard.press("ArrowRight")  # wraps to 0
    page.keyboard.press("ArrowRight")  # frequency: 1
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # mutuality: 0
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**?page=2")
    first = study.parties.get(code="2.1")
    answer = Answer.objects.get(respondent=respondent, party=first)
    assert (answer.frequency, answer.mutuality, answer.need) == (1, 0, None)
    for number in (3, 4, 5):
        _tab_to(page, "main button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**?page={number}")
    assert_accessible(page, context="submit page")
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[role=status]")
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None


def test_analysis_and_boundary_pages_are_accessible(live_server, browser_page, demo_study, world):
    page = browser_page
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/integration/{demo_study.pk}/analysis/")
    assert page.locator("svg .node").count() == 21
    page.locator("svg .node").first.focus()
    assert page.evaluate("document.activeElement.getAttribute('data-node')")
    assert_accessible(page, context="analysis")
    page.goto(f"{live_server.url}/integration/{demo_study.pk}/boundary/")
    assert page.locator("text=2.2").first.is_visible()
    assert_accessible(page, context="boundary")
    page.goto(f"{live_server.url}/integration/{demo_study.pk}/")
    assert_accessible(page, context="study")


def test_survey_mapping_page_by_keyboard(live_server, browser_page, world, tmp_path):
    """A Webropol workbook uploaded, its mapping page axe-clean before and after a refusal, a
    question's meaning and a sub-question's party changed with the keyboard alone, imported."""
    from django.urls import reverse

    from .factories import StudyFactory
    from .test_webropol_two_rows import LABEL, webropol_workbook

    study = StudyFactory(owner=world.a1, visibility="internal")
    path = tmp_path / "Webropol-vastaukset.xlsx"
    path.write_bytes(webropol_workbook())
    page = browser_page
    login(page, live_server, world.editor)
    page.goto(live_server.url + reverse("integration:import", args=[study.pk]))
    page.set_input_files("input[type=file]", str(path))
    page.check("input[name=kind][value=limesurvey]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/mapping/**")
    assert_accessible(page, context="survey mapping page")
    page.screenshot(path=str(tmp_path / "mapping.png"), full_page=True)
    group = page.locator("label", has_text="Oma tehtäväryhmä").first.get_attribute("for")
    assert page.eval_on_selector(f"#{group}", "e => e.value") == "group"  # guessed from the name
    # the own task group marked "not used" by keyboard: nothing is imported, the refusal is announced
    page.focus(f"#{group}")
    page.keyboard.press("Home")
    assert page.eval_on_selector(f"#{group}", "e => e.value") == ""
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[role=alert]")
    assert not Respondent.objects.filter(study=study).exists()
    assert_accessible(page, context="survey mapping page with a refusal")
    # the group back by keyboard, and 2.3's columns pointed to "not used": imported without them
    page.focus(f"#{group}")
    page.keyboard.press("ArrowDown")
    assert page.eval_on_selector(f"#{group}", "e => e.value") == "group"
    party = page.locator("label", has_text=LABEL["2.3"]).first.get_attribute("for")
    page.focus(f"#{party}")
    page.keyboard.press("Home")
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{study.get_absolute_url()}")
    assert set(Respondent.objects.filter(study=study).values_list("source_id", flat=True)) == {"101", "102", "103"}
    assert not Answer.objects.filter(respondent__study=study, party__code="2.3").exists()
    assert Answer.objects.filter(respondent__study=study, party__code="2.1").exists()
