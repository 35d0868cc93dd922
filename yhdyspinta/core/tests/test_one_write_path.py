"""One write path (issue 18): pages and the API call the same actions, the rules live in the
actions and models (not in serializers), one exception handler answers for the API, and
record-picking form fields are restricted in one place (core.forms.restrict_form_fields)."""

import ast
from datetime import date
from pathlib import Path

import pytest
from django.db import transaction

from conftest import api_client_for, client_for
from tests.factories import MunicipalityFactory, PersonFactory
from yhdyspinta.cooperation.models import Agreement
from yhdyspinta.core.actions import audited

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


AGREEMENT = {"title_fi": "Sopimus", "kind": "task_specific", "visibility": "public", "reminder_days": 60}


def _both(world, parties, **fields):
    """The same agreement posted to the API and to the page, in Finnish: (API body, form errors)."""
    data = {**AGREEMENT, **fields}
    api = api_client_for(world.editor).post("/api/v1/cooperation/agreements/", {**data, "parties": parties},
                                            format="json", HTTP_ACCEPT_LANGUAGE="fi")
    page = client_for(world.editor).post("/cooperation/agreements/add/", {**data, "party_organisations": parties},
                                         HTTP_ACCEPT_LANGUAGE="fi")
    assert api.status_code == 400 and page.status_code == 200
    assert not Agreement.objects.exists()
    return api.json(), page.context["form"].errors


def test_an_invalid_agreement_gets_the_same_translated_messages_on_the_page_and_in_the_api(world):
    # the parties' legal checks (checks.py, run by the action)
    body, errors = _both(world, [world.a1.pk])
    assert body["parties"] == errors["party_organisations"]
    assert "kaksi osapuolta" in " ".join(body["parties"])  # in Finnish, not the English msgid
    # the dates (Agreement.clean())
    body, errors = _both(world, [world.a1.pk, world.county_a.pk], valid_from="2026-05-01", valid_until="2026-04-01")
    assert body["valid_until"] == errors["valid_until"]
    assert "ennen" in body["valid_until"][0]


