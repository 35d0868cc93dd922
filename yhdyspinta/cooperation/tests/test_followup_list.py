"""The follow-up actions list (toimenpiteet): "late only", CSV/XLSX of the shown rows, the owner
named by the one person rule, internal meetings' actions only to insiders (page, export, API)."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import api_client_for, client_for
from tests.factories import PersonFactory
from yhdyspinta.core.models import AccessLog

from .factories import FollowUpActionFactory, MeetingFactory, forum_for


def _rows(response):
    """The data rows of a list download: after the metadata lines, the empty line and the header."""
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return [line for line in lines[lines.index([]) + 2:] if line]


def test_follow_up_actions_late_only_and_exports(world):
    today = timezone.localdate()
    forum = forum_for(world.a1)
    public = MeetingFactory(forum=forum, visibility="public")
    secret = MeetingFactory(forum=forum, visibility="internal")
    owner = PersonFactory(organisation=world.a1, first_name="Salla", last_name="Salainen", visibility="internal",
                          title="Kehittäjä")
    late = FollowUpActionFactory(decision__item__meeting=public, title="Myöhässä oleva raportti", owner=owner,
                                 deadline=today - timedelta(days=3))
    FollowUpActionFactory(decision__item__meeting=public, title="Tuleva raportti", deadline=today + timedelta(days=3))
    FollowUpActionFactory(decision__item__meeting=public, title="Valmis raportti", status="done",
                          deadline=today - timedelta(days=3))
    FollowUpActionFactory(decision__item__meeting=secret, title="Sisäinen raportti", deadline=today - timedelta(1))
    url = reverse("cooperation:action_list")

    page = client_for(None).get(url, {"late": "true"}).content.decode()
    assert "Myöhässä oleva raportti" in page and "Tuleva raportti" not in page and "Valmis raportti" not in page
    assert "Sisäinen raportti" not in page and "Salainen" not in page  # an internal person: title, organisation
    assert "Kehittäjä" in page and late.get_absolute_url() in page
    assert "Sisäinen raportti" not in client_for(world.other).get(url, {"late": "true"}).content.decode()
    insider = client_for(world.viewer).get(url, {"late": "true"}).content.decode()
    assert "Sisäinen raportti" in insider and "Salla Salainen" in insider

    response = client_for(world.viewer).get(url, {"late": "true", "export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    titles = sorted(row[0] for row in _rows(response))
    assert titles == ["Myöhässä oleva raportti", "Sisäinen raportti"]
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT, user=world.viewer).exists()
    outsider = _rows(client_for(None).get(url, {"export": "csv"}))
    assert sorted(row[0] for row in outsider) == ["Myöhässä oleva raportti", "Tuleva raportti", "Valmis raportti"]
    assert not any("Salainen" in cell for row in outsider for cell in row)
    xlsx = client_for(None).get(url, {"late": "true", "export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # the API's filter is the same
    body = api_client_for(world.other).get("/api/v1/cooperation/actions/", {"late": "true"}).json()
    assert [a["title"] for a in body["results"]] == ["Myöhässä oleva raportti"]
    not_late = api_client_for(world.viewer).get("/api/v1/cooperation/actions/", {"late": "false"}).json()
    assert sorted(a["title"] for a in not_late["results"]) == ["Tuleva raportti", "Valmis raportti"]


def test_the_filters_offer_all_and_only_owners_of_actions_the_reader_sees(world):
    """Walk 6 #10: "late only" offered "Unknown"; the owner filter listed every person of the area."""
    public = MeetingFactory(forum=forum_for(world.a1), visibility="public")
    secret = MeetingFactory(forum=forum_for(world.a1), visibility="internal")
    shown = PersonFactory(organisation=world.a1, first_name="Näkyvä", last_name="Vastaava")
    hidden = PersonFactory(organisation=world.a1, first_name="Sisäisen", last_name="Vastaava")
    PersonFactory(organisation=world.a1, first_name="Ei", last_name="Toimenpiteitä")
    FollowUpActionFactory(decision__item__meeting=public, owner=shown)
    FollowUpActionFactory(decision__item__meeting=secret, owner=hidden)
    page = client_for(None).get(reverse("cooperation:action_list")).content.decode()
    owner_select = page.split('name="owner"')[1].split("</select>")[0]
    assert "Näkyvä Vastaava" in owner_select and "Sisäisen" not in owner_select and "Toimenpiteitä" not in owner_select
    late_select = page.split('name="late"')[1].split("</select>")[0]
    assert ">Kaikki<" in late_select and "Tuntematon" not in late_select
    insider = client_for(world.editor).get(reverse("cooperation:action_list")).content.decode()
    assert "Sisäisen Vastaava" in insider.split('name="owner"')[1].split("</select>")[0]
