"""The "My work" home page (core/mywork.py and the apps' mywork.py): content per role, links,
nothing another county may not see, the public front page for anonymous visitors, "changed
since my previous visit", and a bounded number of queries."""

from datetime import timedelta
from pathlib import Path

import pytest
from auditlog.context import set_actor
from django.utils import timezone

from conftest import client_for
from tests.factories import PersonFactory, UserFactory
from yhdyspinta.catalogue.models import MappingAnswer
from yhdyspinta.catalogue.tests.factories import (
    AssessmentFactory,
    InterfaceFactory,
    MappingRoundFactory,
)
from yhdyspinta.cooperation.models import Duty, DutyRule
from yhdyspinta.cooperation.tests.factories import (
    AgendaItemFactory,
    AgreementFactory,
    DecisionFactory,
    FollowUpActionFactory,
    MeetingFactory,
    forum_for,
)
from yhdyspinta.core import mywork
from yhdyspinta.indicators.tests.factories import WelfareReportFactory
from yhdyspinta.readiness.tests.factories import reporting_setup


@pytest.fixture
def desk(world):
    """Work for A1 and county A, and the same kinds of things for B1 (which A's people must not see)."""
    today = timezone.localdate()
    now = timezone.now()
    d = {}
    d["i1"] = InterfaceFactory(title="Neuvola-yhteistyö A1", visibility="internal", parties=[world.county_a, world.a1])
    d["i2"] = InterfaceFactory(title="Koulupsykologit A2", visibility="public", parties=[world.county_a, world.a2])
    d["ib"] = InterfaceFactory(title="Betan salainen yhdyspinta", visibility="internal",
                               parties=[world.county_b, world.b1])
    AssessmentFactory(interface=d["i1"], dimension="service_guidance", value=0)
    AssessmentFactory(interface=d["i1"], dimension="processes", value=2)
    AssessmentFactory(interface=d["i2"], dimension="processes", value=3)
    AssessmentFactory(interface=d["ib"], dimension="processes", value=0)
    d["round_a"] = MappingRoundFactory(area=world.county_a, title="Kartoitus Alfa 2026",
                                       opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=5))
    d["round_b"] = MappingRoundFactory(area=world.county_b, title="Kartoitus Beta 2026",
                                       opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=5))
    # round A was opened with the county chosen as a respondent too (cooperation.RoundScope)
    from yhdyspinta.cooperation.models import RoundRespondent, RoundScope

    RoundScope.objects.create(round=d["round_a"]).interfaces.set([d["i1"], d["i2"]])
    RoundRespondent.objects.bulk_create([RoundRespondent(round=d["round_a"], organisation=o)
                                         for o in (world.county_a, world.a1, world.a2)])
    MappingAnswer.objects.create(round=d["round_a"], interface=d["i2"], organisation=world.county_a)
    _roadmap, _tasks, period = reporting_setup(world.county_a, [world.county_a, world.a1], tasks=3)
    period.end_date = today
    period.code = "nyt"
    period.save()
    d["period"] = period
    d["person"] = PersonFactory(organisation=world.a1, user=world.editor, first_name="Eetu", last_name="Editori")
    forum = forum_for(world.a1, name="Alfalan hyte-ryhmä")
    meeting = MeetingFactory(forum=forum, starts_at=now + timedelta(days=5))
    decision = DecisionFactory(item=AgendaItemFactory(meeting=meeting))
    d["late"] = FollowUpActionFactory(decision=decision, owner=d["person"], title="Myöhässä oleva toimenpide",
                                      deadline=today - timedelta(days=3))
    d["soon"] = FollowUpActionFactory(decision=decision, owner=d["person"], title="Tuleva toimenpide",
                                      deadline=today + timedelta(days=10))
    FollowUpActionFactory(decision=decision, owner=d["person"], title="Valmis toimenpide", status="done",
                          deadline=today - timedelta(days=10))
    d["meeting"] = meeting
    forum_b = forum_for(world.b1, name="Betalan salainen ryhmä", visibility="internal")
    d["meeting_b"] = MeetingFactory(forum=forum_b, starts_at=now + timedelta(days=4), visibility="internal")
    d["agreement"] = AgreementFactory(title="Alfan sopimus", parties=[world.county_a, world.a1],
                                      valid_until=today + timedelta(days=40), reminder_days=60, visibility="internal")
    d["agreement_b"] = AgreementFactory(title="Betan sopimus", parties=[world.county_b, world.b1],
                                        valid_until=today + timedelta(days=40), reminder_days=60,
                                        visibility="internal")
    rule = DutyRule.objects.create(key="testi", title="Testivelvoite", legal_source="Testilaki 1 §",
                                   applies_to="county", period_kind="yearly")
    d["duty"] = Duty.objects.create(rule=rule, county=world.county_a, municipality=world.a1,
                                    period_start=today.replace(month=1, day=1), period_end=today,
                                    period_label=str(today.year), due_date=today + timedelta(days=7))
    d["report"] = WelfareReportFactory(organisation=world.a1, title="Alfalan hyvinvointikertomus",
                                       status="submitted", submitted_at=now - timedelta(hours=2))
    d["report_b"] = WelfareReportFactory(organisation=world.b1, title="Betalan hyvinvointikertomus",
                                         status="submitted", submitted_at=now - timedelta(hours=2))
    return d


