"""The facilities part of the national generator: volumes by scale, same seed same register, illustrative."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from yhdyspinta.facilities.models import (
    Building,
    Lease,
    LeaseOption,
    Premise,
    SharedUse,
    SupportService,
)

pytestmark = pytest.mark.django_db


def generate(seed, scale="0.01"):
    out = io.StringIO()
    call_command("generate_national", "--seed", seed, "--scale", scale, "--only", "facilities", stdout=out)
    return out.getvalue()


def register():
    return (list(Lease.objects.order_by("reference").values_list(
                "reference", "premise__name", "premise__building__name", "landlord__code", "tenant__code",
                "starts_on", "ends_on", "transitional", "internal_capital_cost", "visibility")),
            list(SupportService.objects.order_by("title").values_list("title", "provider__code", "annual_value")))


def test_volumes_marking_and_lease_rules():
    output = generate("3")
    assert "facilities" in output and "45 leases" in output
    assert (Building.objects.count(), Premise.objects.count(), Lease.objects.count()) == (80, 200, 45)
    assert SharedUse.objects.count() == 20 and SupportService.objects.count() == 10
    assert not Building.objects.exclude(name__endswith="(generoitu)").exists()
    assert not Lease.objects.exclude(reference__startswith="GEN-").exists()
    for lease in Lease.objects.select_related("premise__building", "landlord", "tenant"):
        lease.full_clean()  # a valid lease: transitional minimum term, landlord is the owner, tenant its county
        assert lease.landlord_id == lease.premise.building.owner_id
        assert lease.tenant_id == lease.landlord.area_id
    for option in LeaseOption.objects.select_related("lease"):
        assert option.starts_on > option.lease.ends_on
    with pytest.raises(CommandError, match="already has a generated data set"):
        generate("3")


def test_same_seed_same_register_other_seed_other():
    found = []
    for seed in ("5", "5", "6"):
        with transaction.atomic():
            generate(seed)
            found.append(register())
            transaction.set_rollback(True)
    assert found[0] == found[1]
    assert found[0] != found[2]
