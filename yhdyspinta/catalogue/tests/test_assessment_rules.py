"""Assessment rules: no future dates, recorded as the signed-in user, retraction with a reason."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from conftest import api_client_for, client_for
from tests.factories import PersonFactory
from yhdyspinta.catalogue import actions, exporting, queries
from yhdyspinta.catalogue.choices import Dimension
from yhdyspinta.catalogue.models import MaturityAssessment, helsinki_today

from .factories import InterfaceFactory

# 21.30 UTC on 15 June is already 16 June in Helsinki (UTC+3): the limit is Helsinki's today.
NOW = "2026-06-15 21:30:00"
TODAY = datetime.date(2026, 6, 16)
TOMORROW = TODAY + datetime.timedelta(days=1)
# pages and API without a frozen clock: a month ahead is in the future whenever the test runs
NEXT_MONTH = helsinki_today() + datetime.timedelta(days=31)


@pytest.fixture
def interface(world):
    return InterfaceFactory(parties=[world.a1, world.county_a], visibility="public")


# ---- no future dates ----------------------------------------------------------------------------
@freeze_time(NOW)
def test_action_accepts_helsinki_today_and_refuses_tomorrow(world, interface):
    assert actions.assess_maturity(interface, acting_user=world.editor, dimension="processes", value=2,
                                   assessed_on=TODAY).assessed_on == TODAY
    with pytest.raises(ValidationError) as exc:
        actions.assess_maturity(interface, acting_user=world.editor, dimension="processes", value=3, assessed_on=TOMORROW)
    assert "tulevaisuuteen" in exc.value.message_dict["assessed_on"][0]
    assert "16.6.2026" in exc.value.message_dict["assessed_on"][0]
    assert MaturityAssessment.objects.count() == 1


def test_page_refuses_a_future_date_on_the_field(world, interface):
    response = client_for(world.editor).post(f"/catalogue/interfaces/{interface.pk}/assess/", {
        "assessed_on": NEXT_MONTH.isoformat(), "dim_processes": "2", "dim_resourcing": "1"})
    assert response.status_code == 200
    assert "tulevaisuuteen" in " ".join(response.context["form"].errors["assessed_on"])
    assert not MaturityAssessment.objects.exists()  # neither dimension was saved


def test_api_refuses_a_future_date_with_the_field_message(world, interface):
    response = api_client_for(world.editor).post("/api/v1/catalogue/assessments/", {
        "interface": interface.pk, "dimension": "processes", "value": 2, "assessed_on": NEXT_MONTH.isoformat()},
        format="json", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 400
    assert "tulevaisuuteen" in response.json()["assessed_on"][0]
    assert not MaturityAssessment.objects.exists()


# ---- recorded as the signed-in user ---------------------------------------------------------------
def test_page_records_the_signed_in_user_and_their_person(world, interface):
    own = PersonFactory(organisation=world.a1, user=world.editor, first_name="Eeva", last_name="Editori")
    form = client_for(world.editor).get(f"/catalogue/interfaces/{interface.pk}/assess/").context["form"]
    assert "assessed_by" not in form.fields  # no free choice of the assessor
    response = client_for(world.editor).post(f"/catalogue/interfaces/{interface.pk}/assess/", {
        "assessed_on": "2025-03-01", "dim_processes": "2"})
    assert response.status_code == 302
    assessment = MaturityAssessment.objects.get()
    assert assessment.recorded_by == world.editor and assessment.assessed_by == own


def test_api_refuses_a_payload_naming_another_assessor(world, interface):
    somebody = PersonFactory(organisation=world.a1)
    api = api_client_for(world.editor)
    body = {"interface": interface.pk, "dimension": "processes", "value": 2, "assessed_on": "2025-03-01"}
    response = api.post("/api/v1/catalogue/assessments/", {**body, "assessed_by": somebody.pk}, format="json")
    assert response.status_code == 400 and "assessed_by" in response.json()
    assert not MaturityAssessment.objects.exists()
    response = api.post("/api/v1/catalogue/assessments/", body, format="json")
    assert response.status_code == 201
    assert response.json()["recorded_by"] == world.editor.pk
    assert response.json()["assessed_by"] is None  # the editor's account is linked to no person


# ---- retraction ---------------------------------------------------------------------------------
def _two_assessments(interface, actor):
    older = actions.assess_maturity(interface, acting_user=actor, dimension="processes", value=1,
                                    assessed_on=datetime.date(2025, 1, 1))
    newer = actions.assess_maturity(interface, acting_user=actor, dimension="processes", value=3,
                                    assessed_on=datetime.date(2025, 6, 1), comment="Liian hyvä")
    return older, newer


def test_retraction_removes_the_value_everywhere_and_keeps_the_history(world, interface):
    older, newer = _two_assessments(interface, world.editor)
    assert interface.latest_assessments()["processes"] == newer
    retracted = actions.retract_assessment(newer, acting_user=world.editor, reason="Arvioitiin väärä yhdyspinta")
    assert retracted.is_retracted and retracted.retracted_by == world.editor
    assert retracted.retraction_reason == "Arvioitiin väärä yhdyspinta"
    # the current value falls back to the older assessment: card, matrices, exports and the API
    assert interface.latest_assessments()["processes"] == older
    assert queries.latest_values([interface.pk])[interface.pk]["processes"] == 1
    _header, rows = exporting.card_rows(type(interface).objects.filter(pk=interface.pk), world.editor)
    maturity = rows[0][-1 - len(Dimension.values):-1]  # the nine maturity columns before the internal notes
    assert maturity[Dimension.values.index("processes")] == 1
    api = api_client_for(world.editor)
    assert api.get(f"/api/v1/catalogue/interfaces/{interface.pk}/").json()["latest_maturity"]["processes"] == 1
    listed = {row["id"]: row for row in api.get("/api/v1/catalogue/assessments/",
                                                 {"interface": interface.pk}).json()["results"]}
    assert listed[newer.pk]["retracted_at"] and listed[newer.pk]["retraction_reason"]  # still in the history
    counting = api.get("/api/v1/catalogue/assessments/", {"interface": interface.pk, "retracted": "false"}).json()
    assert [row["id"] for row in counting["results"]] == [older.pk]
    # the card marks it in text and strikes it through
    page = client_for(world.editor).get(interface.get_absolute_url()).content.decode()
    row = page[page.index(f'id="assessment-{newer.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "<del>" in row and "Peruttu" in row and "Arvioitiin väärä yhdyspinta" in row


def test_retracting_the_only_assessment_leaves_the_dimension_unassessed(world, interface):
    only = actions.assess_maturity(interface, acting_user=world.editor, dimension="resourcing", value=2,
                                   assessed_on=datetime.date(2025, 1, 1))
    actions.retract_assessment(only, acting_user=world.editor, reason="Kirjattu vahingossa")
    assert "resourcing" not in interface.latest_assessments()
    assert queries.latest_values([interface.pk]).get(interface.pk, {}) == {}


def test_retraction_is_audited_with_the_actor(world, interface):
    _older, newer = _two_assessments(interface, world.editor)
    actions.retract_assessment(newer, acting_user=world.coordinator, reason="Päällekkäinen kirjaus")
    entry = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(MaturityAssessment),
                                    object_pk=str(newer.pk), action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == world.coordinator
    assert "retraction_reason" in entry.changes_dict


@pytest.mark.parametrize("reason", ["", "   "])
def test_retraction_needs_a_reason(world, interface, reason):
    _older, newer = _two_assessments(interface, world.editor)
    with pytest.raises(ValidationError) as exc:
        actions.retract_assessment(newer, acting_user=world.editor, reason=reason)
    assert "reason" in exc.value.message_dict
    response = api_client_for(world.editor).post(f"/api/v1/catalogue/assessments/{newer.pk}/retract/",
                                                 {"reason": reason}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = client_for(world.editor).post(f"/catalogue/assessments/{newer.pk}/retract/", {"reason": reason})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    newer.refresh_from_db()
    assert not newer.is_retracted


def test_an_assessment_is_retracted_once(world, interface):
    _older, newer = _two_assessments(interface, world.editor)
    actions.retract_assessment(newer, acting_user=world.editor, reason="Väärä arvo")
    with pytest.raises(ValidationError):
        actions.retract_assessment(newer, acting_user=world.org_admin, reason="Uudelleen")
    newer.refresh_from_db()
    assert newer.retraction_reason == "Väärä arvo" and newer.retracted_by == world.editor


def test_a_viewer_cannot_retract(world, interface):
    _older, newer = _two_assessments(interface, world.editor)
    with pytest.raises(PermissionDenied):
        actions.retract_assessment(newer, acting_user=world.viewer, reason="Ei oikeutta")
    assert client_for(world.viewer).post(f"/catalogue/assessments/{newer.pk}/retract/",
                                         {"reason": "Ei oikeutta"}).status_code == 403
    assert api_client_for(world.viewer).post(f"/api/v1/catalogue/assessments/{newer.pk}/retract/",
                                             {"reason": "Ei oikeutta"}, format="json").status_code == 403
    page = client_for(world.viewer).get(interface.get_absolute_url()).content.decode()
    assert f"/catalogue/assessments/{newer.pk}/retract/" not in page  # no button for those who may not
    newer.refresh_from_db()
    assert not newer.is_retracted


def test_retract_page_with_a_reason(world, interface):
    _older, newer = _two_assessments(interface, world.editor)
    client = client_for(world.editor)
    card = client.get(interface.get_absolute_url()).content.decode()
    assert f"/catalogue/assessments/{newer.pk}/retract/" in card
    form_page = client.get(f"/catalogue/assessments/{newer.pk}/retract/")
    assert form_page.status_code == 200 and 'name="reason"' in form_page.content.decode()
    response = client.post(f"/catalogue/assessments/{newer.pk}/retract/", {"reason": "Väärä yhdyspinta"})
    assert response.status_code == 302
    newer.refresh_from_db()
    assert newer.is_retracted and newer.retracted_by == world.editor


def test_delete_through_the_api_is_not_allowed(world, interface):
    _older, newer = _two_assessments(interface, world.editor)
    response = api_client_for(world.editor).delete(f"/api/v1/catalogue/assessments/{newer.pk}/",
                                                   HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 405
    assert "retract" in response.json()["detail"]
    assert MaturityAssessment.objects.filter(pk=newer.pk).exists()
