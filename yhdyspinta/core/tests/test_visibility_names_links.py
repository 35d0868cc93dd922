"""One visibility rule for names and links (docs/permissions.md, "Names and links").

- A person the reader may not see is printed as "title, organisation", never by name: on the
  meeting and forum pages (action owners), the interface card and its PDF (assessor), the goal
  and report pages and the report PDF (measure owners), the iCalendar feeds and the exports.
- A linked record the reader may not see (an internal forum, goal or agreement) is not printed.
- Link fields of forms and of the API offer and accept only records the reader may view: a
  hidden id is refused exactly like a missing one, before any other check could name it.
"""

import io
import re
from datetime import date

import pytest

from conftest import api_client_for, client_for
from tests.factories import PersonFactory
from yhdyspinta.catalogue.models import InterfaceOwner, MaturityAssessment
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.cooperation.tests.factories import (
    AgreementFactory,
    EscalationFactory,
    FollowUpActionFactory,
    ForumFactory,
    MeetingFactory,
)
from yhdyspinta.indicators.tests.factories import (
    MeasureFactory,
    SharedGoalFactory,
    WelfareReportFactory,
)

NAME = "Sointu Salamyhkä"  # an internal person of municipality A1
TITLE = "Palvelupäällikkö"
HIDDEN_FORUM = "Suljettu ohjausryhmä"
HIDDEN_GOAL = "Betan sisäinen tavoite"
HIDDEN_AGREEMENT = "Betan salainen sopimus"


@pytest.fixture
def scene(world):
    """Public records of A1 that link to an internal person of A1; internal records of B."""
    person = PersonFactory(first_name="Sointu", last_name="Salamyhkä", title=TITLE, title_fi=TITLE,
                           organisation=world.a1, visibility="internal")
    forum = ForumFactory(area=world.county_a, organisations=[world.a1, world.county_a])
    meeting = MeetingFactory(forum=forum)
    action = FollowUpActionFactory(decision__item__meeting=meeting, decision__meeting=meeting, owner=person,
                                   deadline=date(2020, 1, 1))  # late: also on the forum page
    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    InterfaceOwner.objects.create(interface=interface, organisation=world.a1, person=person)
    MaturityAssessment.objects.create(interface=interface, dimension="service_guidance", value=2,
                                      assessed_on=date(2025, 5, 1), assessed_by=person)
    goal = SharedGoalFactory(organisation=world.a1)
    MeasureFactory(goal=goal, owner=person)
    report = WelfareReportFactory(organisation=world.a1, status="approved")
    report.goals.add(goal)
    # records of the other county, internal to it
    hidden_forum = ForumFactory(area=world.county_a, organisations=[world.a1], visibility="internal",
                                name=HIDDEN_FORUM, name_fi=HIDDEN_FORUM)
    internal_meeting = MeetingFactory(forum=hidden_forum, visibility="internal")
    # a public forum of A1 raises a public matter to the internal forum above it
    child = ForumFactory(area=world.county_a, organisations=[world.a1], parent=hidden_forum)
    escalation = EscalationFactory(raised_by=child, to_forum=hidden_forum, title="Julkinen nosto")
    hidden_goal = SharedGoalFactory(organisation=world.b1, visibility="internal", title=HIDDEN_GOAL,
                                    title_fi=HIDDEN_GOAL)
    hidden_agreement = AgreementFactory(parties=[world.b1, world.county_b], visibility="internal",
                                        title=HIDDEN_AGREEMENT, title_fi=HIDDEN_AGREEMENT)
    other_person = PersonFactory(first_name="Bertta", last_name="Betalainen", organisation=world.b1,
                                 visibility="internal")
    return {"person": person, "forum": forum, "meeting": meeting, "action": action, "interface": interface,
            "goal": goal, "report": report, "hidden_forum": hidden_forum,
            "internal_meeting": internal_meeting, "child_forum": child, "escalation": escalation,
            "hidden_goal": hidden_goal,
            "hidden_agreement": hidden_agreement, "other_person": other_person}


def outsiders(world):
    return [("anonymous", None), ("editor of another county", world.other)]


def insiders(world):
    return [("viewer of A1", world.viewer), ("coordinator of A", world.coordinator), ("national", world.national)]


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    assert content.startswith(b"%PDF")
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# ---- the rule itself ------------------------------------------------------------------------------


def test_display_for_gives_the_name_or_the_role(world, scene):
    person = scene["person"]
    for _label, user in outsiders(world):
        assert person.display_for(user) == f"{TITLE}, {world.a1.name}"
    for _label, user in insiders(world):
        assert person.display_for(user) == NAME
    untitled = PersonFactory(organisation=world.a1, visibility="internal", title="", title_fi="")
    assert untitled.last_name not in untitled.display_for(None)
    assert world.a1.name in untitled.display_for(None)
    public = PersonFactory(organisation=world.b1, visibility="public")
    assert public.display_for(None) == public.full_name


