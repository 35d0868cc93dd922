"""Who reads and who writes a mapping round: the county writes, its area's members read (they
answer it), outsiders see public rounds only. Pinned before the round's own `restrict_queryset`
was folded into the shared rule (org_paths + reader_paths, issue 18), and unchanged after."""

import pytest

from yhdyspinta.catalogue.models import MappingRound
from yhdyspinta.core.audit import involved_organisation_ids
from yhdyspinta.core.visibility import may_view

USERS = ("anonymous", "viewer", "editor", "org_admin", "other", "coordinator", "national", "admin")
# per round: the users who may view it, and those who may change (and delete) it
EXPECTED = {
    "internal of A": ({"viewer", "editor", "org_admin", "coordinator", "national", "admin"}, {"coordinator", "admin"}),
    "public of A": (set(USERS), {"coordinator", "admin"}),
    "internal of B": ({"other", "national", "admin"}, {"admin"}),
}


@pytest.fixture
def rounds(world):
    return {
        "internal of A": MappingRound.objects.create(area=world.county_a, title="A sisäinen", visibility="internal"),
        "public of A": MappingRound.objects.create(area=world.county_a, title="A julkinen", visibility="public"),
        "internal of B": MappingRound.objects.create(area=world.county_b, title="B sisäinen", visibility="internal"),
    }


def _user(world, name):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if name == "anonymous" else getattr(world, name)


@pytest.mark.parametrize("label", sorted(EXPECTED))
def test_who_reads_and_writes_a_round(world, rounds, label):
    round_ = rounds[label]
    readers, writers = EXPECTED[label]
    for name in USERS:
        user = _user(world, name)
        for action, allowed in (("view", readers), ("change", writers), ("delete", writers)):
            found = MappingRound.objects.restrict(user, action).filter(pk=round_.pk).exists()
            assert found == (name in allowed), (label, name, action)
        assert may_view(user, round_) == (name in readers), (label, name, "may_view")


def test_the_rounds_reads_are_logged_for_the_county_and_its_area(world, rounds):
    """The organisations a round involves (its area's members too): their admins see its reads."""
    ids = involved_organisation_ids(MappingRound, [rounds["internal of A"]])
    assert {world.county_a.pk, world.a1.pk, world.a2.pk} <= ids and world.b1.pk not in ids
    assert rounds["internal of A"].involved_organisation_ids() >= {world.county_a.pk}
