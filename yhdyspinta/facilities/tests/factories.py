"""Factories of the facilities models."""

from datetime import date
from decimal import Decimal

import factory

from tests.factories import CountyFactory, MunicipalityFactory, UnitFactory
from yhdyspinta.facilities.models import (
    Building,
    Lease,
    LeaseOption,
    Premise,
    School,
    SharedUse,
    SupportService,
    WelfareService,
)
from yhdyspinta.facilities.rules import prt_with_check


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    name = factory.Sequence(lambda n: f"Koulurakennus {n}")
    building_id = factory.Sequence(lambda n: prt_with_check(f"{100000000 + n:09d}"))
    address = factory.Sequence(lambda n: f"Koulukatu {n}")
    owner = factory.SubFactory(MunicipalityFactory)
    municipality = factory.SelfAttribute("owner")
    floor_area = Decimal("2400.0")
    use = "school"
    visibility = "public"


class PremiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Premise

    building = factory.SubFactory(BuildingFactory)
    name = factory.Sequence(lambda n: f"Terveydenhoitajan tila {n}")
    area = Decimal("45.0")
    use = "health"
    visibility = "public"


class LeaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lease

    premise = factory.SubFactory(PremiseFactory)
    reference = factory.Sequence(lambda n: f"VS-{n:04d}")
    landlord = factory.SelfAttribute("premise.building.owner")
    tenant = factory.SubFactory(CountyFactory)
    starts_on = date(2023, 1, 1)
    ends_on = date(2025, 12, 31)
    notice_months = 6
    transitional = True
    internal_capital_cost = Decimal("12000.00")
    internal_maintenance_cost = Decimal("4800.00")
    visibility = "public"


class LeaseOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaseOption

    lease = factory.SubFactory(LeaseFactory)
    starts_on = date(2026, 1, 1)
    ends_on = date(2026, 12, 31)
    exercise_by = date(2025, 6, 30)
    statutory = True


class SharedUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedUse

    premise = factory.SubFactory(PremiseFactory)
    organisation = factory.SelfAttribute("premise.building.owner")
    share_of_hours = Decimal("50.0")
    share_of_area = Decimal("30.0")


class SupportServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportService

    kind = "meals"
    title = factory.Sequence(lambda n: f"Kouluruokailu {n}")
    provider = factory.SubFactory(MunicipalityFactory)
    recipient = factory.SelfAttribute("provider.area")
    volume = Decimal(20000)
    volume_unit = "ateriaa"
    unit_price = Decimal("3.20")
    visibility = "public"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    unit = factory.SubFactory(UnitFactory, name=factory.Sequence(lambda n: f"Koulu {n}"))
    municipality = factory.SelfAttribute("unit.organisation")
    level = "basic"
    pupils = 300
    visibility = "public"


class WelfareServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WelfareService

    school = factory.SubFactory(SchoolFactory)
    kind = "curator"
    provider = factory.LazyAttribute(lambda o: o.school.municipality.area)
    days_per_week = Decimal("2.0")
