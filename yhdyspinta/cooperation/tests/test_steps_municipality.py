"""The SISOTE checklist per municipality as well as per county (issue 15): a municipality's own
page and ticks, its county's page listing the municipalities' progress, the overview's section."""

from conftest import client_for
from yhdyspinta.cooperation.models import StepTick

from .factories import ForumFactory, MeetingFactory


def test_a_municipality_keeps_its_own_checklist(world):
    own = MeetingFactory(forum=ForumFactory(area=world.county_a, name="Hyte-ryhmä", name_fi="Hyte-ryhmä"))
    other = MeetingFactory(forum=ForumFactory(area=world.county_b, name="Muu ryhmä", name_fi="Muu ryhmä"))
    editor = client_for(world.editor)  # an editor of the municipality a1
    form = editor.get("/cooperation/steps/tick/", {"county": world.a1.pk, "item": "need_raised"}).context["form"]
    offered = set(form.fields["meeting"].queryset)
    assert own in offered and other not in offered  # its county's forums' meetings
    response = editor.post("/cooperation/steps/tick/", {
        "county": world.a1.pk, "item": "need_raised", "done_on": "2026-02-01",
        "evidence": "Sivistyslautakunta käsitteli", "meeting": own.pk})
    assert response.status_code == 302, response.context["form"].errors
    tick = StepTick.objects.get(county=world.a1)
    assert tick.meeting == own
    page = client_for(None).get(f"/cooperation/steps/{world.a1.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sivistyslautakunta käsitteli" in page and "1 of 13" in page
    assert "The municipality is at step 1." in page and f"/cooperation/steps/{world.county_a.pk}/" in page
    # another county's user and a viewer may not tick the municipality's items
    for user in (world.other, world.viewer):
        refused = client_for(user).post("/cooperation/steps/tick/", {
            "county": world.a1.pk, "item": "network_found", "done_on": "2026-02-01", "evidence": "x"})
        assert refused.status_code in (200, 403)
    assert StepTick.objects.filter(county=world.a1).count() == 1
    # the county's own checklist is apart from its municipalities'
    assert not StepTick.objects.filter(county=world.county_a).exists()


def test_the_countys_page_lists_its_municipalities_progress(world):
    StepTick.objects.create(county=world.a1, item="need_raised", evidence="x")
    StepTick.objects.create(county=world.a1, item="network_found", evidence="y")
    page = client_for(None).get(f"/cooperation/steps/{world.county_a.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The municipalities of" in page
    assert f'/cooperation/steps/{world.a1.pk}/">Alfala</a>' in page and "2 / 13" in page
    assert f'/cooperation/steps/{world.a2.pk}/">Alfanen</a>' in page and "0 / 13" in page
    assert "Betala" not in page  # another county's municipality
    # a unit or another kind of organisation has no checklist
    from tests.factories import MunicipalityFactory

    company = MunicipalityFactory(kind="company", name="Yhtiö Oy", area=world.county_a)
    assert client_for(None).get(f"/cooperation/steps/{company.pk}/").status_code == 404


def test_the_overview_shows_the_municipalitys_steps(world):
    StepTick.objects.create(county=world.a1, item="need_raised", evidence="x")
    page = client_for(None).get(f"/organisations/{world.a1.pk}/overview/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="s-sisote"' in text and f'/cooperation/steps/{world.a1.pk}/"' in text
    assert "1 / 3" in text and "current step" in text
    csv = client_for(None).get(f"/organisations/{world.a1.pk}/overview/", {"export": "csv"},
                               HTTP_ACCEPT_LANGUAGE="en").content.decode("utf-8-sig")
    assert "1. The need for interface work is raised and discussed" in csv
