import io

import pytest


@pytest.fixture
def demo_study(world):
    """The synthetic Kuntaliitto-shaped study, owned by county A of the world."""
    from ..demo import load

    return load(io.StringIO(), owner=world.county_a)