def test_a_model_rule_reaches_the_api_translated_without_a_copy_in_the_serializer(world):
    """Service.clean() (the unit belongs to the organiser) answers the API in the request's language."""
    from yhdyspinta.organisations.models import Unit

    unit = Unit.objects.create(organisation=world.a2, name="Toinen", name_fi="Toinen")
    payload = {"organisation": world.a1.pk, "unit": unit.pk, "field": "basic_education", "name_fi": "Palvelu",
               "visibility": "public"}
    client = api_client_for(world.editor)
    for language in ("fi", "sv"):
        response = client.post("/api/v1/catalogue/services/", payload, format="json",
                               HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400, response.content
        message = response.json()["unit"][0]
        assert message != "The unit must belong to the organiser.", language


def test_an_api_delete_of_a_protected_record_is_409_listing_its_dependents(world):
    from yhdyspinta.cooperation.tests.factories import ForumMemberFactory, forum_for

    person = PersonFactory(organisation=world.a1)
    forum = forum_for(world.a1)
    ForumMemberFactory(forum=forum, person=person)
    response = api_client_for(world.editor).delete(f"/api/v1/organisations/people/{person.pk}/",
                                                   HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["dependents"] and body["hidden"] == 0
    assert {d["model"] for d in body["dependents"]} == {"forum member"}
    assert person.__class__.objects.filter(pk=person.pk).exists()


def test_the_funding_owner_picker_offers_no_inactive_organisation(world):
    from yhdyspinta.funding.forms import ImportParameterSetForm

    merged = MunicipalityFactory(name="Lakkautettu", area=world.county_a, valid_until=date(2020, 12, 31))
    offered = set(ImportParameterSetForm(user=world.coordinator).fields["owner"].queryset)
    assert merged not in offered
    assert {world.county_a, world.a1, world.a2} <= offered  # the coordinator's active organisations


def test_every_organisation_picker_offers_only_active_organisations_the_user_may_add_for(world):
    from yhdyspinta.catalogue.forms import ServiceForm
    from yhdyspinta.indicators.forms import SharedGoalForm
    from yhdyspinta.integration.forms import StudyForm
    from yhdyspinta.organisations.forms import PersonForm

    merged = MunicipalityFactory(name="Lakkautettu", area=world.county_a, valid_until=date(2020, 12, 31))
    for form_class, name in ((ServiceForm, "organisation"), (SharedGoalForm, "organisation"),
                             (StudyForm, "owner"), (PersonForm, "organisation")):
        assert set(form_class(user=world.coordinator).fields[name].queryset) >= {world.a1, world.county_a}
        assert merged not in set(form_class(user=world.coordinator).fields[name].queryset), form_class
        assert set(form_class(user=world.editor).fields[name].queryset) == {world.a1}, form_class
        assert not form_class(user=None).fields[name].queryset.exists(), form_class


# validate() methods that check the request's shape, not a rule of the record
SHAPE_VALIDATE = {
    ("catalogue", "AssessmentSerializer"),  # the assessor is not a field of the request
    ("funding", "ParameterSetSerializer"),  # year, name and title are read from the parameter JSON
    ("funding", "ComputeSerializer"),  # the default input set when none is given
    ("readiness", "StatusReportSerializer"),  # a report's key is fixed after it is created
}


def test_serializers_check_shape_only():
    """No serializer writes, converts Django's errors or repeats a rule: writes go through the
    viewsets' actions (core.api.views), errors through core.api.exceptions, rules live in the
    models' clean() and the actions. Serializers do not import django.core.exceptions, define no
    create()/update(), and define validate() only to check the request's shape (SHAPE_VALIDATE)."""
    offenders = []
    for path in sorted((ROOT / "yhdyspinta").glob("*/api/serializers.py")):
        app = path.parts[-3]
        if app == "accounts":  # memberships: written by accounts.actions through its viewset
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.core.exceptions":
                offenders.append(f"{app}: imports django.core.exceptions")
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name in ("create", "update"):
                    offenders.append(f"{app}.{node.name}.{item.name}() at line {item.lineno}")
                if isinstance(item, ast.FunctionDef) and item.name == "validate" \
                        and (app, node.name) not in SHAPE_VALIDATE:
                    offenders.append(f"{app}.{node.name}.validate() at line {item.lineno}")
    assert not offenders, offenders


def test_nested_audited_blocks_are_one_transaction(world):
    """An action calling another joins its transaction: no savepoint, the outer actor stays."""
    from auditlog.context import auditlog_value

    with audited(world.editor):
        outer = transaction.get_connection().savepoint_ids[:]
        with audited(world.other):
            assert transaction.get_connection().savepoint_ids == outer
            assert auditlog_value.get()["actor"] == world.editor
    assert Agreement.objects.count() == 0


def test_a_meeting_saved_through_the_api_notifies_like_the_page(world):
    """core.actions.record_saved: the API's create_record has the page's effects (the invitation)."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import UserFactory
    from yhdyspinta.cooperation.tests.factories import ForumMemberFactory, forum_for
    from yhdyspinta.notifications.models import Kind, Notification

    person = PersonFactory(organisation=world.a1, user=UserFactory(email="pekka@example.fi"))
    forum = forum_for(world.a1)
    ForumMemberFactory(forum=forum, person=person)
    starts = (timezone.now() + timedelta(days=7)).isoformat()
    response = api_client_for(world.editor).post("/api/v1/cooperation/meetings/", {
        "forum": forum.pk, "starts_at": starts, "place": "Sali", "visibility": "public"}, format="json")
    assert response.status_code == 201, response.content
    assert Notification.objects.filter(kind=Kind.MEETING, object_id=response.json()["id"],
                                       recipient=person.user).exists()
