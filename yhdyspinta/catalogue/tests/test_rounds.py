"""Mapping rounds: who answers, who has not, the summary and its export."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yhdyspinta.catalogue import actions
from yhdyspinta.catalogue.models import Interface, MappingAnswer


@pytest.fixture
def round_(world):
    actions.instantiate_templates(world.county_a, actor=world.coordinator, keys=["early-childhood", "employment"])
    return actions.open_round(world.county_a, acting_user=world.coordinator, title="Kartoitus 2025")


def test_answers_and_summary(world, round_, as_user):
    ec_a1 = Interface.objects.get(template__key="early-childhood", template_for=world.a1)
    client = as_user(world.editor)
    detail = client.get(round_.get_absolute_url()).content.decode()
    assert f"/catalogue/rounds/{round_.pk}/answer/{world.a1.pk}/" in detail
    assert f"/catalogue/rounds/{round_.pk}/answer/{world.a2.pk}/" not in detail
    page = client.get(f"/catalogue/rounds/{round_.pk}/answer/{world.a1.pk}/")
    assert page.status_code == 200
    response = client.post(f"/catalogue/rounds/{round_.pk}/answer/{world.a1.pk}/", {
        f"i{ec_a1.pk}-exists": "yes", f"i{ec_a1.pk}-agreed": "no", f"i{ec_a1.pk}-works": "partly",
        f"i{ec_a1.pk}-problems": "Tieto ei kulje", f"i{ec_a1.pk}-good_practices": "",
        f"i{ec_a1.pk}-proposals": "=Yhteinen lomake",
    })
    assert response.status_code == 302
    answer = MappingAnswer.objects.get()
    assert answer.organisation == world.a1 and answer.agreed == "no"
    detail = as_user(world.coordinator).get(round_.get_absolute_url()).content.decode()
    assert "1 of 4 answers received" in detail or "1 / 4" in detail or "Tieto ei kulje" in detail
    assert "Tieto ei kulje" in detail
    export = as_user(world.coordinator).get(round_.get_absolute_url(), {"export": "csv"}).content.decode("utf-8-sig")
    assert "'=Yhteinen lomake" in export
    # the metadata lines (round, address, time) and an empty line, then the header, one answer and
    # three not answered (the county answers not)
    assert export.startswith("Kartoituskierros: ") and export.count("\r\n") == 4 + 1 + 4


def test_answer_refusals(world, round_):
    ec_a1 = Interface.objects.get(template__key="early-childhood", template_for=world.a1)
    with pytest.raises(PermissionDenied):
        actions.answer_round(round_, acting_user=world.other, interface=ec_a1, organisation=world.a1, exists="yes")
    with pytest.raises(ValidationError):
        actions.answer_round(round_, acting_user=world.editor, interface=ec_a1, organisation=world.a2, exists="yes")
    actions.close_round(round_, acting_user=world.coordinator)
    with pytest.raises(ValidationError):
        actions.answer_round(round_, acting_user=world.editor, interface=ec_a1, organisation=world.a1, exists="yes")
    assert not MappingAnswer.objects.exists()


def test_round_visibility(world, round_, as_user):
    assert as_user(world.viewer).get(round_.get_absolute_url()).status_code == 200
    assert as_user(world.other).get(round_.get_absolute_url()).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.open_round(world.county_a, acting_user=world.other, title="Ei oikeutta")


def test_a_viewer_on_the_answer_page_is_told_who_answers(world, round_, as_user):
    """Walk 7: a viewer got the generic 403; the refusal now says who gives the organisation's answers."""
    client = as_user(world.viewer)
    client.cookies["django_language"] = "en"
    response = client.get(f"/catalogue/rounds/{round_.pk}/answer/{world.a1.pk}/")
    assert response.status_code == 403
    assert f"The answers of {world.a1} are given by its editors" in response.content.decode()


def test_second_answer_over_a_stale_page_is_refused_and_the_first_is_kept(world, round_, as_user):
    """No lost update on the answer grid: each answer carries the version the page showed."""
    from tests.factories import member

    ec_a1 = Interface.objects.get(template__key="early-childhood", template_for=world.a1)
    url = f"/catalogue/rounds/{round_.pk}/answer/{world.a1.pk}/"
    first, second = as_user(world.editor), as_user(member(world.a1, "editor"))
    assert first.get(url).status_code == 200 and second.get(url).status_code == 200
    fields = {f"i{ec_a1.pk}-exists": "yes", f"i{ec_a1.pk}-agreed": "no", f"i{ec_a1.pk}-works": "partly",
              f"i{ec_a1.pk}-problems": "", f"i{ec_a1.pk}-good_practices": "", f"i{ec_a1.pk}-proposals": "",
              f"i{ec_a1.pk}-loaded_version": "0"}
    assert first.post(url, fields | {f"i{ec_a1.pk}-problems": "Ensimmäinen"}).status_code == 302
    stale = second.post(url, fields | {f"i{ec_a1.pk}-problems": "Toinen"})
    assert stale.status_code == 409
    assert "Joku muu tallensi" in stale.content.decode() and "Ensimmäinen" in stale.content.decode()
    assert MappingAnswer.objects.get().problems == "Ensimmäinen"
    # the page now carries the saved version: saving again works
    version = MappingAnswer.objects.get().version
    again = second.post(url, fields | {f"i{ec_a1.pk}-problems": "Toinen", f"i{ec_a1.pk}-loaded_version": str(version)})
    assert again.status_code == 302 and MappingAnswer.objects.get().problems == "Toinen"
