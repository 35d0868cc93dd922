import pytest

from .factories import ItemFactory, ProjectFactory


@pytest.fixture
def project(world):
    """A project between county A's municipality a1 and the county itself (as the state's stand-in)."""
    return ProjectFactory(parties=[world.a1, world.county_a], area=world.county_a)


def make_item(project, giver, receiver, **kwargs):
    return ItemFactory(project=project, from_party=giver, to_party=receiver, owner=kwargs.pop("owner", receiver),
                       **kwargs)


__all__ = ["ItemFactory", "ProjectFactory", "make_item"]
