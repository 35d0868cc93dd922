"""The Pirkanmaa demo: labelled illustrative, idempotent, and every record passes the rules."""

import io

import pytest

from yhdyspinta.facilities import demo
from yhdyspinta.facilities.models import Building, Lease, LeaseOption, Premise, SharedUse
from yhdyspinta.organisations.reference import load_reference_data

pytestmark = pytest.mark.django_db


def test_demo_is_labelled_idempotent_and_valid():
    load_reference_data()
    demo.load(io.StringIO())
    counts = [m.objects.count() for m in (Building, Premise, Lease, LeaseOption, SharedUse)]
    demo.load(io.StringIO())
    assert [m.objects.count() for m in (Building, Premise, Lease, LeaseOption, SharedUse)] == counts
    assert counts[0] == 4 and counts[2] == 4
    assert all(b.name.endswith("(esimerkki)") for b in Building.objects.all())
    assert all(lease.reference.startswith("DEMO-") for lease in Lease.objects.all())
    for model in (Building, Premise, Lease, LeaseOption, SharedUse):
        for obj in model.objects.all():
            obj.full_clean()
