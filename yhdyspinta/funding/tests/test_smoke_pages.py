"""Every funding page answers 200 for a logged-in editor and no demo computation fails."""

from decimal import Decimal

import pytest

from conftest import client_for


@pytest.mark.django_db
def test_smoke(demo, world):
    c = client_for(world.editor)
    urls = ["/funding/", f"/funding/?parameter_set={demo['law'].pk}&year=2026&inputs={demo['counties'].pk}",
            "/funding/municipal/", "/funding/sets/", f"/funding/sets/{demo['law'].pk}/",
            f"/funding/sets/{demo['scenario'].pk}/compare/", "/funding/inputs/", f"/funding/inputs/{demo['counties'].pk}/",
            f"/funding/sets/{demo['law'].pk}/copy/", "/funding/sets/import/", "/funding/inputs/import/",
            f"/funding/sets/{demo['law'].pk}/json/", "/funding/?export=xlsx", f"/funding/sets/{demo['scenario'].pk}/compare/?export=csv&part=municipal"]
    for u in urls:
        r = c.get(u)
        assert r.status_code == 200, (u, r.status_code, r.content[:3000])
        body = r.content.decode("utf-8", "replace")
        assert "Cannot compute" not in body and "Laskenta ei onnistu" not in body, (u, body[body.find("Cannot"):][:500])
    a = client_for(world.admin)
    for u in [f"/funding/sets/{demo['law'].pk}/shares/", f"/funding/sets/{demo['law'].pk}/move/"]:
        assert a.get(u).status_code == 200


def test_demo_load_is_idempotent(demo):
    import io

    from yhdyspinta.funding import demo as demo_module
    from yhdyspinta.funding.models import InputSet, ParameterSet, ParameterSetVersion

    counts = ParameterSet.objects.count(), InputSet.objects.count(), ParameterSetVersion.objects.count()
    demo_module.load(io.StringIO())
    assert (ParameterSet.objects.count(), InputSet.objects.count(), ParameterSetVersion.objects.count()) == counts
    assert counts == (3, 2, 3)
    assert demo["scenario"].parameters().criterion("sote_hyte").share - \
        demo["law"].parameters().criterion("sote_hyte").share == Decimal("0.5")
