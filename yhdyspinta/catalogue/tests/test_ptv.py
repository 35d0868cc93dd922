"""PTV (Palvelutietovaranto) import on recorded Open API v11 responses served by a local HTTP server:
no test reaches the internet."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from types import MappingProxyType
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command

from tests.factories import CountyFactory, MunicipalityFactory
from yhdyspinta.catalogue.models import (
    ContactPoint,
    OrganisationContact,
    PtvService,
    Service,
    ServicePoint,
)
from yhdyspinta.catalogue.ptv import USER_AGENT, PtvClient, PtvError, parse_channel, phone_display
from yhdyspinta.catalogue.ptv_actions import link_ptv, refresh_ptv

from .factories import ServiceFactory

FIXTURES = Path(__file__).parent / "fixtures"
ORG = "7e1a0000-0000-4000-8000-000000000017"
CURATOR = "7e1a0000-0000-4000-8000-000000000003"
JAKOBSTAD_PHONE = "7e1a0000-0000-4000-8000-000000000014"


class Recorded(BaseHTTPRequestHandler):
    """Serves the recorded responses; `server.override[path]` replaces a body (bad JSON, edited data)."""

    routes = MappingProxyType({
        ("/api/v11/Service/list/organization", "1"): "ptv_services_p1.json",
        ("/api/v11/Service/list/organization", "2"): "ptv_services_p2.json",
        (f"/api/v11/ServiceChannel/list/organization/{ORG}", "1"): "ptv_channels.json",
    })

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        self.server.log.append((url.path, query, self.headers.get("User-Agent")))
        if url.path.startswith("/api/v11/Service/") and query.get("organizationId") != [ORG]:
            return self._send(404, b"{}")
        if url.path in self.server.override:
            return self._send(200, self.server.override[url.path])
        name = self.routes.get((url.path, (query.get("page") or ["1"])[0]))
        if name is None:
            return self._send(404, b"{}")
        return self._send(200, (FIXTURES / name).read_bytes())

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def ptv():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorded)
    server.log, server.override = [], {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}/api/v11"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def pohjanmaa(db):
    county = CountyFactory(code="17", area_code="17", name="Pohjanmaan hyvinvointialue",
                           name_sv="Österbottens välfärdsområde")
    return {"county": county,
            "598": MunicipalityFactory(code="598", name="Pietarsaari", name_sv="Jakobstad", area=county),
            "545": MunicipalityFactory(code="545", name="Närpiö", name_sv="Närpes", area=county)}


def fetch(server):
    client = PtvClient(server.base_url, timeout=5)
    return {"services": client.services(ORG), "channels": client.channels(ORG)}


def test_refresh_creates_services_with_contacts_points_and_hours(pohjanmaa, ptv):
    summary = refresh_ptv(pohjanmaa["county"], **fetch(ptv), create=True)
    assert summary.services == 4 and summary.created == 4 and summary.suggestions == []
    # both pages of services were read, with our User-Agent
    pages = [q.get("page") for path, q, _a in ptv.log if path.endswith("/Service/list/organization")]
    assert pages == [["1"], ["2"]]
    assert {agent for _p, _q, agent in ptv.log} == {USER_AGENT}
    curator = Service.objects.get(ptv_id=CURATOR)
    assert (curator.name_fi, curator.name_sv, curator.field, curator.visibility) == (
        "Koulukuraattori", "Skolkurator", "student_welfare", "public")
    phone = ContactPoint.objects.get(service=curator, ptv_id=JAKOBSTAD_PHONE)
    assert phone.phone == "+358 6 000 2598" and phone.municipality == pohjanmaa["598"]
    assert phone.name_sv == "Skolkuratorer i Jakobstad" and phone.hours_sv == "mån–fre 8.00–15.30"
    assert phone.hours_fi == "ma–pe 8.00–15.30"
    narpes = ContactPoint.objects.get(service=curator, municipality=pohjanmaa["545"])
    assert narpes.hours_sv == "mån–fre 8.00–15.00, Under skolterminerna." and narpes.hours_fi == "ma–pe 8.00–15.00"
    point = ServicePoint.objects.get(service=curator)
    assert (point.street_address, point.postal_code, point.post_office, point.municipality) == (
        "Koulukatu 5", "68600", "Pietarsaari", pohjanmaa["598"])
    assert point.opening_hours_sv == "mån–fre 8.00–16.00"
    emergency = ContactPoint.objects.get(service__ptv_id=ORG[:-2] + "01")
    assert emergency.hours_fi == "avoinna ympäri vuorokauden" and emergency.municipality is None
    web = ContactPoint.objects.get(url="https://www.ovph.fi/")
    assert web.phone == "" and web.name_sv == "Barnskyddsanmälan på nätet"
    assert PtvService.objects.filter(organisation=pohjanmaa["county"]).count() == 4


def test_refresh_again_updates_and_removes_what_ptv_dropped_but_keeps_own_contacts(pohjanmaa, ptv):
    refresh_ptv(pohjanmaa["county"], **fetch(ptv), create=True)
    curator = Service.objects.get(ptv_id=CURATOR)
    own = ContactPoint.objects.create(service=curator, name="Oma numero", phone="06 111 1111")
    channels = json.loads((FIXTURES / "ptv_channels.json").read_text(encoding="utf-8"))
    channels["itemList"] = [c for c in channels["itemList"] if c["id"] != JAKOBSTAD_PHONE]
    ptv.override[f"/api/v11/ServiceChannel/list/organization/{ORG}"] = json.dumps(channels).encode()
    summary = refresh_ptv(pohjanmaa["county"], **fetch(ptv), create=True)
    assert summary.created == 0 and summary.removed == 1
    assert not ContactPoint.objects.filter(ptv_id=JAKOBSTAD_PHONE).exists()
    assert ContactPoint.objects.filter(pk=own.pk).exists()
    assert Service.objects.filter(organisation=pohjanmaa["county"]).count() == 4


def test_a_name_match_is_only_suggested_until_an_editor_links_it(pohjanmaa, ptv, django_user_model):
    own = ServiceFactory(organisation=pohjanmaa["county"], name="Skolkurator", name_sv="Skolkurator",
                         field="student_welfare")
    summary = refresh_ptv(pohjanmaa["county"], **fetch(ptv), create=True)
    assert [(s.pk, p.ptv_id) for s, p in summary.suggestions] == [(own.pk, CURATOR)]
    own.refresh_from_db()
    assert own.ptv_id == "" and not own.contacts.exists()
    assert not Service.objects.filter(ptv_id=CURATOR).exists()  # not created twice either
    admin = django_user_model.objects.create_superuser("ptv-admin", "a@example.org", "x")
    link_ptv(own, CURATOR, acting_user=admin)
    refresh_ptv(pohjanmaa["county"], **fetch(ptv))
    assert own.contacts.filter(phone="+358 6 000 2598", municipality=pohjanmaa["598"]).exists()


def test_bad_json_is_a_clear_error_and_nothing_is_written(pohjanmaa, ptv):
    ptv.override[f"/api/v11/ServiceChannel/list/organization/{ORG}"] = b"{\"itemList\": [ {"
    client = PtvClient(ptv.base_url, timeout=5)
    with pytest.raises(PtvError, match="ServiceChannel/list/organization/.*the response is not JSON"):
        client.channels(ORG)
    assert not PtvService.objects.exists() and not Service.objects.exists()


def test_one_malformed_item_refuses_the_whole_import(pohjanmaa, ptv):
    data = fetch(ptv)
    del data["channels"][4]["serviceChannelType"]
    with pytest.raises(PtvError, match=r"service channel #5 .*0015: missing or invalid 'serviceChannelType'"):
        refresh_ptv(pohjanmaa["county"], **data, create=True)
    data = fetch(ptv)
    data["channels"][2]["phoneNumbers"] = [{"prefixNumber": "+358", "language": "fi"}]
    with pytest.raises(PtvError, match="a phone number without 'number'"):
        refresh_ptv(pohjanmaa["county"], **data, create=True)
    assert not PtvService.objects.exists() and not Service.objects.exists() and not ContactPoint.objects.exists()


def test_http_errors_name_the_url(ptv):
    client = PtvClient(ptv.base_url, timeout=5)
    with pytest.raises(PtvError, match=r"Service/list/organization: HTTP 404"):
        client.services("unknown-org")


def test_command_refreshes_organisations_with_a_ptv_id(pohjanmaa, ptv):
    OrganisationContact.objects.create(organisation=pohjanmaa["county"], ptv_id=ORG, phone="06 000 2100")
    out = StringIO()
    call_command("refresh_ptv", "--base-url", ptv.base_url, "--create", stdout=out)
    assert "4 PTV services, 4 created" in out.getvalue()
    assert Service.objects.filter(organisation=pohjanmaa["county"]).count() == 4
    ptv.override[f"/api/v11/ServiceChannel/list/organization/{ORG}"] = b"not json"
    with pytest.raises(CommandError, match="Pohjanmaan hyvinvointialue: .*not JSON"):
        call_command("refresh_ptv", "--base-url", ptv.base_url, stdout=StringIO())


def test_phone_display_and_unknown_language_items():
    assert phone_display({"number": "6 000 2000", "prefixNumber": "+358"}) == "+358 6 000 2000"
    assert phone_display({"number": "0295 000", "prefixNumber": "+358", "isFinnishServiceNumber": True}) == "0295 000"
    channel = parse_channel({"id": "x", "serviceChannelType": "Phone",
                             "serviceChannelNames": [{"type": "Name", "language": "se", "value": "Sámegiella"},
                                                     {"type": "Name", "language": "fi", "value": "Neuvonta"}]})
    assert channel["names"] == {"fi": "Neuvonta"}
