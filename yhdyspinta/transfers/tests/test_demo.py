"""The TE24 demo: labelled illustrative, follows the model's rules, idempotent, and My work shows Tampere's items."""

from io import StringIO

from tests.factories import CountyFactory, MunicipalityFactory
from yhdyspinta.transfers import demo, queries
from yhdyspinta.transfers.models import InventoryItem, TransferProject


def test_demo_is_illustrative_valid_and_idempotent(db):
    county = CountyFactory(code="08", name="Pirkanmaan hyvinvointialue")
    MunicipalityFactory(code="837", name="Tampere", name_fi="Tampere", area=county)
    demo.load(StringIO())
    demo.load(StringIO())  # idempotent
    project = TransferProject.objects.get()
    assert project.illustrative and "havainnollistava" in project.title
    assert InventoryItem.objects.count() == len(demo.ITEMS)
    for item in InventoryItem.objects.all():
        item.full_clean()
        assert item.checks.exists()
    progress = queries.project_progress(project)
    assert 0 < progress["all"].done < progress["all"].total
