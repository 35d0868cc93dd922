import factory

from tests.factories import CountyFactory, MunicipalityFactory, PersonFactory  # noqa: F401
from yhdyspinta.catalogue.models import (
    Interface,
    MappingRound,
    MaturityAssessment,
    Service,
    ServicePoint,
)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(MunicipalityFactory)
    field = "early_childhood"
    name = factory.Sequence(lambda n: f"Palvelu {n}")
    name_fi = factory.SelfAttribute("name")
    visibility = "public"


class ServicePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePoint

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Toimipiste {n}")
    name_fi = factory.SelfAttribute("name")
    street_address = "Hämeenkatu 1"
    postal_code = "33100"
    post_office = "Tampere"


class InterfaceFactory(factory.django.DjangoModelFactory):
    """An interface between `org` and its county (parties passed as a list)."""

    class Meta:
        model = Interface
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Yhdyspinta {n}")
    title_fi = factory.SelfAttribute("title")
    theme = "early_childhood"
    client_group = "children_families"
    visibility = "public"

    @factory.post_generation
    def parties(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.parties.set(extracted)
            if obj.area_id is None:
                areas = {p.area_id for p in extracted if p.area_id}
                if len(areas) == 1:
                    obj.area_id = areas.pop()
                    obj.save(update_fields=["area"])


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaturityAssessment

    interface = factory.SubFactory(InterfaceFactory)
    dimension = "service_guidance"
    value = 1


class MappingRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MappingRound

    area = factory.SubFactory(CountyFactory)
    title = factory.Sequence(lambda n: f"Kartoituskierros {n}")
    visibility = "internal"
