"""A mapping round's life: its answering window, frozen scope, named respondents, last round's
answers pre-filled, and the closing summary that turns answers into maturity assessments."""

import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from yhdyspinta.catalogue import actions, rounds
from yhdyspinta.catalogue.models import (
    Interface,
    MappingAnswer,
    MappingRound,
    MaturityAssessment,
    helsinki_today,
)
from yhdyspinta.cooperation.models import RoundRespondent


@pytest.fixture(autouse=True)
def english():
    """The actions' refusals are matched in English (pages answer in their own language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _open(world, **fields):
    return actions.open_round(world.county_a, acting_user=world.coordinator, title=fields.pop("title", "Kartoitus"),
                              **fields)


@pytest.fixture
def ec_a1(world):
    actions.instantiate_templates(world.county_a, actor=world.coordinator, keys=["early-childhood", "employment"])
    return Interface.objects.get(template__key="early-childhood", template_for=world.a1)


def test_answers_only_inside_the_window_and_reopening_is_logged(world, ec_a1):
    today = helsinki_today()
    later = _open(world, opens_on=today + timedelta(days=3))
    with pytest.raises(ValidationError, match="opens on"):
        actions.answer_round(later, acting_user=world.editor, interface=ec_a1, organisation=world.a1, exists="yes")
    assert rounds.state(later) == rounds.NOT_YET

    past = _open(world, opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=355))
    assert past.is_open and rounds.state(past) == rounds.CLOSED  # the flag alone no longer says "open"
    with pytest.raises(ValidationError, match="closed on"):
        actions.answer_round(past, acting_user=world.editor, interface=ec_a1, organisation=world.a1, exists="yes")
    assert not MappingAnswer.objects.exists()

    with pytest.raises(ValidationError):
        actions.reopen_round(past, acting_user=world.coordinator, closes_on=today - timedelta(days=1))
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied for a municipality's editor
        actions.reopen_round(past, acting_user=world.editor, closes_on=today + timedelta(days=7))
    actions.reopen_round(past, acting_user=world.coordinator, closes_on=today + timedelta(days=7))
    assert rounds.state(past) == rounds.OPEN
    actions.answer_round(past, acting_user=world.editor, interface=ec_a1, organisation=world.a1, exists="yes")
    entry = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(MappingRound),
                                    object_pk=str(past.pk), action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == world.coordinator and "closes_on" in entry.changes_dict


def test_page_says_closed_and_refuses_after_the_closing_date(world, ec_a1, as_user):
    today = helsinki_today()
    past = _open(world, opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=355))
    page = as_user(world.editor).get(past.get_absolute_url()).content.decode()
    assert f"/answer/{world.a1.pk}/" not in page
    answer_page = as_user(world.editor).get(f"/catalogue/rounds/{past.pk}/answer/{world.a1.pk}/").content.decode()
    assert 'role="alert"' in answer_page
    coordinator_page = as_user(world.coordinator).get(past.get_absolute_url()).content.decode()
    assert 'name="op" value="reopen"' in coordinator_page


def test_scope_is_frozen_and_the_county_is_no_respondent_unless_chosen(world, ec_a1):
    round_ = _open(world)
    expected = rounds.expected_pairs(round_)
    assert expected and all(org != world.county_a.pk for _i, org in expected)
    assert len(expected) == 4  # two templates × two municipalities, the county left out
    county_interface = ec_a1
    with pytest.raises(ValidationError, match="does not answer"):
        actions.answer_round(round_, acting_user=world.coordinator, interface=county_interface,
                             organisation=world.county_a, exists="yes")
    # an interface created after the opening does not join the round
    actions.instantiate_templates(world.county_a, actor=world.coordinator, keys=["youth"])
    late = Interface.objects.filter(template__key="youth", template_for=world.a1).first()
    assert late is not None and rounds.expected_pairs(round_) == expected
    with pytest.raises(ValidationError, match="created after"):
        actions.answer_round(round_, acting_user=world.editor, interface=late, organisation=world.a1, exists="yes")

    with_county = _open(world, title="Kaikki", include_county=True)
    assert any(org == world.county_a.pk for _i, org in rounds.expected_pairs(with_county))


def test_named_respondent(world, ec_a1, as_user):
    round_ = _open(world)
    row = RoundRespondent.objects.get(round=round_, organisation=world.a1)
    client = as_user(world.coordinator)
    assert client.post(round_.get_absolute_url(), {"op": "respondent", "row": row.pk,
                                                   "respondent": world.editor.pk}).status_code == 302
    row.refresh_from_db()
    assert row.respondent == world.editor
    client.post(round_.get_absolute_url(), {"op": "respondent", "row": row.pk, "respondent": world.other.pk})
    row.refresh_from_db()
    assert row.respondent == world.editor  # not a member of A1: refused
    page = as_user(world.editor).get(f"/catalogue/rounds/{round_.pk}/answer/{world.a1.pk}/").content.decode()
    assert "Named respondent" in page or "Nimetty vastaaja" in page
    # only the county changes it
    assert as_user(world.editor).post(round_.get_absolute_url(), {"op": "respondent", "row": row.pk,
                                                                  "respondent": ""}).status_code == 403
    row.refresh_from_db()
    assert row.respondent == world.editor


def test_last_rounds_answers_are_prefilled_and_marked(world, ec_a1, as_user):
    today = helsinki_today()
    first = _open(world, title="2025", opens_on=today - timedelta(days=365))
    actions.answer_round(first, acting_user=world.editor, interface=ec_a1, organisation=world.a1, exists="yes",
                         agreed="partly", works="no", problems="Viime vuoden ongelma")
    actions.close_round(first, acting_user=world.coordinator)
    second = _open(world, title="2026")
    url = f"/catalogue/rounds/{second.pk}/answer/{world.a1.pk}/"
    page = as_user(world.editor).get(url).content.decode()
    assert "Viime vuoden ongelma" in page and page.count('class="tag"') == 1
    # saving the page unchanged confirms the pre-filled answer
    p = f"i{ec_a1.pk}"
    response = as_user(world.editor).post(url, {f"{p}-exists": "yes", f"{p}-agreed": "partly", f"{p}-works": "no",
                                               f"{p}-problems": "Viime vuoden ongelma", f"{p}-good_practices": "",
                                               f"{p}-proposals": "", f"{p}-loaded_version": "0"})
    assert response.status_code == 302
    saved = MappingAnswer.objects.get(round=second)
    assert saved.agreed == "partly" and saved.problems == "Viime vuoden ongelma"
    assert "Viime vuoden ongelma" in as_user(world.editor).get(url).content.decode()
    assert 'class="tag"' not in as_user(world.editor).get(url).content.decode()  # now this round's own


def test_closing_summary_proposes_assessments_accepted_in_bulk(world, ec_a1, as_user):
    round_ = _open(world)
    emp_a1 = Interface.objects.get(template__key="employment", template_for=world.a1)
    actions.answer_round(round_, acting_user=world.editor, interface=ec_a1, organisation=world.a1, exists="yes",
                         agreed="yes", works="partly", problems="Tieto ei kulje")
    actions.answer_round(round_, acting_user=world.editor, interface=emp_a1, organisation=world.a1, exists="yes",
                         agreed="yes", works="yes")
    client = as_user(world.coordinator)
    assert "Closing summary" not in client.get(round_.get_absolute_url()).content.decode()
    actions.close_round(round_, acting_user=world.coordinator)
    page = client.get(round_.get_absolute_url()).content.decode()
    assert 'name="op" value="accept"' in page and "Tieto ei kulje" in page
    proposals = {p["interface"].pk: p["value"] for p in rounds.proposed_assessments(round_, world.coordinator)}
    assert proposals == {ec_a1.pk: 2, emp_a1.pk: 3}
    response = client.post(round_.get_absolute_url(), {"op": "accept", "dimension": "processes",
                                                       "interface": [ec_a1.pk, emp_a1.pk]})
    assert response.status_code == 302
    recorded = {a.interface_id: a.value for a in MaturityAssessment.objects.filter(dimension="processes")}
    assert recorded == {ec_a1.pk: 2, emp_a1.pk: 3}
    assert all(a.recorded_by == world.coordinator for a in MaturityAssessment.objects.all())
    # a municipality's editor may not accept them
    before = MaturityAssessment.objects.count()
    refused = as_user(world.editor).post(round_.get_absolute_url(), {"op": "accept", "dimension": "processes",
                                                                     "interface": [ec_a1.pk]})
    assert refused.status_code == 403
    assert MaturityAssessment.objects.count() == before


@pytest.mark.parametrize(("exists", "agreed", "works", "level"), [
    ("unknown", "unknown", "unknown", None), ("no", "yes", "yes", 0), ("yes", "no", "yes", 0),
    ("yes", "partly", "unknown", 1), ("yes", "yes", "no", 1), ("yes", "partly", "partly", 2),
    ("yes", "yes", "yes", 3),
])
def test_answer_level(exists, agreed, works, level):
    assert rounds.answer_level(MappingAnswer(exists=exists, agreed=agreed, works=works)) == level


def test_round_list_says_closed_after_the_closing_date(world, as_user):
    today = helsinki_today()
    _open(world, title="Vanha kierros", opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=355))
    page = as_user(world.coordinator).get("/catalogue/rounds/").content.decode()
    assert "Vanha kierros" in page
    assert "Closed on" in page or "Sulkeutui" in page
    assert not re.search(r"(Open until|Avoinna) \d", page)


def test_only_those_who_may_answer_are_offered_and_named(world, ec_a1, as_user):
    """Walk 6 #16: a viewer could be named, and then got a 403 on the answer page."""
    round_ = _open(world)
    row = RoundRespondent.objects.get(round=round_, organisation=world.a1)
    page = as_user(world.coordinator).get(round_.get_absolute_url()).content.decode()
    select = page.split(f'id="resp-{row.pk}"')[1].split("</select>")[0]
    assert f'value="{world.editor.pk}"' in select and f'value="{world.viewer.pk}"' not in select
    with pytest.raises(ValidationError, match="cannot answer|ei voi vastata"):
        actions.set_round_respondent(round_, world.a1, acting_user=world.coordinator, respondent=world.viewer)
    row.refresh_from_db()
    assert row.respondent is None


def test_a_closed_rounds_answers_are_read_only(world, ec_a1, as_user):
    """Walk 6 #18: the closed round's answer page still had its inputs and Save button."""
    today = helsinki_today()
    past = _open(world, opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=355))
    page = as_user(world.editor).get(f"/catalogue/rounds/{past.pk}/answer/{world.a1.pk}/").content.decode()
    form = page.split('<form method="post"')[1].split("</form>")[0]
    assert 'type="submit"' not in form and "disabled" in form


def test_the_round_list_offers_counties_and_the_add_form_its_only_county(world, as_user):
    """Walk 6 #17: the filter listed every organisation; the one possible county was not chosen."""
    page = as_user(world.coordinator).get("/catalogue/rounds/").content.decode()
    area = page.split('name="area"')[1].split("</select>")[0]
    assert world.county_a.name in area and world.a1.name not in area
    form = as_user(world.coordinator).get("/catalogue/rounds/add/").content.decode()
    chosen = form.split('name="area"')[1].split("</select>")[0]
    assert f'<option value="{world.county_a.pk}" selected>' in chosen
