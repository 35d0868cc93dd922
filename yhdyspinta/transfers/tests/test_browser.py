"""Transfer pages in Chromium, axe-clean (WCAG 2.1 A/AA); a check marked by keyboard."""

from datetime import date

import pytest

from tests.browser import assert_accessible, login
from tests.factories import CountyFactory, MunicipalityFactory, member
from yhdyspinta.readiness.tests.factories import TaskFactory
from yhdyspinta.transfers import actions
from yhdyspinta.transfers.models import ChecklistTemplateItem

pytestmark = pytest.mark.browser


def test_project_item_checklist_and_import_pages(live_server, browser_page, transactional_db):
    county = CountyFactory(name="Alfan hyvinvointialue")
    a1 = MunicipalityFactory(name="Alfala", area=county)
    editor = member(a1, "editor")
    task = TaskFactory(code="TE24-1", title="Työllisyyspalvelujen siirto", roadmap__owner=county)
    ChecklistTemplateItem.objects.create(kind="contract", text="Siirtoehto tarkistettu", order=1)
    project = actions.create_project(acting_user=editor, title="TE24 Alfala", transfer_date=date(2025, 1, 1),
                                     parties=[county, a1], roadmap_task=task)
    item = actions.create_item(acting_user=editor, project=project, kind="contract", title="Siivoussopimus",
                               from_party=county, to_party=a1, owner=a1, decision="moves", internal_cost=1200)
    page = browser_page
    login(page, live_server, editor)
    page.wait_for_load_state()
    for path in ["/transfers/", project.get_absolute_url(), "/transfers/items/", item.get_absolute_url(),
                 f"/transfers/{project.pk}/import/", "/transfers/checklists/", f"/transfers/items/{item.pk}/edit/",
                 f"/transfers/readiness/{task.roadmap_id}/"]:
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
    page.goto(live_server.url + item.get_absolute_url())
    page.get_by_role("button", name="Siirtoehto tarkistettu").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Tehty" in page.inner_text("main table")  # the state in words
    assert item.checks.get().done
