"""Use cases of the premises register: the refusals name the rule, the prices stay internal."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import api_client_for, client_for
from yhdyspinta.core.actions import create_record
from yhdyspinta.facilities import rules
from yhdyspinta.facilities.models import Lease, LeaseOption, SharedUse

from .factories import (
    BuildingFactory,
    LeaseFactory,
    LeaseOptionFactory,
    PremiseFactory,
    SharedUseFactory,
)

pytestmark = pytest.mark.django_db


def _lease(world, **kwargs):
    premise = PremiseFactory(building=BuildingFactory(owner=world.a1))
    return LeaseFactory(premise=premise, tenant=world.county_a, **kwargs)


def test_building_id_format_and_check_character():
    assert rules.building_id_problem(rules.prt_with_check("100012345")) is None
    assert rules.building_id_problem("12345") == "format"
    assert rules.building_id_problem("12345678AB") == "format"
    good = rules.prt_with_check("100012345")
    wrong = good[:9] + ("0" if good[9] != "0" else "1")
    assert rules.building_id_problem(wrong) == "check"


def test_page_refuses_a_bad_building_id_on_its_field(world):
    response = client_for(world.editor).post("/facilities/buildings/add/", {
        "name": "Koulu", "building_id": "1234", "municipality": world.a1.pk, "owner": world.a1.pk,
        "use": "school", "visibility": "public"})
    assert response.status_code == 200
    assert "building_id" in response.context["form"].errors
    assert "yhdeksän numeroa" in str(response.context["form"].errors["building_id"])


def test_notice_deadline_counts_back_the_notice_period():
    assert rules.notice_deadline(date(2025, 12, 31), 6) == date(2025, 6, 30)
    assert rules.notice_deadline(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert rules.notice_deadline(date(2026, 3, 31), 12) == date(2025, 3, 31)
    assert rules.notice_deadline(None, 6) is None


def test_transitional_lease_shorter_than_the_minimum_term_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        create_record(Lease, acting_user=world.editor, premise=PremiseFactory(building=BuildingFactory(owner=world.a1)),
                      landlord=world.a1, tenant=world.county_a, starts_on=date(2023, 1, 1), ends_on=date(2024, 12, 31),
                      transitional=True)
    message = str(exc.value.message_dict["ends_on"])
    assert "616/2021 22 §" in message and "31.12.2025" in message
    assert rules.minimum_end(date(2023, 1, 1)) == date(2025, 12, 31)


def test_option_period_must_follow_the_term_and_not_overlap(world):
    lease = _lease(world)  # term 1.1.2023–31.12.2025
    with pytest.raises(ValidationError) as exc:
        create_record(LeaseOption, acting_user=world.editor, lease=lease, starts_on=date(2025, 6, 1),
                      ends_on=date(2026, 5, 31))
    assert "31.12.2025" in str(exc.value.message_dict["starts_on"])
    LeaseOptionFactory(lease=lease)  # 2026
    with pytest.raises(ValidationError) as exc:
        create_record(LeaseOption, acting_user=world.editor, lease=lease, starts_on=date(2026, 7, 1),
                      ends_on=date(2027, 6, 30))
    assert "päällekkäinen" in str(exc.value.message_dict["starts_on"])
    assert lease.options.count() == 1


def test_option_on_a_lease_until_further_notice_is_refused(world):
    lease = _lease(world, ends_on=None, transitional=False)
    with pytest.raises(ValidationError) as exc:
        create_record(LeaseOption, acting_user=world.editor, lease=lease, starts_on=date(2026, 1, 1),
                      ends_on=date(2026, 12, 31))
    assert "lease" in exc.value.message_dict


def test_shared_use_over_100_percent_is_refused_with_the_totals(world):
    premise = PremiseFactory(building=BuildingFactory(owner=world.a1))
    SharedUseFactory(premise=premise, organisation=world.a1, share_of_hours=Decimal(70), share_of_area=Decimal(10))
    response = api_client_for(world.editor).post("/api/v1/facilities/shared-uses/", {
        "premise": premise.pk, "organisation": world.county_a.pk, "share_of_hours": "40", "share_of_area": "10"},
        format="json")
    assert response.status_code == 400
    assert "110" in str(response.json()["share_of_hours"]) and "70" in str(response.json()["share_of_hours"])
    assert SharedUse.objects.filter(premise=premise).count() == 1
    ok = api_client_for(world.editor).post("/api/v1/facilities/shared-uses/", {
        "premise": premise.pk, "organisation": world.county_a.pk, "share_of_hours": "30", "share_of_area": "10"},
        format="json")
    assert ok.status_code == 201, ok.content


def test_prices_are_internal_on_page_and_api_and_not_in_exports(world):
    lease = _lease(world, internal_capital_cost=Decimal("12345.67"))
    outsider_page = client_for(world.other).get(lease.get_absolute_url()).content.decode()
    assert "12" + "\u00a0" + "345" not in outsider_page and "12 345" not in outsider_page
    assert "Sisäinen: näytetään vain osapuolille." in outsider_page
    assert api_client_for(world.other).get(f"/api/v1/facilities/leases/{lease.pk}/").json()[
        "internal_capital_cost"] is None
    assert api_client_for(world.viewer).get(f"/api/v1/facilities/leases/{lease.pk}/").json()[
        "internal_capital_cost"] == "12345.67"
    export = client_for(world.viewer).get("/facilities/", {"export": "csv"}).content.decode("utf-8-sig")
    assert "12345" not in export and "12 345" not in export
    assert lease.reference in export


def test_lists_filter_by_county_and_municipality(world):
    own = _lease(world)
    other = LeaseFactory(premise=PremiseFactory(building=BuildingFactory(owner=world.b1)), tenant=world.county_b)
    client = client_for(world.admin)
    page = client.get("/facilities/", {"county": world.county_a.pk}).content.decode()
    assert own.reference in page and other.reference not in page
    page = client.get("/facilities/", {"municipality": world.b1.pk}).content.decode()
    assert other.reference in page and own.reference not in page
    page = client.get("/facilities/buildings/", {"county": world.county_b.pk}).content.decode()
    assert other.premise.building.name in page and own.premise.building.name not in page


def test_premise_list_by_county_and_by_building_without_a_select_of_every_building(world):
    own, other = _lease(world).premise, PremiseFactory(building=BuildingFactory(owner=world.b1))
    used_in_b = PremiseFactory(building=own.building, user_organisation=world.county_b, name="Käyttäjänä B")
    client = client_for(world.admin)
    page = client.get("/facilities/premises/", {"county": world.county_b.pk}).content.decode()
    assert other.name in page and used_in_b.name in page  # its building in the county, or its user the county
    page = client.get("/facilities/premises/", {"building": other.building.pk}).content.decode()
    assert other.name in page and own.name not in page
    assert '<select name="building"' not in page and 'type="hidden" name="building"' in page


def test_a_transitional_lease_shows_the_act_and_the_decree_with_their_sources_and_what_is_verified(world):
    page = client_for(world.viewer).get(_lease(world).get_absolute_url()).content.decode()
    rules_part = page.split('id="rules-h"')[1].split("</section>")[0]
    assert '<a href="https://www.finlex.fi/fi/laki/alkup/2022/20220272">VNA 272/2022 3 §</a>' in rules_part
    assert "6 prosentin" in rules_part and "1,75 prosenttia" in rules_part and "70 prosenttia" in rules_part
    term = next(line for line in rules_part.split("<li>") if "616/2021 22 § 2 mom." in line)
    assert "ei tarkistettu" in term  # the act's own text was not found
