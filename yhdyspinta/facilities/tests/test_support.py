"""Support services: the annual value, the refusals, and a county's flows in each direction."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import client_for
from yhdyspinta.core.actions import create_record
from yhdyspinta.facilities.models import SupportService
from yhdyspinta.facilities.queries import support_flows

from .factories import SupportServiceFactory

pytestmark = pytest.mark.django_db


def test_annual_value_is_volume_times_unit_price_unless_given(world):
    service = create_record(SupportService, acting_user=world.editor, kind="meals", title="Kouluruoka",
                            provider=world.a1, recipient=world.county_a, volume=Decimal(20000),
                            unit_price=Decimal("3.25"))
    assert service.annual_value == Decimal("65000.00")
    given = create_record(SupportService, acting_user=world.editor, kind="ict", title="Tietoliikenne",
                          provider=world.a1, recipient=world.county_a, volume=Decimal(10), unit_price=Decimal(1),
                          annual_value=Decimal(99))
    assert given.annual_value == Decimal(99)


def test_provider_and_recipient_differ(world):
    with pytest.raises(ValidationError) as exc:
        create_record(SupportService, acting_user=world.editor, kind="meals", title="X", provider=world.a1,
                      recipient=world.a1)
    assert "recipient" in exc.value.message_dict


def test_flows_of_a_county_in_each_direction(world):
    SupportServiceFactory(provider=world.a1, recipient=world.county_a, annual_value=Decimal(1000))
    SupportServiceFactory(provider=world.a2, recipient=world.county_a, annual_value=Decimal(500))
    SupportServiceFactory(provider=world.county_a, recipient=world.a1, kind="payroll", annual_value=Decimal(300))
    SupportServiceFactory(provider=world.b1, recipient=world.county_b, annual_value=Decimal(7))  # another county
    SupportServiceFactory(provider=world.a1, recipient=world.county_a, annual_value=Decimal(50), visibility="internal")
    flows = {(f.direction, f.kind): (f.count, f.value) for f in support_flows(world.admin, world.county_a)}
    assert flows == {("to_county", "meals"): (3, Decimal(1550)), ("from_county", "payroll"): (1, Decimal(300))}
    outsider = {(f.direction, f.kind): (f.count, f.value) for f in support_flows(world.other, world.county_a)}
    assert outsider[("to_county", "meals")] == (2, Decimal(1500))  # the internal one is not counted
    page = client_for(world.coordinator).get(f"/facilities/support/flows/{world.county_a.pk}/")
    assert page.status_code == 200 and "1 550,00" in page.content.decode().replace("\xa0", " ")
