"""Browser: a county builds its own roadmap of its municipalities' tasks on pages (roadmap, an area
named with ä, a sub-area, tasks, a municipality as reporting region, a period), the municipal
official reports one area's tasks at a time on the region page; another county's user and the
anonymous get nothing (issue 15 item 6, axe on every page)."""

import pytest
from django.urls import reverse

from tests.browser import assert_accessible, login
from yhdyspinta.readiness.models import (
    Area,
    Period,
    ReportingRegion,
    Roadmap,
    RoadmapTask,
    StatusReport,
    SubArea,
)

pytestmark = pytest.mark.browser


def _submit(page):
    page.click("main form:not([role=search]) button[type=submit] >> nth=-1")
    page.wait_for_load_state()


def test_a_county_roadmap_of_its_municipalities_on_pages(live_server, browser_page, world, tmp_path):
    page = browser_page
    url = live_server.url
    login(page, live_server, world.coordinator)
    page.goto(url + reverse("readiness:roadmap_add"))
    assert_accessible(page, context="roadmap form")
    page.fill("#id_name", "Alfan kuntien siirtotehtävät")
    page.select_option("#id_owner", str(world.county_a.pk))
    page.fill("#id_target_date", "2027-01-01")
    page.select_option("#id_visibility", "internal")
    _submit(page)
    roadmap = Roadmap.objects.get(name="Alfan kuntien siirtotehtävät")
    for code, name in (("tyollisyys", "Työllisyys"), ("hallinto", "Hallinto")):
        page.goto(url + reverse("readiness:area_add") + f"?roadmap={roadmap.pk}")
        page.fill("#id_code", code)
        page.fill("#id_name", name)
        _submit(page)
    assert_accessible(page, context="roadmap page with areas")
    work = Area.objects.get(roadmap=roadmap, code="tyollisyys")
    page.click(f"a[href='{reverse('readiness:subarea_add')}?area={work.pk}']")
    page.wait_for_url(f"**{reverse('readiness:subarea_add')}?area={work.pk}")
    assert_accessible(page, context="sub-area form")
    page.fill("#id_code", "palvelut")
    page.fill("#id_letter", "A")
    page.fill("#id_name", "Työllisyyspalvelut")
    _submit(page)
    sub = SubArea.objects.get(area=work)
    for code, area, subarea in (("T1", work, sub), ("T2", work, None), ("H1", Area.objects.get(code="hallinto"), None)):
        page.goto(url + reverse("readiness:task_add") + f"?roadmap={roadmap.pk}")
        page.select_option("#id_area", str(area.pk))
        if subarea:
            page.select_option("#id_subarea", str(subarea.pk))
        page.fill("#id_code", code)
        page.fill("#id_title", f"Tehtävä {code}")
        page.fill("#id_due_date", "2026-06-30")
        _submit(page)
    assert RoadmapTask.objects.filter(roadmap=roadmap).count() == 3
    # the municipality a1 reports on the county's roadmap
    page.goto(url + reverse("readiness:roadmap_regions", args=[roadmap.pk]))
    assert_accessible(page, context="reporting regions")
    page.select_option("form[aria-labelledby=add-region-heading] select", str(world.a1.pk))
    page.click("form[aria-labelledby=add-region-heading] button[type=submit]")
    page.wait_for_load_state()
    assert ReportingRegion.objects.filter(roadmap=roadmap, organisation=world.a1).exists()
    page.goto(url + roadmap.get_absolute_url())
    page.fill("#id_code", "2026-06")
    page.fill("#id_end_date", "2026-06-30")
    page.fill("#id_progress_end", "2026-06-30")
    page.click(f"form[action='{reverse('readiness:period_add', args=[roadmap.pk])}'] button")
    page.wait_for_load_state()
    period = Period.objects.get(roadmap=roadmap, code="2026-06")
    page.goto(url + reverse("readiness:national", args=[period.pk]))
    assert_accessible(page, context="period page")
    page.click(f"a[href='{reverse('readiness:subareas', args=[period.pk, 'tyollisyys'])}']")  # was a 500 for ä
    assert "Työllisyyspalvelut" in page.inner_text("main")
    assert_accessible(page, context="sub-area table of Työllisyys")
    # the municipal official reports Työllisyys' tasks only
    page.context.clear_cookies()
    login(page, live_server, world.editor)
    region = reverse("readiness:region", args=[period.pk, world.a1.pk])
    page.goto(url + region)
    page.click("nav.area-sections a:has-text('Työllisyys')")
    page.wait_for_url("**?area=tyollisyys**")
    page.wait_for_selector("form[aria-labelledby=tasks-heading] select")  # the new page parsed
    assert page.locator("select[name^=status-]").count() == 2  # T1 and T2, not H1
    assert_accessible(page, context="region page, one area")
    page.screenshot(path=str(tmp_path / "region-area.png"), full_page=True)
    t1 = RoadmapTask.objects.get(roadmap=roadmap, code="T1")
    page.select_option(f"#status-{t1.pk}", "done")
    page.click("form[aria-labelledby=tasks-heading] button[type=submit] >> nth=0")
    page.wait_for_url("**?area=tyollisyys**")
    page.wait_for_selector("form[aria-labelledby=tasks-heading] select")  # the new page parsed
    assert StatusReport.objects.get(period=period, region=world.a1, task=t1).status == "done"
    assert page.locator("select[name^=status-]").count() == 2
    # another county's user and the anonymous: the internal roadmap is not theirs
    for user in (world.other, None):
        page.context.clear_cookies()
        if user:
            login(page, live_server, user)
        response = page.goto(url + region)
        assert response.status in (403, 404) or "/login/" in page.url, user
        assert "Työllisyys" not in page.inner_text("body")
