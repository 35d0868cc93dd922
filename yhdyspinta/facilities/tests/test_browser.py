"""A county coordinator records a school's health-care room leased to the county and sees its
last notice day on "My work"; the facilities pages are axe-clean in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import assert_accessible, login
from yhdyspinta.facilities.models import Lease
from yhdyspinta.facilities.rules import notice_deadline

from .factories import BuildingFactory, PremiseFactory

pytestmark = pytest.mark.browser


def test_coordinator_records_a_school_lease_and_sees_its_notice_deadline(live_server, browser_page, world):
    building = BuildingFactory(owner=world.a1, name="Alfalan koulu", use="school")
    premise = PremiseFactory(building=building, name="Kouluterveydenhoitajan huone", use="health")
    ends = timezone.localdate() + timedelta(days=200)
    page = browser_page
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/facilities/leases/add/?premise={premise.pk}")
    assert_accessible(page, context="lease form")
    page.fill("#id_reference", "ALF-2026-1")
    page.select_option("#id_landlord", str(world.a1.pk))
    page.select_option("#id_tenant", str(world.county_a.pk))
    page.fill("#id_starts_on", "2023-01-01")
    page.fill("#id_ends_on", ends.isoformat())
    page.fill("#id_notice_months", "6")
    page.fill("#id_internal_capital_cost", "5200")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    lease = Lease.objects.get(reference="ALF-2026-1")
    assert lease.premise == premise and lease.tenant == world.county_a
    assert_accessible(page, context="lease page")
    page.goto(live_server.url + "/")
    deadline = notice_deadline(ends, 6)
    panel = page.inner_text("main")
    assert "ALF-2026-1" in panel and f"{deadline.day}.{deadline.month}.{deadline.year}" in panel
    for path in ("/facilities/", "/facilities/buildings/", building.get_absolute_url(), premise.get_absolute_url()):
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
