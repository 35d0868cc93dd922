"""Funding API numbers: JSON numbers (no decimal strings, no 0E-21), euros rounded to whole euros
half away from zero, totals the sums of the rounded rows, and the answer valid by the schema."""

from decimal import ROUND_HALF_UP, Decimal

import jsonschema
from drf_spectacular.generators import SchemaGenerator

from conftest import api_client_for
from yhdyspinta.core.tests.test_api_root_schema import _resolved
from yhdyspinta.funding.api.views import _eur, _number
from yhdyspinta.funding.compute import compute_county_funding


def test_rounding_rules():
    assert _eur(Decimal("21200000000.00000000000000001")) == 21200000000
    assert _eur(Decimal("0E-21")) == 0 and _eur(Decimal("2.5")) == 3 and _eur(Decimal("-2.5")) == -3
    assert _number(Decimal("1.23456789"), 2) == 1.23 and _eur(None) is None


def test_compute_and_compare_answers(demo, world):
    api = api_client_for(world.editor)
    body = api.post("/api/v1/funding/compute/", {"parameter_set": demo["law"].pk, "year": 2026,
                                                 "inputs": demo["counties"].pk}, format="json").json()
    expected = compute_county_funding(demo["law"].parameters(), demo["counties"].county_inputs(), 2026)
    rows = body["counties"]
    assert all(isinstance(r["computed_funding_eur"], int) for r in rows)
    assert body["total_funding_eur"] == sum(r["computed_funding_eur"] for r in rows)
    assert abs(body["total_funding_eur"] - expected.total_funding_eur) <= len(rows)  # at most ½ € a row
    first = expected.counties[0].funding_after_eur.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert rows[0]["funding_after_eur"] == int(first)
    schema = SchemaGenerator().get_schema(request=None, public=True)
    jsonschema.validate(body, _resolved(schema, "#/components/schemas/ComputeResult"))
    compare = api.post("/api/v1/funding/compare/", {"parameter_set": demo["scenario"].pk, "year": 2026,
                                                    "inputs": demo["counties"].pk}, format="json").json()
    jsonschema.validate(compare, _resolved(schema, "#/components/schemas/CompareResult"))
    for d in compare["differences"]:
        assert d["difference_eur"] == d["scenario_eur"] - d["base_eur"]
