"""Walk 6 #19: a county's own roadmap of its municipalities was titled "National readiness picture"
with a "National table"; a national (ministry's) roadmap keeps those words."""

from django.urls import reverse

from conftest import client_for
from tests.factories import MunicipalityFactory

from .factories import reporting_setup


def test_a_countys_own_roadmap_is_regional_and_a_ministrys_national(world):
    _roadmap, _tasks, period = reporting_setup(world.county_a, [world.a1, world.a2])
    client = client_for(world.coordinator)
    page = client.get(reverse("readiness:national", args=[period.pk])).content.decode()
    assert "Alueen tilannekuva" in page and "Raportoivien organisaatioiden taulukko" in page
    assert "Kansallinen" not in page
    ministry = MunicipalityFactory(kind="state_authority", name="Sosiaali- ja terveysministeriö", area=None)
    _roadmap, _tasks, national = reporting_setup(ministry, [world.county_a, world.county_b])
    page = client.get(reverse("readiness:national", args=[national.pk])).content.decode()
    assert "Kansallinen tilannekuva" in page and "Kansallinen taulukko" in page
    sv = client.get("/sv" + reverse("readiness:national", args=[period.pk])).content.decode()
    assert "Regional lägesbild" in sv