def page(user):
    response = client_for(user).get("/")
    assert response.status_code == 200
    return response


def panel_keys(response):
    return [p["key"] for p in response.context["panels"]]


def panel(response, key):
    return next(p["result"] for p in response.context["panels"] if p["key"] == key)


def test_anonymous_visitors_get_the_public_front_page(world, desk):
    response = client_for(None).get("/")
    assert response.status_code == 200
    assert "core/home.html" in [t.name for t in response.templates]
    text = response.content.decode()
    assert "areas" in response.context and "map_svg" in response.context
    for secret in ("Neuvola-yhteistyö A1", "Kartoitus Alfa", "Alfan sopimus", "Alfalan hyvinvointikertomus"):
        assert secret not in text
    assert "panels" not in response.context


def test_signed_in_users_may_still_open_the_public_front_page(world, desk):
    response = client_for(world.editor).get("/?view=public")
    assert "core/home.html" in [t.name for t in response.templates]


def test_municipal_editor_sees_their_work_with_links(world, desk):
    response = page(world.editor)
    keys = panel_keys(response)
    assert "approvals" not in keys  # an editor approves nothing: no panel
    assert keys[:2] == ["rounds", "readiness"]

    rounds = panel(response, "rounds")
    assert [(i.text, i.url) for i in rounds.items] == [
        ("Kartoitus Alfa 2026", f"/catalogue/rounds/{desk['round_a'].pk}/answer/{world.a1.pk}/")]
    assert rounds.items[0].note.startswith("1 / 1 yhdyspinnasta vastaamatta")
    assert rounds.items[0].flag  # closes within a week: said in words

    readiness = panel(response, "readiness")
    assert [i.url for i in readiness.items] == [f"/readiness/periods/{desk['period'].pk}/regions/{world.a1.pk}/"]
    assert readiness.items[0].note.startswith("3 / 3 tehtävästä ilman tilaa")

    actions = panel(response, "actions")
    assert [i.text for i in actions.items] == ["Myöhässä oleva toimenpide", "Tuleva toimenpide"]  # late first
    assert actions.items[0].flag and not actions.items[1].flag
    assert actions.items[0].url == desk["late"].get_absolute_url()

    meetings = panel(response, "meetings")
    assert [i.url for i in meetings.items] == [desk["meeting"].get_absolute_url()]

    agreements = panel(response, "agreements")
    assert [i.text for i in agreements.items] == ["Alfan sopimus"]
    assert agreements.items[0].flag  # its reminder date has come

    duties = panel(response, "duties")
    assert [i.url for i in duties.items] == [desk["duty"].get_absolute_url()]

    weakest = panel(response, "weakest")
    assert [i.text for i in weakest.items] == ["Neuvola-yhteistyö A1"]  # only A1's interfaces
    assert "0/3" in weakest.items[0].note

    text = response.content.decode()
    for secret in ("Betan salainen yhdyspinta", "Kartoitus Beta", "Betan sopimus", "Betalan",
                   "Koulupsykologit A2"):
        assert secret not in text
    # accessible structure: one heading per panel, lists, the count in words
    assert text.count('<section class="mywork-panel"') == len(keys)
    assert text.count("<h2 id=\"panel-") == len(keys)


def test_county_coordinator_sees_the_county_and_approvals(world, desk):
    response = page(world.coordinator)
    approvals = panel(response, "approvals")
    assert [i.url for i in approvals.items] == [desk["report"].get_absolute_url()]  # not B's report
    rounds = panel(response, "rounds")
    assert [i.note[:6] for i in rounds.items] == ["1 / 2 "]  # county A answered i2, not i1
    assert rounds.items[0].url == f"/catalogue/rounds/{desk['round_a'].pk}/answer/{world.county_a.pk}/"
    weakest = panel(response, "weakest")
    assert [i.text for i in weakest.items] == ["Neuvola-yhteistyö A1", "Koulupsykologit A2"]  # weakest first
    assert panel(response, "actions").items == []  # owns none
    text = response.content.decode()
    assert "Sinulla ei ole avoimia toimenpiteitä." in text  # the empty state, in words
    for secret in ("Betan salainen yhdyspinta", "Betalan hyvinvointikertomus", "Betan sopimus"):
        assert secret not in text


def test_organisation_admin_gets_the_approval_panel(world, desk):
    approvals = panel(page(world.org_admin), "approvals")
    assert [i.text.split(" (")[0] for i in approvals.items] == ["Alfalan hyvinvointikertomus"]


def test_another_countys_user_sees_nothing_of_ours(world, desk):
    response = page(world.other)
    text = response.content.decode()
    for secret in ("Neuvola-yhteistyö A1", "Koulupsykologit A2", "Kartoitus Alfa", "Alfan sopimus",
                   "Alfalan hyvinvointikertomus", "Myöhässä oleva toimenpide", "Alfalan hyte-ryhmä", "Testivelvoite"):
        assert secret not in text
    assert [i.text for i in panel(response, "rounds").items] == ["Kartoitus Beta 2026"]
    assert [i.text for i in panel(response, "agreements").items] == ["Betan sopimus"]
    assert [i.url for i in panel(response, "meetings").items] == [desk["meeting_b"].get_absolute_url()]


