"""Failures answered, not crashed; limits (docs/reliability.md).

A protected delete names what depends on the record (hidden ones only counted); an action's
ValidationError lands on the form; deep JSON and huge integers are 400; error pages come in
fi/sv/en with the navigation (the 500 page without the database); the API throttles and caps
`limit`; uploads are refused by size, type and content before anything reads them.
"""

import io

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

from conftest import api_client_for, client_for
from tests.factories import PersonFactory, UnitFactory
from yhdyspinta.core import jsonsafe
from yhdyspinta.core.tabular import InputError
from yhdyspinta.core.uploads import check_upload

pytestmark = pytest.mark.django_db


# ---- protected deletes ---------------------------------------------------------------------
@pytest.fixture
def owned_person(world):
    """A person of A1 who owns a public interface of A1 and an internal one of B1."""
    from yhdyspinta.catalogue.models import InterfaceOwner
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    person = PersonFactory(organisation=world.a1, first_name="Olli", last_name="Omistaja")
    public = InterfaceFactory(title="Julkinen rajapinta", title_fi="Julkinen rajapinta", parties=[world.a1])
    hidden = InterfaceFactory(title="Salainen rajapinta", title_fi="Salainen rajapinta", parties=[world.b1],
                              visibility="internal")
    InterfaceOwner.objects.create(interface=public, organisation=world.a1, person=person)
    InterfaceOwner.objects.create(interface=hidden, organisation=world.b1, person=person)
    return person


def test_delete_page_lists_dependents_and_counts_hidden_ones(world, owned_person):
    from yhdyspinta.organisations.models import Person

    response = client_for(world.editor).post(f"/organisations/people/{owned_person.pk}/delete/")
    assert response.status_code == 409
    text = response.content.decode()
    assert "Julkinen rajapinta" in text
    assert "Salainen rajapinta" not in text
    assert "1 piilotettu tietue" in text  # Finnish: "1 hidden record"
    assert "main-nav" in text
    assert Person.objects.filter(pk=owned_person.pk).exists()


def test_api_delete_of_a_protected_person_is_409_with_the_list(world, owned_person):
    response = api_client_for(world.editor).delete(f"/api/v1/organisations/people/{owned_person.pk}/")
    assert response.status_code == 409
    body = response.json()
    assert [d["name"] for d in body["dependents"]] == ["Julkinen rajapinta"]
    assert body["hidden"] == 1
    assert "Salainen" not in response.content.decode()


def test_unprotected_delete_still_deletes(world):
    from yhdyspinta.organisations.models import Person

    person = PersonFactory(organisation=world.a1)
    response = client_for(world.editor).post(f"/organisations/people/{person.pk}/delete/")
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


# ---- ValidationError from an action ---------------------------------------------------------
def test_edit_view_puts_an_actions_validation_error_on_the_form(world):
    from yhdyspinta.core.views.generic import ObjectEditView
    from yhdyspinta.organisations.forms import UnitForm
    from yhdyspinta.organisations.models import Unit

    def refuse(form, *, actor, action):
        raise ValidationError({"name_fi": "Nimi on jo käytössä.", "not_a_field": "Yleinen virhe."})

    class View(ObjectEditView):
        model = Unit
        form_class = UnitForm
        save_action = staticmethod(refuse)

    unit = UnitFactory(organisation=world.a1)
    request = RequestFactory().post("/", {"organisation": world.a1.pk, "name_fi": "X", "version": unit.version})
    request.user = world.editor
    request._messages = None
    view = View()
    view.setup(request, pk=unit.pk)
    view.object = view.get_object()
    form = view.get_form()
    assert form.is_valid(), form.errors
    response = view.form_valid(form)
    assert response.status_code == 200
    assert form.errors["name_fi"] == ["Nimi on jo käytössä."]
    assert "Yleinen virhe." in form.non_field_errors()


# ---- deep JSON, huge integers -----------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,
    '{"name": ' + "[" * 65 + "1" + "]" * 65 + "}",
    '{"name": ' + "9" * 100_000 + "}",
    '{"name": ' + "9" * 31 + "}",
])
def test_api_write_with_deep_json_or_huge_integers_is_400(world, body):
    client = api_client_for(world.editor)
    for method, path in (("post", "/api/v1/organisations/units/"),
                         ("patch", f"/api/v1/organisations/units/{UnitFactory(organisation=world.a1).pk}/")):
        response = getattr(client, method)(path, data=body, content_type="application/json")
        assert response.status_code == 400, (method, response.content[:200])
        detail = response.json()["detail"]
        assert "64" in detail or "30" in detail, detail  # the limit is named


def test_jsonsafe_limits():
    assert jsonsafe.loads("[" * 64 + "]" * 64) is not None
    assert jsonsafe.loads('{"a": "[[[[[[[[[[' + "[" * 100 + '"}') == {"a": "[" * 110}
    assert jsonsafe.loads("1" * 30) == int("1" * 30)
    with pytest.raises(jsonsafe.JSONRefused):
        jsonsafe.loads("[" * 65 + "]" * 65)
    with pytest.raises(jsonsafe.JSONRefused):
        jsonsafe.loads("-" + "1" * 31)