# ---- pages and PDFs -------------------------------------------------------------------------------


def _pages(scene):
    return {
        "meeting page": scene["meeting"].get_absolute_url(),
        "forum page": scene["forum"].get_absolute_url(),
        "interface page": scene["interface"].get_absolute_url(),
        "goal page": scene["goal"].get_absolute_url(),
        "report page": scene["report"].get_absolute_url(),
    }


def test_pages_print_an_internal_person_by_role_to_outsiders(world, scene):
    for where, url in _pages(scene).items():
        for who, user in outsiders(world):
            response = client_for(user).get(url)
            assert response.status_code == 200, (where, who)
            body = response.content.decode()
            assert "Salamyhkä" not in body, (where, who)
            assert TITLE in body, (where, who)
        for who, user in insiders(world):
            assert NAME in client_for(user).get(url).content.decode(), (where, who)


def test_pdfs_print_an_internal_person_by_role_to_outsiders(world, scene):
    urls = {"interface card": f"/catalogue/interfaces/{scene['interface'].pk}/card.pdf",
            "report": f"/indicators/reports/{scene['report'].pk}/pdf/"}
    for where, url in urls.items():
        for who, user in outsiders(world):
            text = pdf_text(client_for(user).get(url).content)
            assert "Salamyhkä" not in text and TITLE in text, (where, who, text[:500])
        assert "Salamyhkä" in pdf_text(client_for(world.viewer).get(url).content), where


def test_a_report_leaves_out_a_linked_goal_the_reader_may_not_see(world, scene):
    report = scene["report"]
    report.goals.add(scene["hidden_goal"])  # linked before links were checked
    for url in (report.get_absolute_url(), f"/indicators/reports/{report.pk}/pdf/"):
        for user in (None, world.viewer, world.editor):
            content = client_for(user).get(url).content
            text = pdf_text(content) if url.endswith("/pdf/") else content.decode()
            assert HIDDEN_GOAL not in text and scene["goal"].title in text, (url, user)
        content = client_for(world.other).get(url).content
        text = pdf_text(content) if url.endswith("/pdf/") else content.decode()
        assert HIDDEN_GOAL in text  # the goal's own county sees it


def test_pages_do_not_print_a_linked_forum_the_reader_may_not_see(world, scene):
    """A public matter raised to an internal forum: the escalation and the raising forum's page."""
    for url in (scene["escalation"].get_absolute_url(), scene["child_forum"].get_absolute_url()):
        for user in (None, world.other):
            response = client_for(user).get(url)
            assert response.status_code == 200
            body = response.content.decode()
            assert HIDDEN_FORUM not in body and str(scene["escalation"]) in body, (url, user)
        assert HIDDEN_FORUM in client_for(world.viewer).get(url).content.decode()


def test_search_does_not_find_an_internal_person_for_outsiders(world, scene):
    link = f'href="{scene["person"].get_absolute_url()}"'
    for user in (None, world.other):
        assert link not in client_for(user).get("/search/", {"q": "Salamyhkä"}).content.decode()
    assert link in client_for(world.viewer).get("/search/", {"q": "Salamyhkä"}).content.decode()


# ---- feeds and exports ----------------------------------------------------------------------------


def test_ical_feed_names_neither_a_hidden_forum_nor_a_hidden_owner(world, scene):
    url = f"/cooperation/organisations/{world.a1.pk}/calendar.ics"
    for user in (None, world.other):
        body = client_for(user).get(url).content.decode()
        assert "BEGIN:VEVENT" in body and HIDDEN_FORUM not in body
    assert HIDDEN_FORUM in client_for(world.viewer).get(url).content.decode()
    person_feed = client_for(world.viewer).get(f"/cooperation/people/{scene['person'].pk}/calendar.ics")
    assert "Salamyhk" in person_feed.content.decode("utf-8").replace("\r\n ", "")
    assert client_for(None).get(f"/cooperation/people/{scene['person'].pk}/calendar.ics").status_code == 404


def test_ical_feed_prints_an_action_owner_by_the_rule(world, scene):
    from yhdyspinta.cooperation import ical

    action = scene["action"]
    assert "Salamyhk" not in ical.feed("x", actions=[action], user=None).decode().replace("\r\n ", "")
    assert TITLE in ical.feed("x", actions=[action], user=world.other).decode().replace("\r\n ", "")
    assert NAME in ical.feed("x", actions=[action], user=world.viewer).decode().replace("\r\n ", "")


