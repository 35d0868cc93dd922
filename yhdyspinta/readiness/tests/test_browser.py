"""The national table, the map and a region's editable report: axe-clean and usable by keyboard."""

import pytest

from tests.browser import assert_accessible, login
from tests.factories import member
from yhdyspinta.organisations.models import Organisation
from yhdyspinta.readiness.models import StatusReport

pytestmark = pytest.mark.browser


def test_readiness_pages_are_accessible(live_server, browser_page, transactional_db, demo_roadmap):
    page = browser_page
    october = demo_roadmap.periods.get(code="2021-10")
    november = demo_roadmap.periods.get(code="2021-11")
    pirkanmaa = Organisation.objects.get(kind="county", code="08")
    for path in [f"/readiness/periods/{october.pk}/", f"/readiness/periods/{october.pk}/map/?figure=done_pct",
                 f"/readiness/periods/{october.pk}/areas/yhdyspinnat/", f"/readiness/{demo_roadmap.pk}/trend/",
                 f"/readiness/periods/{october.pk}/overdue/", f"/readiness/{demo_roadmap.pk}/", "/readiness/"]:
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
    assert "ei raportoitu" in page.goto(live_server.url + f"/readiness/periods/{october.pk}/").text()
    # a region's editor reports by keyboard on the open period
    editor = member(pirkanmaa, "editor")
    login(page, live_server, editor)
    page.goto(live_server.url + f"/readiness/periods/{november.pk}/regions/{pirkanmaa.pk}/")
    assert_accessible(page, context="region page")
    report = StatusReport.objects.filter(period=november, region=pirkanmaa, status="not_started").first()
    page.focus(f"#status-{report.task_id}")
    page.keyboard.press("End")  # last option: not applicable
    page.focus(f"#comment-{report.task_id}")
    page.keyboard.type("Ei koske meitä")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    report.refresh_from_db()
    assert (report.status, report.comment) == ("not_applicable", "Ei koske meitä")
    assert_accessible(page, context="region page after saving")
