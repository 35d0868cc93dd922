"""Agreement checks that point to the law, reminders, the internal part and documents."""

from datetime import date

from django.core.files.base import ContentFile
from django.test import override_settings
from freezegun import freeze_time

from conftest import api_client_for, client_for
from yhdyspinta.cooperation.models import Agreement, AgreementDocument

from .factories import AgreementFactory

API = "/api/v1/cooperation/agreements/"


def _post(world, user, **data):
    payload = {"title_fi": "Sopimus", "kind": "task_specific", "visibility": "public", **data}
    return api_client_for(user).post(API, payload, format="json", HTTP_ACCEPT_LANGUAGE="en")


def test_one_party_is_refused(world):
    response = _post(world, world.editor, parties=[world.a1.pk])
    assert response.status_code == 400 and "two parties" in str(response.json()["parties"])
    assert not Agreement.objects.exists()
    page = client_for(world.editor).post("/cooperation/agreements/add/", {
        "title_fi": "Yksin", "kind": "other", "party_organisations": [world.a1.pk], "reminder_days": 60,
        "visibility": "public"})
    assert page.status_code == 200 and not Agreement.objects.exists()


def test_task_transfer_needs_every_municipality_and_funding(world):
    response = _post(world, world.coordinator, kind="task_transfer", parties=[world.county_a.pk, world.a1.pk],
                     has_funding_clause=True)
    assert response.status_code == 400
    message = str(response.json()["parties"])
    assert world.a2.name in message and "611/2021" in message
    response = _post(world, world.coordinator, kind="task_transfer",
                     parties=[world.county_a.pk, world.a1.pk, world.a2.pk])
    assert response.status_code == 400 and "funding" in str(response.json()["parties"])
    response = _post(world, world.coordinator, kind="task_transfer",
                     parties=[world.county_a.pk, world.a1.pk, world.a2.pk], has_funding_clause=True)
    assert response.status_code == 201, response.content
    assert set(Agreement.objects.get().parties.values_list("pk", flat=True)) == {
        world.county_a.pk, world.a1.pk, world.a2.pk}


def test_direct_purchase_from_a_municipality_is_refused_in_house_is_allowed(world):
    response = _post(world, world.coordinator, kind="purchase", parties=[world.county_a.pk, world.a1.pk])
    assert response.status_code == 400 and "in-house" in str(response.json()["parties"])
    response = _post(world, world.coordinator, kind="in_house", parties=[world.county_a.pk, world.a1.pk])
    assert response.status_code == 201


def test_the_form_saves_parties_and_checks_the_law(world):
    client = client_for(world.coordinator)
    data = {"title_fi": "Siirto", "kind": "task_transfer", "party_organisations": [world.county_a.pk, world.a1.pk],
            "reminder_days": 60, "visibility": "public", "has_funding_clause": "on"}
    page = client.post("/cooperation/agreements/add/", data)
    assert page.status_code == 200 and world.a2.name in page.content.decode()
    assert not Agreement.objects.exists()
    data["party_organisations"].append(world.a2.pk)
    assert client.post("/cooperation/agreements/add/", data).status_code == 302
    assert Agreement.objects.get().parties.count() == 3


@freeze_time("2026-11-01")
def test_reminders_list(world):
    soon = AgreementFactory(parties=[world.a1, world.county_a], title="Irtisanottava pian",
                            valid_until=date(2027, 3, 31), notice_months=3, reminder_days=60)
    later = AgreementFactory(parties=[world.a1, world.county_a], title="Pitkä sopimus",
                             valid_until=date(2030, 12, 31), notice_months=6, reminder_days=60)
    renew = AgreementFactory(parties=[world.a1, world.county_a], title="Uusittava",
                             renewal_date=date(2026, 12, 15), reminder_days=90)
    page = client_for(None).get("/cooperation/agreements/reminders/").content.decode()
    assert soon.title in page and renew.title in page and later.title not in page
    assert soon.remind_on == date(2026, 11, 1)


def test_internal_part_and_documents(world, tmp_path):
    agreement = AgreementFactory(parties=[world.a1, world.county_a], internal_part="Hinta 12,50 €/m² SALAISUUS")
    with override_settings(MEDIA_ROOT=tmp_path):
        public = AgreementDocument.objects.create(agreement=agreement, title="Sopimusteksti", version=2,
                                                  visibility="public", file=ContentFile(b"v2", name="s.txt"))
        internal = AgreementDocument.objects.create(agreement=agreement, title="Hinnoitteluliite", version=1,
                                                    file=ContentFile(b"hinta", name="h.txt"))
        for user in (None, world.other):
            page = client_for(user).get(agreement.get_absolute_url()).content.decode()
            assert "SALAISUUS" not in page and "Hinnoitteluliite" not in page and "Sopimusteksti" in page
            assert api_client_for(user).get(f"{API}{agreement.pk}/").json()["internal_part"] is None
            assert client_for(user).get(internal.get_absolute_url()).status_code == 404
        assert client_for(None).get(public.get_absolute_url()).status_code == 200
        page = client_for(world.viewer).get(agreement.get_absolute_url()).content.decode()
        assert "SALAISUUS" in page and "Hinnoitteluliite" in page


def test_a_new_document_version_is_uploaded_by_a_party(world, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    agreement = AgreementFactory(parties=[world.a1, world.county_a])
    with override_settings(MEDIA_ROOT=tmp_path):
        AgreementDocument.objects.create(agreement=agreement, title="Sopimusteksti", version=1, visibility="public",
                                         file=ContentFile(b"v1", name="s.txt"))
        client = client_for(world.editor)
        form = client.get("/cooperation/documents/add/", {"agreement": agreement.pk, "title": "Sopimusteksti"})
        assert form.status_code == 200 and 'value="2"' in form.content.decode()
        response = client.post("/cooperation/documents/add/", {
            "agreement": agreement.pk, "title": "Sopimusteksti", "version": 2, "visibility": "public",
            "file": SimpleUploadedFile("s2.txt", b"v2")})
        assert response.status_code == 302
        assert list(agreement.documents.values_list("version", flat=True)) == [2, 1]
        response = client_for(world.other).post("/cooperation/documents/add/", {
            "agreement": agreement.pk, "title": "Sopimusteksti", "version": 3, "visibility": "public",
            "file": SimpleUploadedFile("s3.txt", b"v3")})
        assert response.status_code == 200 and agreement.documents.count() == 2