def test_exports_print_a_hidden_forum_as_hidden(world, scene):
    for fmt in ("csv", "xlsx"):
        url = f"/cooperation/escalations/?export={fmt}"
        for user in (None, world.other):
            content = client_for(user).get(url).content
            text = content.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(content)
            assert HIDDEN_FORUM not in text and scene["child_forum"].name in text, (fmt, user)
        content = client_for(world.viewer).get(url).content
        text = content.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(content)
        assert HIDDEN_FORUM in text


def test_interface_card_export_prints_an_internal_owner_by_role(world, scene):
    for fmt in ("csv", "xlsx"):
        url = f"/catalogue/interfaces/cards.{fmt}"
        for user in (None, world.other):
            response = client_for(user).get(url)
            assert response.status_code == 200
            text = response.content.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(response.content)
            assert scene["interface"].title in text and "Salamyhkä" not in text and TITLE in text, (fmt, user)
        content = client_for(world.viewer).get(url).content
        assert NAME in (content.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(content))


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)


# ---- API: a hidden id is refused like a missing one ----------------------------------------------


MISSING = 987654


def _same_refusal(response_hidden, response_missing, hidden_pk, field, *names):
    assert response_hidden.status_code == response_missing.status_code == 400, response_hidden.content
    hidden, missing = response_hidden.json(), response_missing.json()
    assert field in hidden, hidden
    assert re.sub(str(hidden_pk), "<pk>", str(hidden)) == re.sub(str(MISSING), "<pk>", str(missing))
    for name in names:
        assert name not in response_hidden.content.decode()


def test_api_refuses_an_internal_person_as_owner_like_a_missing_one(world, scene):
    hidden = scene["person"]
    body = {"title_fi": "Rajapinta", "theme": "hyte", "client_group": "everyone",
            "parties": [world.b1.pk, world.county_b.pk], "visibility": "public"}
    for user in (world.other, member_viewer_of_b1(world)):
        api = api_client_for(user)
        refused = api.post("/api/v1/catalogue/interfaces/", {**body, "owners": [hidden.pk]}, format="json")
        missing = api.post("/api/v1/catalogue/interfaces/", {**body, "owners": [MISSING]}, format="json")
        _same_refusal(refused, missing, hidden.pk, "owners", "Salamyhkä", "Sointu")


def member_viewer_of_b1(world):
    from tests.factories import member

    return member(world.b1, "viewer")


def test_api_refuses_another_countys_internal_goal_on_a_report(world, scene):
    report = WelfareReportFactory(organisation=world.a1)
    api = api_client_for(world.editor)
    url = f"/api/v1/indicators/reports/{report.pk}/"
    refused = api.patch(url, {"goals": [scene["hidden_goal"].pk]}, format="json")
    missing = api.patch(url, {"goals": [MISSING]}, format="json")
    _same_refusal(refused, missing, scene["hidden_goal"].pk, "goals", HIDDEN_GOAL)
    assert not report.goals.exists()
    # the own county's goals, internal ones too, are linked as before
    own = SharedGoalFactory(organisation=world.a1, visibility="internal")
    assert api.patch(url, {"goals": [own.pk]}, format="json").status_code == 200
    assert list(report.goals.all()) == [own]


def test_api_refuses_another_countys_internal_agreement_as_duty_evidence(world, scene):
    from yhdyspinta.cooperation.duties import generate_duties
    from yhdyspinta.cooperation.models import Duty
    from yhdyspinta.cooperation.reference import load_reference_data

    load_reference_data()
    generate_duties(world.county_a, range(2026, 2027))
    duty = Duty.objects.filter(municipality=world.a1).first()
    api = api_client_for(world.editor)
    body = {"duty": duty.pk, "kind": "agreement", "date": "2026-04-01"}
    refused = api.post("/api/v1/cooperation/evidence/", {**body, "agreement": scene["hidden_agreement"].pk},
                       format="json")
    missing = api.post("/api/v1/cooperation/evidence/", {**body, "agreement": MISSING}, format="json")
    _same_refusal(refused, missing, scene["hidden_agreement"].pk, "agreement", HIDDEN_AGREEMENT)
    assert not duty.evidence.exists()


def test_api_refuses_an_internal_person_as_measure_owner(world, scene):
    api = api_client_for(world.editor)
    goal = scene["goal"]
    body = {"goal": goal.pk, "title_fi": "Uusi toimenpide", "status": "ongoing"}
    refused = api.post("/api/v1/indicators/measures/", {**body, "owner": scene["other_person"].pk}, format="json")
    missing = api.post("/api/v1/indicators/measures/", {**body, "owner": MISSING}, format="json")
    _same_refusal(refused, missing, scene["other_person"].pk, "owner", "Betalainen")
    allowed = api.post("/api/v1/indicators/measures/", {**body, "owner": scene["person"].pk}, format="json")
    assert allowed.status_code == 201, allowed.content


