"""Search synonyms editors extend (issue 16): pages and API through the one permission path, audited,
used by the finder and the site search at once, on top of the shipped list."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from conftest import api_client_for, client_for
from yhdyspinta.catalogue.finder import find
from yhdyspinta.catalogue.models import SearchSynonym
from yhdyspinta.core import search, textsearch

from .factories import ServiceFactory


@pytest.fixture(autouse=True)
def _shipped_list_after():
    yield
    textsearch.forget_stored_synonyms()  # the rows of a rolled-back test must not reach pure search tests


def _names(world, q):
    return [r["service"].name for r in find(world.a1, q)["services"]]


def test_editor_adds_a_synonym_the_finder_uses_then_changes_and_deletes_it(world):
    ServiceFactory(organisation=world.county_a, name="Perheneuvola", visibility="public")
    assert "Perheneuvola" not in _names(world, "riitatilanne")
    client = client_for(world.editor)
    response = client.post(reverse("catalogue:synonym_add"), {
        "language": "fi", "phrase": "riitatilanne", "expands_to": "perheneuvola", "organisation": world.a1.pk})
    assert response.status_code == 302
    synonym = SearchSynonym.objects.get()
    assert _names(world, "riitatilanteessa")[:1] == ["Perheneuvola"]  # inflected forms match too
    assert search.text_filter(["name_fi"], "riitatilanne")  # the site search's filter expands it
    response = client.post(reverse("catalogue:synonym_edit", args=[synonym.pk]), {
        "language": "fi", "phrase": "erimielisyys", "expands_to": "perheneuvola", "organisation": world.a1.pk,
        "version": synonym.version})
    assert response.status_code == 302
    assert "Perheneuvola" in _names(world, "erimielisyys")
    assert "Perheneuvola" not in _names(world, "riitatilanne")
    assert client.post(reverse("catalogue:synonym_delete", args=[synonym.pk])).status_code == 302
    assert "Perheneuvola" not in _names(world, "erimielisyys")
    entries = LogEntry.objects.filter(content_type__model="searchsynonym", object_id=synonym.pk)
    assert entries.count() == 3 and {e.actor_id for e in entries} == {world.editor.pk}
    listing = client_for(world.editor).get(reverse("catalogue:synonym_list"))
    assert listing.status_code == 200


def test_a_stored_phrase_replaces_the_shipped_expansion(world):
    ServiceFactory(organisation=world.county_a, name="Päihdepalvelut", visibility="public")
    ServiceFactory(organisation=world.county_a, name="Mielenterveyspalvelut", visibility="public")
    shipped = [(lang, phrase) for lang, phrase, _exp in textsearch.shipped_synonyms()]
    assert ("fi", "alkoholi") in shipped
    assert _names(world, "alkoholi")[:1] == ["Päihdepalvelut"]
    SearchSynonym.objects.create(organisation=world.a1, language="fi", phrase="alkoholi",
                                 expands_to="mielenterveyspalvelut")
    assert _names(world, "alkoholi")[:1] == ["Mielenterveyspalvelut"]


def test_other_county_editor_viewer_and_anonymous_are_refused(world):
    synonym = SearchSynonym.objects.create(organisation=world.a1, language="fi", phrase="huoli lapsesta",
                                           expands_to="lastensuojelu")
    data = {"language": "fi", "phrase": "x-juttu", "expands_to": "y", "organisation": world.a1.pk,
            "version": synonym.version}
    for user in (world.other, world.viewer):
        client = client_for(user)
        assert client.post(reverse("catalogue:synonym_edit", args=[synonym.pk]), data).status_code == 403
        assert client.post(reverse("catalogue:synonym_delete", args=[synonym.pk])).status_code == 403
    response = client_for(world.other).post(reverse("catalogue:synonym_add"), data)  # A1 is not among the choices
    assert response.status_code == 200 and SearchSynonym.objects.count() == 1
    assert client_for(None).post(reverse("catalogue:synonym_add"), data).status_code == 302  # to sign-in
    synonym.refresh_from_db()
    assert synonym.phrase == "huoli lapsesta"
    api = api_client_for(world.other)
    url = reverse("api-catalogue:synonym-detail", args=[synonym.pk])
    assert api.patch(url, {"expands_to": "z"}, format="json").status_code == 403
    assert api_client_for(None).post(reverse("api-catalogue:synonym-list"), data, format="json").status_code in (
        401, 403)


def test_api_creates_and_refuses_a_question_word_phrase(world):
    api = api_client_for(world.editor)
    url = reverse("api-catalogue:synonym-list")
    response = api.post(url, {"language": "sv", "phrase": "oro för barn", "expands_to": "barnskydd",
                              "organisation": world.a1.pk}, format="json")
    assert response.status_code == 201, response.content
    response = api.post(url, {"language": "fi", "phrase": "mihin", "expands_to": "neuvola",
                              "organisation": world.a1.pk}, format="json")
    assert response.status_code == 400 and "phrase" in response.json()
    assert [s["phrase"] for s in api_client_for(None).get(url).json()["results"]] == ["oro för barn"]