def test_a_user_without_organisation_gets_empty_states(world, desk):
    response = page(UserFactory())
    assert panel_keys(response) == ["actions", "meetings"]
    text = response.content.decode()
    assert text.count('class="mywork-empty"') == 2


def test_changed_since_the_previous_visit(world, desk):
    first = page(world.editor)  # first sign-in: no previous visit, the last 14 days
    assert first.context["since"] is None
    assert "Neuvola-yhteistyö A1" in [i.text for i in panel(first, "changed").items]

    later = client_for(world.editor)  # a new sign-in: since the previous one
    response = later.get("/")
    assert response.context["since"] is not None
    assert panel(response, "changed").items == []

    i1 = desk["i1"]
    with set_actor(world.coordinator):
        i1.summary = "Uusi kuvaus"
        i1.save()
        AssessmentFactory(interface=i1, dimension="information_flow", value=1)
    with set_actor(world.editor):  # one's own changes are not news
        desk["i2"].summary = "Muutos"
        desk["i2"].save()
    response = later.get("/")
    changed = panel(response, "changed")
    assert [(i.text, i.note.split(",")[0]) for i in changed.items] == [("Neuvola-yhteistyö A1", "2 muutosta")]
    assert changed.items[0].url.startswith("/history/")
    assert later.get(changed.items[0].url).status_code == 200
    # the same session keeps its "since": reloading does not empty the list
    assert [i.text for i in panel(later.get("/"), "changed").items] == ["Neuvola-yhteistyö A1"]
    # another county's user never sees our interface in their list
    outsider = client_for(world.other)
    with set_actor(world.coordinator):
        desk["ib"].summary = "Beta muuttui"
        desk["ib"].save()
    assert "Neuvola-yhteistyö A1" not in outsider.get("/").content.decode()


def test_internal_records_on_the_page_are_logged_as_reads(world, desk):
    from yhdyspinta.core.models import AccessLog

    page(world.editor)
    details = set(AccessLog.objects.filter(user=world.editor, action="read").values_list("detail", flat=True))
    assert details == {"my work"}
    logged = AccessLog.objects.filter(user=world.editor, action="read", content_type__model="interface")
    assert logged.get().object_ids == str(desk["i1"].pk)


def test_every_panel_link_opens(world, desk):
    for user in (world.editor, world.coordinator, world.org_admin):
        client = client_for(user)
        response = client.get("/")
        for p in response.context["panels"]:
            for item in p["result"].items:
                assert client.get(item.url).status_code == 200, (p["key"], item.url)
            if p["result"].more_url:
                assert client.get(p["result"].more_url).status_code == 200, (p["key"], p["result"].more_url)


def count_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries.captured_queries)


def test_the_page_needs_few_queries_however_much_there_is(world, desk, django_assert_max_num_queries):
    client = client_for(world.coordinator)
    client.get("/")  # warm caches (content types, templates)
    with django_assert_max_num_queries(50):
        assert client.get("/").status_code == 200
    before = count_queries(client)
    today = timezone.localdate()
    for k in range(6):  # more of everything: no query per item
        interface = InterfaceFactory(title=f"Lisä {k}", parties=[world.county_a, world.a1])
        AssessmentFactory(interface=interface, dimension="processes", value=k % 4)
        WelfareReportFactory(organisation=world.a1, status="submitted", submitted_at=timezone.now())
        AgreementFactory(parties=[world.county_a], valid_until=today + timedelta(days=20 + k), reminder_days=60)
        MeetingFactory(forum=desk["meeting"].forum, starts_at=timezone.now() + timedelta(days=k + 1))
        FollowUpActionFactory(decision=desk["late"].decision, owner=PersonFactory(user=None),
                              deadline=today - timedelta(days=k))
    assert count_queries(client) == before


def test_panels_are_registered_by_the_apps_not_by_core():
    keys = {p.key: p.function.__module__ for p in mywork.panels()}
    assert keys == {"rounds": "yhdyspinta.catalogue.mywork", "weakest": "yhdyspinta.catalogue.mywork",
                    "changed": "yhdyspinta.catalogue.mywork", "readiness": "yhdyspinta.readiness.mywork",
                    "actions": "yhdyspinta.cooperation.mywork", "meetings": "yhdyspinta.cooperation.mywork",
                    "agreements": "yhdyspinta.cooperation.mywork", "duties": "yhdyspinta.cooperation.mywork",
                    "approvals": "yhdyspinta.indicators.mywork", "transfers": "yhdyspinta.transfers.mywork",
                    "leases": "yhdyspinta.facilities.mywork"}
    import yhdyspinta.core.mywork as module

    source = Path(module.__file__).read_text()
    assert "yhdyspinta.catalogue" not in source and "yhdyspinta.cooperation" not in source
