"""The reporting regions page and a closed period's publication notes: axe-clean, usable by keyboard."""

import pytest

from tests.browser import assert_accessible, login
from tests.factories import member
from yhdyspinta.organisations.models import Organisation
from yhdyspinta.readiness import actions, queries
from yhdyspinta.readiness.models import ReportingRegion

pytestmark = pytest.mark.browser


def test_regions_page_and_publication_are_accessible(live_server, browser_page, transactional_db, demo_roadmap):
    page = browser_page
    owner = member(demo_roadmap.owner, "editor")
    october = demo_roadmap.periods.get(code="2021-10")
    actions.reopen_period(october, actor=owner)
    actions.close_period(october, actor=owner)
    header, rows = queries.export_roadmap(demo_roadmap)
    rows.append(["X-EXTRA", rows[0][1], "", "Uusi tehtävä", "2021-12-31", "no", "", ""])
    data = ("\n".join(",".join(header if i < 0 else rows[i]) for i in range(-1, len(rows))) + "\n").encode()
    actions.import_roadmap(demo_roadmap, data, "roadmap.csv", actor=owner)
    login(page, live_server, owner)
    for path in [f"/readiness/periods/{october.pk}/", f"/readiness/periods/{october.pk}/?version=current",
                 f"/readiness/{demo_roadmap.pk}/regions/"]:
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
    # relabel HUS by keyboard: its label field, type, Enter submits the row's form
    hus = ReportingRegion.objects.get(roadmap=demo_roadmap, organisation__code="HUS")
    page.focus(f"#id_r{hus.pk}-label")
    page.keyboard.press("Control+A")
    page.keyboard.type("HUS-yhtymä")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    hus.refresh_from_db()
    assert hus.label == "HUS-yhtymä"
    assert_accessible(page, context="regions page after saving")
    assert Organisation.objects.filter(pk=hus.organisation_id).exists()
