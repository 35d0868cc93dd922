"""Factories of the cooperation models."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import factory

from tests.factories import CountyFactory, PersonFactory
from yhdyspinta.cooperation.models import (
    AgendaItem,
    Agreement,
    Decision,
    Escalation,
    FollowUpAction,
    Forum,
    ForumMember,
    Meeting,
)

TZ = ZoneInfo("Europe/Helsinki")


class ForumFactory(factory.django.DjangoModelFactory):
    """A forum; pass `area` and `organisations=[...]`, or use forum_for(org)."""

    class Meta:
        model = Forum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Ryhmä {n}A")
    name_fi = factory.SelfAttribute("name")
    level = "management"
    kind = "cooperation_group"
    area = factory.SubFactory(CountyFactory)
    visibility = "public"

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        if extracted:
            obj.organisations.add(*extracted)


def forum_for(org, **kwargs):
    """A forum spanning `org` in its county's area."""
    return ForumFactory(area=org.area, organisations=[org], **kwargs)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    forum = factory.SubFactory(ForumFactory)
    starts_at = factory.Sequence(lambda n: datetime(2026, 1 + n % 12, 1 + n % 28, 13, 0, tzinfo=TZ))
    place = factory.Sequence(lambda n: f"Kokoushuone {n}A")
    visibility = "public"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Asia {n}A")
    body = "Esittely"
    body_visibility = "public"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    item = factory.SubFactory(AgendaItemFactory)
    meeting = factory.SelfAttribute("item.meeting")
    resolution = "passed"


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    decision = factory.SubFactory(DecisionFactory)
    title = factory.Sequence(lambda n: f"Toimenpide {n}A")
    owner = factory.SubFactory(PersonFactory)
    deadline = date(2026, 3, 1)


class ForumMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumMember

    forum = factory.SubFactory(ForumFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    role = "member"


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    raised_by = factory.SubFactory(ForumFactory)
    to_forum = factory.SelfAttribute("raised_by.parent")
    title = factory.Sequence(lambda n: f"Nostettu asia {n}A")
    visibility = "public"


class AgreementFactory(factory.django.DjangoModelFactory):
    """Parties: pass `parties=[org, ...]`."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sopimus {n}A")
    title_fi = factory.SelfAttribute("title")
    kind = "task_specific"
    visibility = "public"

    @factory.post_generation
    def parties(obj, create, extracted, **kwargs):
        from yhdyspinta.cooperation.actions import set_parties

        if extracted:
            set_parties(obj, extracted)