def test_funding_json_import_refuses_deep_json_and_huge_numbers(world):
    from yhdyspinta.funding import actions

    for text in ("[" * 100_000 + "]" * 100_000, '{"year": ' + "9" * 100_000 + "}"):
        with pytest.raises(ValidationError) as refused:
            actions.import_parameter_set(actor=world.editor, text=text, owner=world.a1)
        assert "JSON" in " ".join(refused.value.messages)


def test_funding_import_page_answers_deep_json_with_a_form_error(world):
    client = client_for(world.editor)
    response = client.post("/funding/sets/import/", {
        "owner": world.a1.pk, "visibility": "public", "text": "[" * 100_000 + "]" * 100_000})
    assert response.status_code == 200
    assert "JSON" in response.content.decode()


# ---- error pages ----------------------------------------------------------------------------
@pytest.mark.parametrize(("language", "heading"), [
    ("fi", "Sivua ei löytynyt"), ("sv", "Sidan hittades inte"), ("en", "Page not found")])
def test_404_page_in_the_users_language_with_navigation(world, language, heading):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    response = client.get("/ei-tallaista-sivua/")
    assert response.status_code == 404
    text = response.content.decode()
    assert heading in text
    assert f'lang="{language}"' in text
    assert 'class="main-nav"' in text


@pytest.mark.parametrize(("language", "heading"), [
    ("fi", "Palvelinvirhe"), ("sv", "Serverfel"), ("en", "Server error")])
def test_500_page_renders_without_the_database(language, heading, django_assert_num_queries):
    from yhdyspinta.core.views.errors import server_error

    request = RequestFactory().get("/cooperation/")
    with translation.override(language), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    text = response.content.decode()
    assert heading in text
    assert 'class="main-nav"' in text


def test_403_and_400_pages(world):
    response = client_for(world.viewer).get("/catalogue/services/import/")
    assert response.status_code == 403
    assert "Ei oikeutta" in response.content.decode()
    response = Client(raise_request_exception=False).get("/catalogue/overview/", {"area": "9" * 10_000})
    assert response.status_code in (302, 400)  # signed out: the login page first
    response = Client(raise_request_exception=False).get("/cooperation/clock/", {"month": "9" * 10_000})
    assert response.status_code == 400
    assert "Virheellinen pyyntö" in response.content.decode()


# ---- throttling and limits ------------------------------------------------------------------
def test_api_throttles_anonymous_and_users_when_rates_are_low(world, monkeypatch):
    from yhdyspinta.core.api.throttling import AnonThrottle, UserThrottle

    monkeypatch.setattr(AnonThrottle, "rate", "3/min", raising=False)
    monkeypatch.setattr(UserThrottle, "rate", "4/min", raising=False)
    caches["throttle"].clear()
    try:
        anonymous = [api_client_for(None).get("/api/v1/organisations/organisations/").status_code
                     for _ in range(4)]
        assert anonymous == [200, 200, 200, 429]
        signed_in = [api_client_for(world.editor).get("/api/v1/organisations/organisations/").status_code
                     for _ in range(5)]
        assert signed_in == [200, 200, 200, 200, 429]
    finally:
        caches["throttle"].clear()


@override_settings(API_MAX_LIMIT=3)
def test_limit_over_the_maximum_is_capped(world):
    response = api_client_for(None).get("/api/v1/organisations/organisations/", {"limit": 10**20})
    assert response.status_code == 200
    body = response.json()
    assert len(body["results"]) == 3
    assert "limit=3" in body["next"]


def test_list_page_per_page_is_clamped(world):
    for value in ("-5", "0", "99999999999999999999"):
        response = client_for(world.admin).get("/organisations/", {"per_page": value})
        assert response.status_code == 200


