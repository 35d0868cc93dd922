"""The generic detail page's field list follows the one visibility rule: no internal field and
no hidden linked name for a reader outside (the leak class of the first round)."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from tests.factories import PersonFactory
from yhdyspinta.cooperation.tests.factories import AgreementFactory, FollowUpActionFactory

TEMPLATE = Template("{% load core_tags %}{% field_pairs obj as pairs %}"
                    "{% for label, value in pairs %}{{ label }}={{ value }};{% endfor %}")


def render(obj, user):
    return TEMPLATE.render(Context({"obj": obj, "request": SimpleNamespace(user=user or AnonymousUser())}))


def test_internal_fields_only_for_those_who_may_see_them(world):
    agreement = AgreementFactory(parties=[world.a1], internal_part="Salainen hinnoittelu")
    assert "Salainen hinnoittelu" in render(agreement, world.viewer)
    for outsider in (world.other, None):
        shown = render(agreement, outsider)
        assert "Salainen hinnoittelu" not in shown and agreement.title in shown


def test_a_linked_internal_person_is_named_by_title_only(world):
    person = PersonFactory(first_name="Salla", last_name="Salainen", title="Hyvinvointikoordinaattori",
                           organisation=world.a1, visibility="internal")
    action = FollowUpActionFactory(owner=person)
    assert "Salla Salainen" in render(action, world.viewer)
    shown = render(action, world.other)
    assert "Salainen" not in shown and "Hyvinvointikoordinaattori" in shown
