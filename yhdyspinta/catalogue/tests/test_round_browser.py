"""Browser: a county coordinator's mapping round from opening to accepted maturity assessments,
answered by a municipal official, refused to another county's user and to the anonymous; then
the municipality's overview page for each of them (issue 15, axe on every step)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.browser import assert_accessible, login
from yhdyspinta.catalogue import actions
from yhdyspinta.catalogue.models import (
    Interface,
    MappingAnswer,
    MappingRound,
    MaturityAssessment,
    helsinki_today,
)

pytestmark = pytest.mark.browser


def _as(page, live_server, user):
    page.context.clear_cookies()
    if user is not None:
        login(page, live_server, user)


def _choose(page, name, value):
    """A choice field as the page renders it (radio buttons or a drop-down)."""
    if page.locator(f"input[type=radio][name='{name}']").count():
        page.check(f"input[type=radio][name='{name}'][value='{value}']")
    else:
        page.select_option(f"select[name='{name}']", value)


def test_mapping_round_from_opening_to_accepted_assessments(live_server, browser_page, world, tmp_path):
    actions.instantiate_templates(world.county_a, actor=world.coordinator, keys=["early-childhood", "employment"])
    interfaces = list(Interface.objects.filter(template_for=world.a1, template__key__in=["early-childhood",
                                                                                        "employment"]))
    assert len(interfaces) == 2
    page = browser_page
    # the coordinator opens the round on its page
    _as(page, live_server, world.coordinator)
    page.goto(live_server.url + reverse("catalogue:round_add"))
    assert_accessible(page, context="open a round")
    page.select_option("#id_area", str(world.county_a.pk))
    page.fill("#id_title", "Yhdyspintakartoitus 2026")
    today = helsinki_today()
    page.fill("#id_opens_on", today.isoformat())
    page.fill("#id_closes_on", (today + timedelta(days=30)).isoformat())
    page.click("main form button[type=submit]")
    round_ = MappingRound.objects.get(title="Yhdyspintakartoitus 2026")
    page.wait_for_url(f"**{round_.get_absolute_url()}")
    assert_accessible(page, context="round page, open")
    # the municipal official answers for a1 from the round page
    _as(page, live_server, world.editor)
    page.goto(live_server.url + round_.get_absolute_url())
    answer_url = reverse('catalogue:round_answer', args=[round_.pk, world.a1.pk])
    page.click(f"a[href='{answer_url}']")
    page.wait_for_url(f"**{answer_url}")
    assert_accessible(page, context="answer page")
    for interface, works in zip(interfaces, ("partly", "yes"), strict=True):
        _choose(page, f"i{interface.pk}-exists", "yes")
        _choose(page, f"i{interface.pk}-agreed", "yes")
        _choose(page, f"i{interface.pk}-works", works)
    page.fill(f"textarea[name='i{interfaces[0].pk}-problems']", "Tieto ei kulje")
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert MappingAnswer.objects.filter(round=round_, organisation=world.a1).count() == 2
    # another county's user and the anonymous do not get the round
    _as(page, live_server, world.other)
    assert page.goto(live_server.url + round_.get_absolute_url()).status == 404
    _as(page, live_server, None)
    page.goto(live_server.url + round_.get_absolute_url())
    assert "/login/" in page.url
    # the coordinator closes it, reads the summary and records the proposed assessments
    _as(page, live_server, world.coordinator)
    page.goto(live_server.url + round_.get_absolute_url())
    page.click("form[action$='/close/'] button")
    page.wait_for_selector("#closing-h")
    assert_accessible(page, context="closing summary")
    page.screenshot(path=str(tmp_path / "summary.png"), full_page=True)
    assert "Tieto ei kulje" in page.inner_text("section[aria-labelledby=closing-h]")
    page.click("section[aria-labelledby=closing-h] button[type=submit]")
    page.wait_for_selector(".message-success")
    recorded = {a.interface_id: a.value for a in MaturityAssessment.objects.filter(dimension="processes")}
    assert recorded == {interfaces[0].pk: 2, interfaces[1].pk: 3}
    # the municipality's page shows its interfaces with their maturity and its round answers
    overview = reverse("organisations:organisation_overview", args=[world.a1.pk])
    for who, user in (("coordinator", world.coordinator), ("official", world.editor), ("other county", world.other),
                      ("anonymous", None)):
        _as(page, live_server, user)
        response = page.goto(live_server.url + overview)
        assert response.status == 200, who
        assert_accessible(page, context=f"overview of a1 as {who}")
        page.screenshot(path=str(tmp_path / f"overview-{who}.png"), full_page=True)
        text = page.inner_text("main")
        assert world.a1.name in text
        if user in (world.coordinator, world.editor):
            assert "Yhdyspintakartoitus 2026" in text and str(interfaces[0]) in text, who
        else:  # the round and the internal interfaces are not theirs to read
            assert "Yhdyspintakartoitus 2026" not in text, who
