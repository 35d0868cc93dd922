import io

import pytest


@pytest.fixture
def demo(db):
    """The demo parameter sets, inputs and scenario, as `manage.py load_demo` loads them."""
    from yhdyspinta.funding import demo as demo_module
    from yhdyspinta.funding.models import InputSet, ParameterSet

    demo_module.load(io.StringIO())
    return {
        "law": ParameterSet.objects.get(name="law_617_2021_level_2022"),
        "seed": ParameterSet.objects.get(name="seed_004_proposal"),
        "scenario": ParameterSet.objects.get(name=demo_module.SCENARIO),
        "counties": InputSet.objects.get(name="demo-counties-2021"),
        "municipalities": InputSet.objects.get(name="demo-municipalities-2021"),
    }
