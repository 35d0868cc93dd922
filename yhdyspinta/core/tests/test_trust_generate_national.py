"""The national data set generator: volumes follow the scale, the content follows the seed."""

import hashlib
import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction

pytestmark = pytest.mark.django_db(transaction=False)
SMALL = ["--scale", "0.0001"]


def generate(*args):
    out = io.StringIO()
    call_command("generate_national", *args, stdout=out)
    return out.getvalue()


def fingerprint() -> str:
    """A hash of the generated content without primary keys or timestamps."""
    from yhdyspinta.accounts.models import Membership

    parts = [list(Membership.objects.order_by("user__username").values_list(
        "user__username", "organisation__code", "organisation__kind", "role"))]
    if apps.is_installed("yhdyspinta.catalogue"):
        from yhdyspinta.catalogue.models import Interface, MaturityAssessment

        parts.append(sorted((i.title, i.visibility, tuple(sorted(i.parties.values_list("code", flat=True))))
                            for i in Interface.objects.prefetch_related("parties")))
        parts.append(list(MaturityAssessment.objects.order_by("interface__title", "dimension").values_list(
            "interface__title", "dimension", "value", "assessed_on")))
    if apps.is_installed("yhdyspinta.cooperation"):
        from yhdyspinta.cooperation.models import Meeting

        parts.append(list(Meeting.objects.order_by("starts_at", "forum__name").values_list(
            "forum__name", "starts_at", "visibility")))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def test_same_seed_same_data_other_seed_other_data():
    only = ["--only", "users", "catalogue", "cooperation"]
    hashes = []
    for seed in ("7", "7", "8"):
        with transaction.atomic():
            output = generate("--seed", seed, *SMALL, *only)
            assert "users" in output and "done in" in output
            hashes.append(fingerprint())
            transaction.set_rollback(True)
    assert hashes[0] == hashes[1]
    assert hashes[0] != hashes[2]


def test_volumes_and_refusal_of_a_second_run():
    from yhdyspinta.accounts.models import User
    from yhdyspinta.organisations.models import Organisation

    output = generate("--seed", "1", *SMALL)
    assert Organisation.objects.municipalities().count() >= 300
    assert Organisation.objects.counties().count() == 21
    assert User.objects.filter(username__startswith="national-").count() == 50
    if apps.is_installed("yhdyspinta.readiness"):
        from yhdyspinta.readiness.models import ReportingRegion, RoadmapTask, StatusReport

        assert StatusReport.objects.count() == RoadmapTask.objects.count() * ReportingRegion.objects.count() * 24
        assert ReportingRegion.objects.count() == 300
    if apps.is_installed("yhdyspinta.indicators"):
        from yhdyspinta.indicators.models import IndicatorValue

        assert IndicatorValue.objects.count() == 2 * 30 * len(set(Organisation.objects.organising_areas())
                                                              | set(Organisation.objects.municipalities()))
    assert "skipped" not in output or "not installed" in output
    with pytest.raises(CommandError, match="already has a generated data set"):
        generate("--seed", "1", *SMALL)


def test_scale_out_of_range_refused():
    with pytest.raises(CommandError, match="--scale"):
        generate("--seed", "1", "--scale", "2")
