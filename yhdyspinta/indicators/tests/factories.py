"""Factories for the knowledge base's models."""

import factory

from tests.factories import MunicipalityFactory

from ..models import (
    Composite,
    CompositeComponent,
    GoalIndicator,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    Measure,
    SharedGoal,
    WelfareReport,
)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    source = "sotkanet"
    source_id = factory.Sequence(lambda n: str(10000 + n))
    title = factory.Sequence(lambda n: f"Testi-indikaattori {n}")
    title_fi = factory.SelfAttribute("title")
    unit = "%"
    unit_fi = "%"
    decimals = 1


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    region = factory.SubFactory(MunicipalityFactory)
    year = 2023
    sex = "total"
    value = 10.0


class IndicatorSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorSet

    organisation = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Indikaattorisarja {n}")
    name_fi = factory.SelfAttribute("name")
    followed = True


class SharedGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedGoal

    organisation = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Yhteinen tavoite {n}")
    title_fi = factory.SelfAttribute("title")
    visibility = "public"


class GoalIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalIndicator

    goal = factory.SubFactory(SharedGoalFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    baseline_year = 2020
    baseline_value = 10.0
    target_year = 2030
    target_value = 20.0
    direction = "up"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    goal = factory.SubFactory(SharedGoalFactory)
    title = factory.Sequence(lambda n: f"Toimenpide {n}")
    title_fi = factory.SelfAttribute("title")
    status = "ongoing"


class CompositeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Composite

    organisation = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Hyte-indeksi {n}")
    name_fi = factory.SelfAttribute("name")
    level = "municipality"
    visibility = "public"


class CompositeComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompositeComponent

    composite = factory.SubFactory(CompositeFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    lower = 0
    upper = 100
    weight = 1
    direction = "up"


class WelfareReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WelfareReport

    organisation = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Hyvinvointikertomus {n}")
    title_fi = factory.SelfAttribute("title")
    year = 2024
    status = "draft"
