import json

import factory

from yhdyspinta.funding.compute.demo_inputs import demo_county_inputs
from yhdyspinta.funding.compute.parameters import PARAMETERS_DIR
from yhdyspinta.funding.inputs import to_rows
from yhdyspinta.funding.models import InputSet, ParameterSet


def law_data() -> dict:
    return json.loads((PARAMETERS_DIR / "law_617_2021_level_2022.json").read_text(encoding="utf-8"))


class ParameterSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParameterSet

    name = factory.Sequence(lambda n: f"scenario-{n}")
    title = factory.Sequence(lambda n: f"Rahoitusskenaario {n:05d}")
    title_fi = factory.SelfAttribute("title")
    year = 2023
    data = factory.LazyFunction(law_data)
    visibility = "public"


class InputSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InputSet

    kind = "county"
    name = factory.Sequence(lambda n: f"inputs-{n}")
    title = factory.Sequence(lambda n: f"Lähtötiedot {n:05d}")
    title_fi = factory.SelfAttribute("title")
    rows = factory.LazyFunction(lambda: to_rows(demo_county_inputs()))
    visibility = "public"
