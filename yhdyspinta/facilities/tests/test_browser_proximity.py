"""A county coordinator finds the schools of a municipality without an on-site curator, from the
county's view to the check; the proximity pages are axe-clean in Chromium."""

import pytest

from tests.browser import assert_accessible, login
from tests.factories import UnitFactory

from .factories import SchoolFactory, WelfareServiceFactory

pytestmark = pytest.mark.browser


def _school(org, name, *kinds):
    school = SchoolFactory(unit=UnitFactory(organisation=org, name=name), pupils=120)
    for kind in kinds:
        WelfareServiceFactory(school=school, kind=kind, provider=org.area)
    return school


def test_coordinator_finds_the_schools_of_a_municipality_without_an_on_site_curator(live_server, browser_page,
                                                                                     world):
    _school(world.a1, "Alfalan keskuskoulu", "health", "curator", "psychologist")
    lonely = _school(world.a1, "Kirkonkylän koulu", "health", "psychologist")
    _school(world.a2, "Alfasen koulu", "health")  # another municipality: not in the answer
    page = browser_page
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/facilities/schools/county/{world.county_a.pk}/")
    assert_accessible(page, context="county view")
    page.click(f"main table a[href$='/facilities/schools/municipality/{world.a1.pk}/']")
    page.wait_for_load_state()
    assert_accessible(page, context="municipality view")
    page.click(f"main p a[href$='?municipality={world.a1.pk}']")
    page.wait_for_load_state()
    assert_accessible(page, context="check")
    curator = page.inner_text("section[aria-labelledby='without-curator-h']")
    assert "Kirkonkylän koulu" in curator
    assert "Alfalan keskuskoulu" not in curator and "Alfasen koulu" not in curator
    assert "1287/2013 9 §" in curator
    staffing = page.inner_text("section[aria-labelledby='staffing-h'] table")  # the ratios, in words
    assert "670" in staffing and "780" in staffing and "Alfan hyvinvointialue" in staffing
    page.click("section[aria-labelledby='without-curator-h'] table a")
    page.wait_for_load_state()
    assert page.url.endswith(lonely.get_absolute_url())
    assert_accessible(page, context="school page")
    for path in ("/facilities/schools/", "/facilities/schools/import/", "/facilities/schools/check/",
                 f"/facilities/welfare/add/?school={lonely.pk}", f"{lonely.get_absolute_url()}edit/"):
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)


def test_the_legal_basis_is_one_readable_entry_per_act_at_1200_and_320_px(live_server, browser_page, world):
    """Walk 5, #16: the same act was listed twice, its explanation squeezed into a narrow column."""
    _school(world.a1, "Kirkonkylän koulu", "health")
    page = browser_page
    page.goto(f"{live_server.url}/facilities/schools/check/")
    section = "section[aria-labelledby='basis-h']"
    entries = page.locator(f"{section} li strong").all_inner_texts()
    assert len(entries) == len(set(entries)) and sum("1287/2013 9 §" in e for e in entries) == 1
    for width in (1200, 320):
        page.set_viewport_size({"width": width, "height": 900})
        widths = page.evaluate(f"""() => {{
            const box = document.querySelector("{section}").getBoundingClientRect().width;
            return [box, ...[...document.querySelectorAll("{section} li p")].map(p => p.getBoundingClientRect().width)];
        }}""")
        assert min(widths[1:]) >= 0.7 * widths[0], (width, widths)  # the explanation uses the section's width
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    assert_accessible(page, context="legal basis at 320 px")
