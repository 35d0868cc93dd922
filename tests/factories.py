"""Factories for the foundation's models; apps add their own in their tests/factories.py."""

import factory

from yhdyspinta.accounts.models import Membership, User
from yhdyspinta.organisations.models import Organisation, OrganisationKind, Person, Unit


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    kind = OrganisationKind.COUNTY
    code = factory.Sequence(lambda n: f"{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Testin hyvinvointialue {n}")
    name_fi = factory.SelfAttribute("name")
    organises_sote = True
    area_code = factory.SelfAttribute("code")
    population = 100000

    @factory.post_generation
    def set_area(obj, create, extracted, **kwargs):
        if obj.area_id is None:
            obj.area = obj
            obj.save(update_fields=["area"])


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.MUNICIPALITY
    code = factory.Sequence(lambda n: f"{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Testikunta {n}")
    name_fi = factory.SelfAttribute("name")
    area = factory.SubFactory(CountyFactory)
    population = 10000


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Yksikkö {n}")
    name_fi = factory.SelfAttribute("name")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = "Testi"
    last_name = factory.Sequence(lambda n: f"Henkilö{n}")
    organisation = factory.SubFactory(MunicipalityFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.fi")
    phone = "+358 40 123 4567"
    visibility = "public"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "secret-password-1")

    @factory.post_generation
    def save_after(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def member(organisation, role="viewer", **user_kwargs):
    user = UserFactory(**user_kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