# ---- uploads --------------------------------------------------------------------------------
def _csv(size):
    header = b"organisation_code;field;name_fi\n"
    return header + b"x;y;z\n" * ((size - len(header)) // 6 + 1)


@override_settings(UPLOAD_MAX_MB_IMPORT=1)
def test_oversized_import_is_refused_unread(world, monkeypatch):
    from yhdyspinta.catalogue import views

    monkeypatch.setattr(views, "import_services", lambda *a, **k: pytest.fail("the file was parsed"))
    upload = SimpleUploadedFile("palvelut.csv", _csv(1_600_000), content_type="text/csv")
    response = client_for(world.editor).post("/catalogue/services/import/", {"file": upload})
    assert response.status_code == 200
    text = response.content.decode()
    assert "palvelut.csv" in text and "1 Mt" in text or "1 MB" in text


def test_viewer_import_is_refused_before_the_file_is_read(world, monkeypatch):
    from yhdyspinta.catalogue import views

    monkeypatch.setattr(views, "import_services", lambda *a, **k: pytest.fail("the file was parsed"))
    upload = SimpleUploadedFile("palvelut.csv", _csv(100), content_type="text/csv")
    response = client_for(world.viewer).post("/catalogue/services/import/", {"file": upload})
    assert response.status_code == 403


def test_import_form_says_its_limits(world):
    text = client_for(world.editor).get("/catalogue/services/import/").content.decode()
    assert "Enintään 10 Mt; CSV tai XLSX." in text


def test_xlsx_rows_are_capped_and_streamed(settings):
    import openpyxl

    from yhdyspinta.core.xlsxsafe import iter_sheet_rows, open_workbook_safely

    settings.IMPORT_MAX_ROWS = 10
    book = openpyxl.Workbook()
    sheet = book.active
    for n in range(30):
        sheet.append([n, "x"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = iter_sheet_rows(open_workbook_safely(buffer.getvalue(), name="iso.xlsx"), name="iso.xlsx")
    with pytest.raises(InputError) as refused:
        list(rows)
    assert "more than 10 rows" in str(refused.value)


def test_csv_rows_are_capped(settings):
    from yhdyspinta.core.tabular import read_rows

    settings.IMPORT_MAX_ROWS = 5
    with pytest.raises(InputError):
        list(read_rows(b"a;b\n" + b"1;2\n" * 6, name="iso.csv"))
    assert len(list(read_rows(b"a;b\n" + b"1;2\n" * 5, name="ok.csv"))) == 5


@pytest.mark.parametrize(("name", "content", "ok"), [
    ("poytakirja.pdf", b"%PDF-1.7\n...", True),
    ("kuva.png", b"\x89PNG\r\n\x1a\n....", True),
    ("muistio.docx", b"PK\x03\x04....", True),
    ("ohjelma.exe", b"MZ\x90\x00", False),
    ("naamioitu.pdf", b"MZ\x90\x00", False),
    ("teksti.txt", b"MZ\x90\x00", False),
    ("nimeton", b"%PDF-1.7", False),
])
def test_attachment_types(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        check_upload(upload, kind="attachment", formats=("pdf", "png", "docx", "txt"))
    else:
        with pytest.raises(ValidationError):
            check_upload(upload, kind="attachment", formats=("pdf", "png", "docx", "txt"))


def test_attachment_with_a_wrong_type_is_refused_on_the_page(world):
    from yhdyspinta.cooperation.models import Attachment
    from yhdyspinta.cooperation.tests.factories import MeetingFactory, forum_for

    meeting = MeetingFactory(forum=forum_for(world.a1))
    client = client_for(world.editor)
    form = client.get(f"/cooperation/attachments/add/?meeting={meeting.pk}").content.decode()
    assert "Enintään 25 Mt" in form
    upload = SimpleUploadedFile("liite.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post("/cooperation/attachments/add/", {
        "meeting": meeting.pk, "title": "Liite", "file": upload, "visibility": "public"})
    assert response.status_code == 200
    assert "liite.pdf" in response.content.decode()
    assert not Attachment.objects.exists()


def _write_operations():
    from drf_spectacular.generators import EndpointEnumerator

    return sorted({(path, method) for path, _regex, method, _callback in EndpointEnumerator().get_api_endpoints()
                   if method in ("POST", "PUT", "PATCH") and "{" not in path})


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"x": ' + "9" * 5_000 + "}"])
def test_every_api_write_refuses_deep_json_and_huge_integers(world, body):
    """Every POST/PUT/PATCH operation without path arguments, enumerated from the schema."""
    operations = _write_operations()
    assert len(operations) > 10
    client = api_client_for(world.admin)
    client.raise_request_exception = False
    answers = {}
    for path, method in operations:
        response = getattr(client, method.lower())(path, data=body, content_type="application/json")
        answers[f"{method} {path}"] = response.status_code
    assert {k: v for k, v in answers.items() if v not in (400, 405)} == {}  # 405: no such write


@override_settings(UPLOAD_MAX_MB_IMPORT=1)
def test_an_upload_larger_than_its_limit_is_refused_by_its_length_unread(world, monkeypatch):
    from yhdyspinta.catalogue import views

    monkeypatch.setattr(views, "import_services", lambda *a, **k: pytest.fail("the file was parsed"))
    upload = SimpleUploadedFile("iso.csv", _csv(3 * 1024 * 1024), content_type="text/csv")
    client = client_for(world.editor)
    response = client.post("/catalogue/services/import/", {"file": upload})
    assert response.status_code == 302 and response.url == "/catalogue/services/import/"
    page = client.get(response.url).content.decode()
    assert "Tiedosto on liian suuri: enintään 1 Mt hyväksytään." in page


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/search/?q=%00", "/catalogue/finder/?q=a%00b", "/api/v1/catalogue/interfaces/?search=%00"])
def test_a_nul_character_in_the_query_is_400_not_500(url):
    """PostgreSQL cannot compare text with NUL; no real link carries one (found by the sweep on PostgreSQL)."""
    from django.test import Client

    response = Client().get(url)
    assert response.status_code == 400
