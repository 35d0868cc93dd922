"""Use cases: parties refused, checklists copied and checked, progress and completion, exports."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from conftest import api_client_for, client_for
from yhdyspinta.transfers import actions, queries
from yhdyspinta.transfers.models import ChecklistTemplateItem, InventoryItem

from .conftest import make_item

pytestmark = pytest.mark.django_db


def _fi(msgid, **values):
    """The text as the Finnish page shows it (the default language)."""
    with translation.override("fi"):
        return translation.gettext(msgid) % values


def _item_data(project, world, **extra):
    return {"project": project, "kind": "contract", "title": "Siivouksen puitesopimus", "from_party": world.county_a,
            "to_party": world.a1, "owner": world.a1, **extra}


def test_unknown_party_is_refused_with_a_clear_message(world, project):
    with pytest.raises(ValidationError) as exc, translation.override("en"):
        actions.create_item(acting_user=world.editor, **_item_data(project, world, to_party=world.a2))
    assert "Alfanen is not a party of the transfer project" in str(exc.value.message_dict["to_party"])
    assert not InventoryItem.objects.exists()


def test_api_refuses_unknown_party_with_400_on_the_field(world, project):
    body = {"project": project.pk, "kind": "asset", "title": "Kalusto", "from_party": world.county_a.pk,
            "to_party": world.a2.pk, "owner": world.a1.pk}
    response = api_client_for(world.editor).post("/api/v1/transfers/items/", body, format="json")
    assert response.status_code == 400
    assert "to_party" in response.json()


def test_page_shows_refusal_on_the_form(world, project):
    response = client_for(world.editor).post("/transfers/items/add/", {
        "project": project.pk, "kind": "contract", "title": "X", "from_party": world.county_a.pk,
        "to_party": world.a1.pk, "owner": world.a1.pk, "decision": "undecided", "status": "done",
        "visibility": "public"})
    assert response.status_code == 200
    assert _fi("An item is done only when its decision is made.") in response.content.decode()
    assert not InventoryItem.objects.exists()


def test_project_needs_two_parties(world):
    with pytest.raises(ValidationError):
        actions.create_project(acting_user=world.editor, title="Yksin", transfer_date=date(2025, 1, 1),
                               parties=[world.a1])


def test_headcount_only_for_staff_groups(world, project):
    with pytest.raises(ValidationError):
        actions.create_item(acting_user=world.editor, **_item_data(project, world, internal_headcount=4))
    item = actions.create_item(acting_user=world.editor, **_item_data(
        project, world, kind="staff_group", title="Työnvälityksen asiantuntijat", internal_headcount=12,
        internal_fte=11.5))
    assert item.internal_headcount == 12


def test_new_item_gets_its_kinds_checklist_and_checks_are_audited(world, project):
    ChecklistTemplateItem.objects.create(kind="contract", text="Siirtoehto tarkistettu", order=1)
    ChecklistTemplateItem.objects.create(kind="contract", text="Vastapuolelle ilmoitettu", order=2)
    ChecklistTemplateItem.objects.create(kind="archive", text="Ei tähän", order=1)
    item = actions.create_item(acting_user=world.editor, **_item_data(project, world))
    assert [c.text for c in item.checks.all()] == ["Siirtoehto tarkistettu", "Vastapuolelle ilmoitettu"]
    first = item.checks.first()
    client = client_for(world.editor)
    client.post(f"/transfers/checks/{first.pk}/", {"done": "1"})
    first.refresh_from_db()
    assert first.done and first.done_by == world.editor
    client_for(world.other).post(f"/transfers/checks/{first.pk}/", {"done": "0"})
    first.refresh_from_db()
    assert first.done  # an outsider cannot uncheck


def test_full_inventory_done_shows_the_project_complete(world, project):
    items = [make_item(project, world.county_a, world.a1, kind=kind) for kind in ("contract", "ict_system", "archive")]
    assert not queries.is_complete(project)
    page = client_for(world.editor).get(project.get_absolute_url()).content.decode()
    assert _fi("%(done)s of %(total)s items done.", done=0, total=3) in page
    for item in items:
        actions.update_item(item, acting_user=world.editor, status="done")
    assert queries.is_complete(project)
    page = client_for(world.editor).get(project.get_absolute_url()).content.decode()
    assert _fi("all %(total)s items are done.", total=3) in page
    progress = api_client_for(world.editor).get(f"/api/v1/transfers/projects/{project.pk}/progress/").json()
    assert progress["complete"] is True
    assert {(r["label"], r["done"], r["total"]) for r in progress["per_kind"]} >= {(_fi("Contract"), 1, 1)}


def test_empty_project_is_not_complete(world, project):
    assert not queries.is_complete(project)


def test_costs_are_hidden_from_outsiders_in_the_api_and_the_decision_tables(world, project):
    make_item(project, world.county_a, world.a1, kind="staff_group", title="Henkilöstö", internal_headcount=7,
              internal_cost=350000)
    body = api_client_for(world.other).get("/api/v1/transfers/items/").json()["results"][0]
    assert body.get("internal_headcount") in (None, "") and body.get("internal_cost") in (None, "")
    mine = api_client_for(world.editor).get("/api/v1/transfers/items/").json()["results"][0]
    assert mine["internal_headcount"] == 7
    cost = re.compile(r"350[\s\u00a0\u202f]?000")  # as any locale groups it; a bare "350" may be a record's id
    page = client_for(world.other).get(f"/transfers/items/{InventoryItem.objects.get().pk}/").content.decode()
    assert "Henkilöstö" in page and not cost.search(page)
    page = client_for(world.editor).get(f"/transfers/items/{InventoryItem.objects.get().pk}/").content.decode()
    assert cost.search(page)
    outsider_csv = client_for(world.other).get(f"/transfers/{project.pk}/export/", {"kind": "staff_group"})
    assert not cost.search(outsider_csv.content.decode("utf-8-sig"))
    insider_csv = client_for(world.editor).get(f"/transfers/{project.pk}/export/", {"kind": "staff_group"})
    assert "350000" in insider_csv.content.decode("utf-8-sig").replace(" ", "").replace(",00", "")


def test_party_named_by_items_cannot_leave_the_project(world, project):
    make_item(project, world.county_a, world.a1)
    with pytest.raises(ValidationError):
        actions.update_project(project, acting_user=world.editor, parties=[world.a1, world.a2])
