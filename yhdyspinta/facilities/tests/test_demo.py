"""The Pirkanmaa demo: labelled illustrative, idempotent, and every record passes the rules."""

import io

import pytest

from yhdyspinta.facilities import demo
from yhdyspinta.facilities.models import (
    Building,
    Lease,
    LeaseOption,
    Premise,
    School,
    SharedUse,
    WelfareService,
)
from yhdyspinta.facilities.proximity import missing
from yhdyspinta.facilities.queries import school_rows
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
    for model in (Building, Premise, Lease, LeaseOption, SharedUse, School, WelfareService):
        for obj in model.objects.all():
            obj.full_clean()


def test_demo_schools_include_one_in_a_municipality_without_an_on_site_curator():
    load_reference_data()
    demo.load(io.StringIO())
    schools = School.objects.count()
    demo.load(io.StringIO())
    assert School.objects.count() == schools == 5
    assert all(s.unit.name_fi.endswith("(esimerkki)") for s in School.objects.select_related("unit"))
    without = missing(school_rows(None), "curator")
    assert [(r.name, r.municipality) for r in without] == [("Juupajoen koulu (esimerkki)", "Juupajoki")]
    assert WelfareService.objects.filter(premise__isnull=False).count() == 3
