"""Record pickers: long lists become a searchable picker whose search answers through the one
permission path, labels that tell records apart, the user's own area first."""

import pytest
from django import forms
from django.core import signing
from django.urls import reverse

from conftest import client_for
from yhdyspinta.catalogue.models import Service
from yhdyspinta.catalogue.tests.factories import ServiceFactory
from yhdyspinta.cooperation.tests.factories import AgendaItemFactory, MeetingFactory, forum_for
from yhdyspinta.core import pickers
from yhdyspinta.core.audit import AccessLog
from yhdyspinta.core.forms import RestrictedFormMixin


class ServiceForm(RestrictedFormMixin, forms.Form):
    service = forms.ModelChoiceField(Service.objects.all())
    services = forms.ModelMultipleChoiceField(Service.objects.all(), required=False)


@pytest.fixture
def many(world, settings):
    settings.RECORD_PICKER_THRESHOLD = 3
    own = [ServiceFactory(organisation=world.a1, name=f"Kotihoito {n}", name_fi=f"Kotihoito {n}") for n in range(3)]
    other = [ServiceFactory(organisation=world.b1, name=f"Kotihoito B{n}", name_fi=f"Kotihoito B{n}") for n in range(3)]
    hidden = ServiceFactory(organisation=world.b1, name="Kotihoito salainen", name_fi="Kotihoito salainen",
                            visibility="internal")
    return own, other, hidden


def token(model):
    return signing.dumps(model._meta.label_lower, salt=pickers.SALT)


def test_a_short_list_stays_a_plain_select(world, settings):
    settings.RECORD_PICKER_THRESHOLD = 100
    ServiceFactory(organisation=world.a1)
    form = ServiceForm(user=world.editor)
    assert type(form.fields["service"].widget) is forms.Select
    assert "data-picker-url" not in str(form["service"])


def test_a_long_list_renders_only_the_chosen_option(world, many):
    own, _other, _hidden = many
    form = ServiceForm(user=world.editor, initial={"service": own[1].pk})
    html = str(form["service"])
    assert isinstance(form.fields["service"].widget, pickers.RecordPicker)
    assert f'data-picker-url="{reverse("picker_search")}"' in html
    assert f"Kotihoito 1 ({world.a1})" in html and "selected" in html
    assert "Kotihoito 0" not in html and "Kotihoito B0" not in html
    assert isinstance(form.fields["services"].widget, pickers.RecordMultiPicker)


def test_the_form_still_validates_against_its_own_list(world, many):
    own, _other, hidden = many
    assert ServiceForm({"service": own[0].pk}, user=world.editor).is_valid()
    form = ServiceForm({"service": hidden.pk}, user=world.editor)
    assert not form.is_valid() and "service" in form.errors


def test_search_answers_what_the_user_may_view_in_the_own_area_unless_all_of_finland(world, many):
    client = client_for(world.editor)
    response = client.get(reverse("picker_search"), {"model": token(Service), "q": "kotihoito"})
    texts = [r["text"] for r in response.json()["results"]]
    assert sorted(texts) == [f"Kotihoito {n} ({world.a1})" for n in range(3)]
    # all of Finland: the other county's public services too, never its internal one
    response = client.get(reverse("picker_search"), {"model": token(Service), "q": "kotihoito", "scope": "all"})
    texts = [r["text"] for r in response.json()["results"]]
    assert sorted(texts) == sorted([f"Kotihoito {n} ({world.a1})" for n in range(3)]
                                   + [f"Kotihoito B{n} ({world.b1})" for n in range(3)])
    assert "salainen" not in response.content.decode()
    # the other county's member sees its own internal service, and no services of Alfa by default
    response = client_for(world.other).get(reverse("picker_search"), {"model": token(Service), "q": "koti"})
    texts = [r["text"] for r in response.json()["results"]]
    assert f"Kotihoito salainen ({world.b1})" in texts and all("Betala" in t for t in texts)
    assert AccessLog.objects.filter(user=world.other, detail__contains="picker").exists()


def test_a_coordinator_finds_the_whole_area(world, many):
    other_municipality = ServiceFactory(organisation=world.a2, name="Kotihoito A2", name_fi="Kotihoito A2")
    response = client_for(world.editor).get(reverse("picker_search"), {"model": token(Service), "q": "A2"})
    assert [r["value"] for r in response.json()["results"]] == [str(other_municipality.pk)]  # same county


def test_anonymous_visitors_get_public_records_only(world, many):
    response = client_for(None).get(reverse("picker_search"), {"model": token(Service), "q": "kotihoito"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 6 and "salainen" not in response.content.decode()


def test_every_word_must_match_and_one_letter_finds_nothing(world, many):
    client = client_for(world.editor)
    found = client.get(reverse("picker_search"), {"model": token(Service), "q": "kotihoito B1",
                                                  "scope": "all"}).json()["results"]
    assert [r["text"] for r in found] == [f"Kotihoito B1 ({world.b1})"]
    assert client.get(reverse("picker_search"), {"model": token(Service), "q": "k"}).json()["results"] == []


def test_a_forged_list_token_is_refused(world):
    response = client_for(world.editor).get(reverse("picker_search"), {"model": "catalogue.service", "q": "ko"})
    assert response.status_code == 400


def test_an_agenda_item_names_its_forum_and_date(world, settings):
    forum = forum_for(world.a1, name="Hyte-ryhmä", name_fi="Hyte-ryhmä")
    meeting = MeetingFactory(forum=forum)
    item = AgendaItemFactory(meeting=meeting, number=1, title="Työpakettien tilannekatsaus")
    from yhdyspinta.cooperation.models import AgendaItem

    response = client_for(world.editor).get(reverse("picker_search"),
                                            {"model": token(AgendaItem), "q": "tilannekatsaus"})
    [found] = response.json()["results"]
    assert found["value"] == str(item.pk)
    assert found["text"].startswith("Hyte-ryhmä ") and found["text"].endswith("§ 1 Työpakettien tilannekatsaus")
    # the forum's name finds its items too
    response = client_for(world.editor).get(reverse("picker_search"), {"model": token(AgendaItem), "q": "hyte"})
    assert [r["value"] for r in response.json()["results"]] == [str(item.pk)]


@pytest.mark.parametrize("keys_at_most", [200, 0])
def test_a_related_name_finds_items_in_every_language_read_first_or_joined(world, monkeypatch, keys_at_most):
    """An agenda item is found by its forum's name in any language, and by words of its own title
    and its forum's name together; the forum's matches are read first (few) or joined (many: 0)."""
    from yhdyspinta.cooperation.models import AgendaItem

    monkeypatch.setattr(pickers, "RELATED_KEYS_AT_MOST", keys_at_most)
    forum = forum_for(world.a1, name="Hyte-ryhmä", name_fi="Hyte-ryhmä", name_sv="Välfärdsgruppen")
    item = AgendaItemFactory(meeting=MeetingFactory(forum=forum), number=2, title="Talousarvio")
    other = AgendaItemFactory(meeting=MeetingFactory(forum=forum_for(world.a1, name="Johtoryhmä",
                                                                      name_fi="Johtoryhmä")), title="Talousarvio")

    def found(text):
        return {obj.pk for obj in pickers.search(AgendaItem, world.editor, text)}

    assert found("hyte") == found("hyte-ryhmä talousarvio") == {item.pk}
    assert found("välfärdsgrupp") == {item.pk}  # its Swedish name
    assert found("talousarvio") == {item.pk, other.pk}
    assert found("välfärdsgrupp johto") == set() and found("tilanne") == set()