# ---- forms: the choice lists ----------------------------------------------------------------------


def test_form_choices_offer_only_records_the_user_may_view(world, scene):
    from yhdyspinta.catalogue.forms import InterfaceForm
    from yhdyspinta.cooperation.forms import DutyEvidenceForm, FollowUpActionForm
    from yhdyspinta.indicators.forms import MeasureForm, WelfareReportForm

    def choices(form, name):
        return set(form.fields[name].queryset.values_list("pk", flat=True))

    editor = world.editor
    assert scene["hidden_goal"].pk not in choices(WelfareReportForm(user=editor), "goals")
    assert scene["goal"].pk in choices(WelfareReportForm(user=editor), "goals")
    assert scene["hidden_goal"].pk in choices(WelfareReportForm(user=world.other), "goals")
    assert scene["hidden_agreement"].pk not in choices(DutyEvidenceForm(user=editor), "agreement")
    for form in (FollowUpActionForm(user=editor), MeasureForm(user=editor)):
        people = choices(form, "owner")
        assert scene["person"].pk in people and scene["other_person"].pk not in people
    assert scene["person"].pk not in choices(InterfaceForm(user=world.other), "owners")


def test_a_hidden_id_posted_to_a_form_is_refused_like_a_missing_one(world, scene):
    from yhdyspinta.indicators.forms import WelfareReportForm

    base = {"organisation": world.a1.pk, "kind": "yearly", "title_fi": "Kertomus", "year": 2025,
            "status": "draft"}
    hidden = WelfareReportForm(data={**base, "goals": [scene["hidden_goal"].pk]}, user=world.editor)
    missing = WelfareReportForm(data={**base, "goals": [MISSING]}, user=world.editor)
    assert not hidden.is_valid() and not missing.is_valid()
    assert (str(hidden.errors["goals"]).replace(str(scene["hidden_goal"].pk), "<pk>")
            == str(missing.errors["goals"]).replace(str(MISSING), "<pk>"))


def test_edit_pages_do_not_list_hidden_records(world, scene):
    body = client_for(world.editor).get("/indicators/reports/add/").content.decode()
    assert HIDDEN_GOAL not in body and scene["goal"].title in body
    body = client_for(world.other).get("/indicators/measures/add/").content.decode()
    assert "Salamyhkä" not in body
    body = client_for(world.editor).get("/indicators/measures/add/").content.decode()
    assert "Salamyhkä" in body and "Betalainen" not in body


# ---- every form and serializer takes part ---------------------------------------------------------


def test_every_model_form_and_serializer_restricts_its_link_fields():
    """A new ModelForm or ModelSerializer cannot leak hidden records by leaving out the mixin."""
    import importlib

    from django import forms
    from django.apps import apps
    from rest_framework import serializers

    from yhdyspinta.core.api.serializers import RestrictedSerializerMixin
    from yhdyspinta.core.forms import RestrictedFormMixin

    missing, seen = [], 0
    for app in apps.get_app_configs():
        if not app.name.startswith("yhdyspinta."):
            continue
        for module_name, base, mixin in ((f"{app.name}.forms", forms.BaseModelForm, RestrictedFormMixin),
                                         (f"{app.name}.api.serializers", serializers.ModelSerializer,
                                          RestrictedSerializerMixin)):
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            for cls in vars(module).values():
                if isinstance(cls, type) and issubclass(cls, base) and cls.__module__ == module.__name__:
                    seen += 1
                    if not issubclass(cls, mixin):
                        missing.append(f"{module_name}.{cls.__name__}")
    assert seen > 30
    assert not missing, f"without the link-field restriction: {missing}"


def test_retract_page_prints_an_assessor_of_another_party_by_role(world, scene):
    """An editor of A1 may change the interface but not see the county's internal people."""
    assessor = PersonFactory(first_name="Kaarle", last_name="Kätketty", title="Ylilääkäri", title_fi="Ylilääkäri",
                             organisation=world.county_a, visibility="internal")
    assessment = MaturityAssessment.objects.create(interface=scene["interface"], dimension="processes", value=1,
                                                   assessed_on=date(2025, 5, 2), assessed_by=assessor)
    url = f"/catalogue/assessments/{assessment.pk}/retract/"
    body = client_for(world.editor).get(url).content.decode()
    assert "Kätketty" not in body and "Ylilääkäri" in body
    assert "Kätketty" in client_for(world.coordinator).get(url).content.decode()
