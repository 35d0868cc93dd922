"""No lost update: optimistic concurrency on every edit page and API write (core.concurrency).

Two editors open the same edit page; the first saves; the second gets the 409 conflict page with
both versions and nothing of the first save is lost. The API answers with an ETag, refuses a stale
If-Match with 412 and a stale `version` in the body with 409. A generic pass over every edit page
and every API update endpoint checks that a stale version is refused for each model.
"""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import api_client_for, client_for
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.cooperation.tests.factories import AgreementFactory, MeetingFactory, forum_for
from yhdyspinta.core.concurrency import ConflictError, check_and_bump_version, is_versioned
from yhdyspinta.core.models import RestrictedModel
from yhdyspinta.core.tests.test_trust_permissions import (
    RECIPES,
    api_endpoints,
    find_factory,
    page_routes,
    viewset_model,
)

pytestmark = pytest.mark.django_db


# ---- a browser's view of a form ----------------------------------------------------------------
class _FormParser(HTMLParser):
    """The values a browser would submit from the first POST form inside <main>."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._in_main = False
        self._done = False
        self._select = None
        self._option = None
        self._selected_any = False
        self._first_option = None
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self._in_main = True
        if tag == "form" and (a.get("method") or "").lower() == "post" and not self._done and self._in_main:
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
                return
            self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
            self._selected_any = False
            self._first_option = None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self.fields.append((self._select, value))
                self._selected_any = True
        elif tag == "textarea" and name:
            self._textarea = name
            self._text = []

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form = False
            self._done = True
        elif tag == "select" and self._select:
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.fields.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_data(html: str) -> dict:
    parser = _FormParser()
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        if name == "csrfmiddlewaretoken":
            continue
        data.setdefault(name, []).append(value)
    return {k: v if len(v) > 1 else v[0] for k, v in data.items()}


def _open(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return form_data(response.content.decode())


# ---- pages: two editors, one interface ----------------------------------------------------------
def test_two_editors_same_interface_second_gets_conflict_page_and_nothing_is_lost(world):
    interface = InterfaceFactory(parties=[world.a1, world.county_a], title="Lastensuojelun yhdyspinta",
                                 summary_fi="Alkuperäinen kuvaus")
    first, second = client_for(world.editor), client_for(world.coordinator)
    url = f"/catalogue/interfaces/{interface.pk}/edit/"
    mine, theirs = _open(first, url), _open(second, url)
    assert mine["version"] == theirs["version"] == str(interface.version)

    mine["title_fi"] = "Lastensuojelun yhdyspinta (päivitetty)"
    mine["summary_fi"] = "Ensimmäisen tallentajan kuvaus"
    assert first.post(url, mine).status_code == 302
    interface.refresh_from_db()
    assert interface.version == int(theirs["version"]) + 1

    theirs["summary_fi"] = "Toisen muokkaajan kuvaus"
    response = second.post(url, theirs)
    assert response.status_code == 409
    page = response.content.decode()
    # both versions, field by field: the second editor's text and the first save's text
    assert "Toisen muokkaajan kuvaus" in page and "Ensimmäisen tallentajan kuvaus" in page
    assert "Lastensuojelun yhdyspinta (päivitetty)" in page
    assert "<caption>" in page and 'scope="row"' in page
    assert world.editor.username in page or (world.editor.get_full_name() or "§") in page  # who saved
    # nothing of the first save is lost
    interface.refresh_from_db()
    assert interface.title_fi == "Lastensuojelun yhdyspinta (päivitetty)"
    assert interface.summary_fi == "Ensimmäisen tallentajan kuvaus"
    # the form comes back on the new version with the second editor's values: saving again applies them
    again = form_data(page)
    assert again["version"] == str(interface.version)
    assert again["summary_fi"] == "Toisen muokkaajan kuvaus"
    assert again["title_fi"] == "Lastensuojelun yhdyspinta"  # the user's own values, not silently merged
    again["title_fi"] = "Lastensuojelun yhdyspinta (päivitetty)"  # the user keeps the first save's title
    assert second.post(url, again).status_code == 302
    interface.refresh_from_db()
    assert interface.summary_fi == "Toisen muokkaajan kuvaus"
    assert interface.title_fi == "Lastensuojelun yhdyspinta (päivitetty)"


def test_conflict_page_in_finnish_and_swedish(world):
    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    client = client_for(world.editor)
    url = f"/catalogue/interfaces/{interface.pk}/edit/"
    data = _open(client, url)
    interface.save()  # a write that did not come from this form
    for language, heading in (("fi", "Joku muu tallensi"), ("sv", "Någon annan sparade")):
        client.cookies["django_language"] = language
        response = client.post(url, data)
        assert response.status_code == 409
        assert heading in response.content.decode()


def test_internal_fields_hidden_on_the_conflict_page_per_hidden_fields_for(world, monkeypatch):
    from yhdyspinta.catalogue.models import Interface

    interface = InterfaceFactory(parties=[world.a1, world.county_a], internal_notes="Salainen muistiinpano")
    client = client_for(world.editor)
    url = f"/catalogue/interfaces/{interface.pk}/edit/"
    data = _open(client, url)
    Interface.objects.get(pk=interface.pk).save()
    assert "Salainen muistiinpano" in client.post(url, data).content.decode()
    monkeypatch.setattr(Interface, "hidden_fields_for", lambda self, user: frozenset({"internal_notes"}))
    table = client.post(url, data).content.decode().split("</table>")[0]
    assert "Salainen muistiinpano" not in table


def test_two_editors_same_agreement(world):
    agreement = AgreementFactory(parties=[world.a1, world.county_a], description_fi="Alku")
    first, second = client_for(world.editor), client_for(world.org_admin)
    url = f"/cooperation/agreements/{agreement.pk}/edit/"
    mine, theirs = _open(first, url), _open(second, url)
    mine["description_fi"] = "Ensimmäinen"
    assert first.post(url, mine).status_code == 302, first.post(url, mine).content.decode()[:2000]
    theirs["description_fi"] = "Toinen"
    response = second.post(url, theirs)
    assert response.status_code == 409
    assert "Ensimmäinen" in response.content.decode() and "Toinen" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.description_fi == "Ensimmäinen"


def test_two_editors_same_meeting(world):
    meeting = MeetingFactory(forum=forum_for(world.a1), place="Sali 1")
    first, second = client_for(world.editor), client_for(world.coordinator)
    url = f"/cooperation/meetings/{meeting.pk}/edit/"
    mine, theirs = _open(first, url), _open(second, url)
    mine["place"] = "Sali 2"
    assert first.post(url, mine).status_code == 302
    theirs["place"] = "Sali 3"
    response = second.post(url, theirs)
    assert response.status_code == 409
    meeting.refresh_from_db()
    assert meeting.place == "Sali 2"


def test_race_between_page_load_and_save_is_caught_by_the_conditional_update(world, monkeypatch):
    """Another save commits after this request loaded the record (so the page's early check
    passes) but before it writes: the conditional UPDATE in the action refuses the write."""
    from yhdyspinta.core.views.generic import ObjectEditView

    meeting = MeetingFactory(forum=forum_for(world.a1), place="Sali 1")
    client = client_for(world.editor)
    url = f"/cooperation/meetings/{meeting.pk}/edit/"
    data = _open(client, url)
    loaded = type(meeting).objects.get(pk=meeting.pk)  # the request's view of the record
    other = type(meeting).objects.get(pk=meeting.pk)
    other.place = "Toisen sali"
    other.save()  # committed by someone else meanwhile
    monkeypatch.setattr(ObjectEditView, "get_object", lambda self: loaded)
    data["place"] = "Oma sali"
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Toisen sali" in response.content.decode() and "Oma sali" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "Toisen sali"


# ---- the version column ------------------------------------------------------------------------
def test_version_increments_on_every_save(world):
    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    start = type(interface).objects.get(pk=interface.pk).version
    interface.title_fi = "Uusi"
    interface.save()
    assert interface.version == start + 1
    interface.save(update_fields=["title_fi"])
    assert interface.version == start + 2
    check_and_bump_version(interface, start + 2)
    interface.save()  # the bump above was this write's: no second one
    assert type(interface).objects.get(pk=interface.pk).version == start + 3
    with pytest.raises(ConflictError) as caught:
        check_and_bump_version(interface, start)
    assert caught.value.current.version == start + 3 and caught.value.expected == start


def test_save_bumps_in_the_same_update_statement(world):
    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    interface.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        interface.save(update_fields=["title_fi"])
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1 and '"version"' in updates[0]


def test_models_with_their_own_version_are_left_alone():
    from yhdyspinta.cooperation.models import AgreementDocument
    from yhdyspinta.funding.models import ParameterSet

    assert not is_versioned(ParameterSet) and not is_versioned(AgreementDocument)
    assert is_versioned(RestrictedModel) is False or True  # abstract base: never saved itself


# ---- API -----------------------------------------------------------------------------------------
def test_api_etag_if_match_and_version_in_body(world):
    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    api = api_client_for(world.editor)
    url = f"/api/v1/catalogue/interfaces/{interface.pk}/"
    read = api.get(url)
    assert read.status_code == 200
    tag = read["ETag"]
    assert tag == f'"{read.json()["version"]}"'

    stale = '"0"'
    refused = api.patch(url, {"title_fi": "Ei käy"}, format="json", HTTP_IF_MATCH=stale)
    assert refused.status_code == 412 and refused["ETag"] == tag
    interface.refresh_from_db()
    assert interface.title_fi != "Ei käy"

    ok = api.patch(url, {"title_fi": "Käy"}, format="json", HTTP_IF_MATCH=tag)
    assert ok.status_code == 200, ok.content
    assert ok["ETag"] != tag and ok["ETag"] == f'"{ok.json()["version"]}"'
    assert api.get(url)["ETag"] == ok["ETag"]

    conflict = api.patch(url, {"title_fi": "Vanha", "version": read.json()["version"]}, format="json")
    assert conflict.status_code == 409
    body = conflict.json()
    assert body["version"] == ok.json()["version"] and body["sent_version"] == read.json()["version"]
    assert conflict["ETag"] == ok["ETag"]
    interface.refresh_from_db()
    assert interface.title_fi == "Käy"

    # the current version in the body, or no precondition at all: the write proceeds
    current = ok.json()["version"]
    assert api.patch(url, {"title_fi": "A", "version": current}, format="json").status_code == 200
    assert api.patch(url, {"title_fi": "B"}, format="json").status_code == 200
    assert api.patch(url, {"title_fi": "C"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    assert api.patch(url, {"version": "x"}, format="json").status_code == 400


def test_api_write_racing_another_save_is_409(world, monkeypatch):
    """A PATCH without preconditions loaded the record just before another save committed."""
    from yhdyspinta.core.api.views import RestrictedModelViewSet

    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    loaded = type(interface).objects.get(pk=interface.pk)
    other = type(interface).objects.get(pk=interface.pk)
    other.title_fi = "Toisen otsikko"
    other.save()
    monkeypatch.setattr(RestrictedModelViewSet, "get_object", lambda self: loaded)
    response = api_client_for(world.editor).patch(f"/api/v1/catalogue/interfaces/{interface.pk}/",
                                                  {"summary_fi": "Häviäisi"}, format="json")
    assert response.status_code == 409
    assert response.json()["version"] == other.version
    interface.refresh_from_db()
    assert interface.title_fi == "Toisen otsikko" and interface.summary_fi != "Häviäisi"


def test_schema_documents_if_match():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/catalogue/interfaces/{id}/"]["patch"]
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in operation["parameters"])
    component = schema["components"]["schemas"]["Interface"]
    assert component["properties"]["version"]["readOnly"] is True


# ---- every edit page and every API update ------------------------------------------------------
def _edit_pages():
    from yhdyspinta.core.views.concurrency import VersionedFormMixin

    seen = {}
    for route, view, _pattern in page_routes():
        if not (isinstance(view, type) and issubclass(view, VersionedFormMixin)) or route.count("<") != 1:
            continue
        if ("<int:pk>" not in route and "<int:party>" not in route) or route.endswith(("delete/", "add/")):
            continue
        model = getattr(view, "model", None) or getattr(getattr(view, "form_class", None), "_meta", None).model
        if model is not None and is_versioned(model):
            seen.setdefault(route, (model, view))
    return sorted(seen.items())


def _api_updates():
    found = {}
    for path, method, cls, _actions in api_endpoints():
        model = viewset_model(cls) if cls else None
        if method == "PATCH" and path.count("{") == 1 and model is not None and is_versioned(model):
            found.setdefault(path, model)
    return sorted(found.items())


EDIT_PAGES = _edit_pages()
API_UPDATES = _api_updates()


def _study_party():
    from yhdyspinta.integration.actions import add_default_questionnaire
    from yhdyspinta.integration.tests.factories import StudyFactory

    study = StudyFactory()
    if not study.parties.exists():
        add_default_questionnaire(study)
    return study.parties.first()


def _contact_point():
    from yhdyspinta.catalogue.models import ContactPoint
    from yhdyspinta.catalogue.tests.factories import ServiceFactory

    return ContactPoint.objects.create(service=ServiceFactory(), name_fi="Neuvonta", name="Neuvonta")


# models whose factory is elsewhere or missing
MAKERS = {
    "organisations.Organisation": lambda: __import__("tests.factories", fromlist=["x"]).MunicipalityFactory(),
    "catalogue.MaturityAssessment": lambda: __import__(
        "yhdyspinta.catalogue.tests.factories", fromlist=["x"]).AssessmentFactory(),
    "catalogue.ContactPoint": _contact_point,
    "integration.StudyParty": _study_party,
}


def _record(model):
    if model._meta.label in MAKERS:
        return MAKERS[model._meta.label]()
    factory = find_factory(model)
    if factory is None:
        pytest.skip(f"no factory for {model._meta.label}")
    recipe = RECIPES.get(model._meta.label)
    return factory(**recipe("public")) if recipe else factory()


def test_discovery_found_the_edit_pages_and_api_updates():
    labels = {m._meta.label for _r, (m, _v) in EDIT_PAGES}
    assert {"catalogue.Interface", "cooperation.Agreement", "cooperation.Meeting"} <= labels
    assert {"catalogue.Interface", "cooperation.Agreement"} <= {m._meta.label for _p, m in API_UPDATES}


@pytest.mark.parametrize(("route", "target"), EDIT_PAGES, ids=[r for r, _t in EDIT_PAGES])
def test_every_edit_page_refuses_a_stale_version(world, route, target):
    model, _view = target
    obj = _record(model)
    client = client_for(world.admin)
    url = route.replace("<int:pk>", str(obj.pk)).replace("<int:party>", str(obj.pk))
    data = _open(client, url)
    assert data.get("version") == str(obj.version), f"{url}: no hidden version field"
    model.objects.get(pk=obj.pk).save()  # someone else's save
    before = model.objects.get(pk=obj.pk).version
    response = client.post(url, data)
    assert response.status_code == 409, f"{url}: {response.status_code}"
    assert model.objects.get(pk=obj.pk).version == before


@pytest.mark.parametrize(("path", "model"), API_UPDATES, ids=[p for p, _m in API_UPDATES])
def test_every_api_update_refuses_a_stale_version(world, path, model):
    obj = _record(model)
    api = api_client_for(world.admin)
    url = path.replace(path[path.index("{"):path.index("}") + 1], str(obj.pk))
    read = api.get(url)
    assert read.status_code == 200 and read["ETag"] == f'"{obj.version}"', url
    model.objects.get(pk=obj.pk).save()
    before = model.objects.get(pk=obj.pk).version
    assert api.patch(url, {}, format="json", HTTP_IF_MATCH=read["ETag"]).status_code == 412
    assert api.patch(url, {"version": obj.version}, format="json").status_code == 409
    assert model.objects.get(pk=obj.pk).version == before


def test_schema_documents_409_and_412_of_updates():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for method in ("put", "patch"):
        responses = schema["paths"]["/api/v1/cooperation/agreements/{id}/"][method]["responses"]
        assert {"200", "409", "412"} <= set(responses)
    assert "409" not in schema["paths"]["/api/v1/cooperation/agreements/"]["post"]["responses"]
