"""The general-contact editor (issue 16): an organisation's editors add and change the contacts the
finder falls back on; another county's editor and anonymous visitors are refused; changes are audited."""

from auditlog.models import LogEntry
from django.urls import reverse

from conftest import client_for
from yhdyspinta.catalogue.models import OrganisationContact


def _post(client, url, org, **extra):
    data = {"organisation": org.pk, "phone": "06 000 3000", "email": "", "url": "", "address": "Kirkkokatu 1",
            "hours_fi": "ma–pe 8–16", "hours_sv": "mån–fre 8–16", "hours_en": "", "social_emergency_phone": "",
            "ptv_id": "", **extra}
    return client.post(url, data)


def test_editor_adds_and_changes_own_organisations_general_contact_audited(world):
    client = client_for(world.editor)
    response = _post(client, reverse("catalogue:general_contact_add"), world.a1)
    assert response.status_code == 302
    contact = OrganisationContact.objects.get(organisation=world.a1)
    assert contact.hours_sv == "mån–fre 8–16"
    response = _post(client, reverse("catalogue:general_contact_edit", args=[contact.pk]), world.a1,
                     phone="06 000 3999", version=contact.version)
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "06 000 3999"
    entries = LogEntry.objects.get_for_object(contact)
    assert entries.count() == 2 and all(e.actor_id == world.editor.pk for e in entries)
    listing = client.get(reverse("catalogue:general_contact_list")).content.decode()
    assert "06 000 3999" in listing and reverse("catalogue:general_contact_edit", args=[contact.pk]) in listing


def test_other_county_editor_and_anonymous_are_refused(world):
    contact = OrganisationContact.objects.create(organisation=world.a1, phone="06 000 3000")
    edit = reverse("catalogue:general_contact_edit", args=[contact.pk])
    other = client_for(world.other)
    assert other.get(edit).status_code == 403
    assert _post(other, edit, world.a1, phone="06 666", version=contact.version).status_code == 403
    # adding for an organisation they do not edit: the organisation is not among the choices
    response = _post(other, reverse("catalogue:general_contact_add"), world.a2)
    assert response.status_code == 200 and not OrganisationContact.objects.filter(organisation=world.a2).exists()
    anonymous = client_for(None)
    assert anonymous.get(edit).status_code == 302  # to sign-in
    assert anonymous.post(edit, {"phone": "1"}).status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "06 000 3000"
    # the viewer of the same organisation reads but may not change
    assert client_for(world.viewer).get(edit).status_code == 403


def test_service_point_texts_in_swedish_or_tagged_finnish(world):
    from django.utils import translation

    from yhdyspinta.catalogue.models import ServicePoint

    from .factories import ServiceFactory

    service = ServiceFactory(organisation=world.a1, name="Neuvola", name_sv="Rådgivning", visibility="public")
    ServicePoint.objects.create(service=service, name="Neuvola keskusta", name_sv="Rådgivningen centrum",
                                opening_hours_fi="ma–pe 8–16", directions_fi="Bussi 1", directions_sv="Buss 1")
    with translation.override("sv"):
        url = reverse("catalogue:service_detail", args=[service.pk])
    html = client_for(None).get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Rådgivningen centrum" in html and "Buss 1" in html
    assert '<span lang="fi">ma–pe 8–16</span>' in html  # no Swedish hours: the Finnish text, marked
