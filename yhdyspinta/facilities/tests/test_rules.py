"""The lease decree's rent rules as data (VNA 272/2022), with their sources, and the values computed from them."""

from decimal import Decimal

from yhdyspinta.facilities.rules import RULES, capital_rent_per_year, technical_value


def test_the_decrees_rules_are_data_with_their_source():
    assert RULES["capital_return_rate"].value == Decimal("0.06")
    assert RULES["depreciation_per_year"].value == Decimal("0.0175")
    assert RULES["max_depreciation"].value == Decimal("0.70")
    for key in ("rent_components", "capital_return_rate", "depreciation_per_year", "max_depreciation"):
        rule = RULES[key]
        assert rule.source.startswith("VNA 272/2022") and rule.verified and "20220272" in rule.url
    # the act's own text was not found: its rules stay unverified, the term is in 22 § 2 mom. (the decree's 1 §)
    assert not RULES["minimum_term_years"].verified and RULES["minimum_term_years"].source == "616/2021 22 § 2 mom."


def test_technical_value_and_capital_rent_by_hand():
    # 1 000 000 € book cost, building cost index up 20 %, 10 years in use: 17.5 % worn
    value = technical_value(Decimal(1_000_000), Decimal("1.2"), 10)
    assert value == Decimal(990_000)
    assert capital_rent_per_year(value) == Decimal("59400.00")
    # 50 years in use would be 87.5 %: at most 70 % is counted
    old = technical_value(Decimal(1_000_000), Decimal("1.2"), 50)
    assert old == Decimal(360_000) and capital_rent_per_year(old) == Decimal("21600.00")
