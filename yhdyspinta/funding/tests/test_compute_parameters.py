"""Parameter sets: shipped values against their sources, loader and validator errors."""

import copy
import json
from decimal import Decimal as D

import pytest

from yhdyspinta.funding.compute import (
    FundingInputError,
    available_parameter_sets,
    load_parameter_set,
    parameter_set_from_dict,
)
from yhdyspinta.funding.compute.parameters import PARAMETERS_DIR

LAW = "law_617_2021_level_2022"
SEED = "seed_004_proposal"

# HE 38/2025 vp, 2.1.1: 617/2021 § 3 shares at the 2022 level.
HE_38_2025 = {
    "sote_service_need": "79.156", "sote_population": "13.046", "sote_density": "1.458",
    "sote_foreign_language": "1.944", "sote_bilingual": "0.486", "sote_sami": "0.013",
    "sote_island": "0.110", "sote_university_hospital": "0.543", "sote_hyte": "0.972",
    "rescue_population": "1.477", "rescue_density": "0.114", "rescue_risk": "0.682",
}

# (year) -> (up, down) €/resident, 617/2021 transition schedule; permanent from 2029.
SCHEDULE = {
    2023: (0, 0), 2024: (10, 10), 2025: (30, 30), 2026: (60, 60), 2027: (90, 75),
    2028: (150, 90), 2029: (200, 100), 2030: (200, 100), 2040: (200, 100),
}


def raw(name):
    return json.loads((PARAMETERS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def test_shipped_sets_are_listed_and_load():
    assert available_parameter_sets() == [LAW, SEED]
    for name in available_parameter_sets():
        assert load_parameter_set(name).name == name


def test_load_by_path_equals_load_by_name():
    assert load_parameter_set(PARAMETERS_DIR / f"{LAW}.json") == load_parameter_set(LAW)


def test_law_set_shares_are_the_published_table():
    p = load_parameter_set(LAW)
    assert {c.key: c.share for c in p.criteria} == {k: D(v) for k, v in HE_38_2025.items()}
    assert {g.key: g.total_share for g in p.groups} == {"sote": D("97.727"), "rescue": D("2.273")}
    assert p.total_funding_eur == D(21200000000)


def test_published_shares_sum_with_rounding_of_0_001():
    """Verified: the sote sub-shares sum to 97.728, not the stated 97.727 (source rounding)."""
    p = load_parameter_set(LAW)
    sote = sum(c.share for c in p.criteria if c.group == "sote")
    rescue = sum(c.share for c in p.criteria if c.group == "rescue")
    assert sote == D("97.728")
    assert rescue == D("2.273")
    assert sote + rescue == D("100.001")
    assert sum(g.total_share for g in p.groups) == D(100)
    assert p.share_tolerance_points == D("0.0015")


def test_law_set_fails_without_its_declared_rounding_tolerance():
    data = raw(LAW)
    del data["share_tolerance_points"]
    with pytest.raises(FundingInputError) as exc:
        parameter_set_from_dict(data)
    assert str(exc.value) == (
        "group sote: criterion shares sum to 97.728, stated total 97.727 "
        "(difference 0.001 exceeds tolerance 1E-9)"
    )


def test_seed_set_carries_the_seed_changes_exactly():
    p = load_parameter_set(SEED)
    sote = D("97.727")
    assert p.criterion("sote_bilingual").share == sote * D("0.005")  # 0.5 % of sote
    assert p.criterion("sote_hyte").share == sote * D("0.01")  # 1 % of sote
    assert sum(c.share for c in p.criteria if c.group == "sote") == sote  # exact, no tolerance
    assert p.share_tolerance_points == D("1e-9")
    assert p.criterion("sote_foreign_language").base_price_eur == D("952.13")
    assert p.criterion("sote_hyte").unit_for(2025) == "population"
    assert p.criterion("sote_hyte").unit_for(2026) == "hyte"
    assert p.funding_growth.last_year == 2028
    assert load_parameter_set(LAW).funding_growth.last_year == 2029
    assert p.municipal.income_tax_cut_pp == D("13.0")
    assert any("±150" in n and "±100" in n and "0,7 %" in n for n in p.notes)
    assert any("±150" in n and "±100" in n and "0.7 %" in n for n in p.localized("en").notes)


@pytest.mark.parametrize("name", [LAW, SEED])
def test_municipal_parameters_from_seed(name):
    m = load_parameter_set(name).municipal
    assert m.balance_cap_eur_per_resident == D(60)
    assert m.asset_compensation_threshold_pct == D("0.5")
    assert m.population_growth_criterion_eur == D(29_000_000)


@pytest.mark.parametrize("name", [LAW, SEED])
def test_every_value_has_a_source(name):
    p = load_parameter_set(name)
    for c in p.criteria:
        assert c.source and c.legal_source and c.unit_definition, c.key
    for g in p.groups:
        assert g.source
    assert all(p.sources.values())
    assert {"total_funding_eur", "county_transition", "municipal.income_tax_cut_pp",
            "municipal.balance_cap_eur_per_resident"} <= set(p.sources)


@pytest.mark.parametrize("name", [LAW, SEED])
@pytest.mark.parametrize("year,caps", sorted(SCHEDULE.items()))
def test_transition_cap_schedule_matches_the_table(name, year, caps):
    step = load_parameter_set(name).transition_cap(year)
    assert (step.up, step.down) == (D(caps[0]), D(caps[1]))


def test_transition_cap_before_schedule_is_an_error():
    with pytest.raises(FundingInputError, match=r"^no transition equalisation cap for year 2022: "
                                                r"schedule starts in 2023$"):
        load_parameter_set(LAW).transition_cap(2022)


def _bad(mutate):
    data = copy.deepcopy(raw(SEED))
    mutate(data)
    with pytest.raises(FundingInputError) as exc:
        parameter_set_from_dict(data)
    return str(exc.value)


def _crit(data, key):
    return next(c for c in data["criteria"] if c["key"] == key)


def test_error_shares_not_summing_to_group_total():
    def m(d):
        _crit(d, "sote_population")["share"] = "13.046001"
    assert _bad(m) == ("group sote: criterion shares sum to 97.727001, stated total 97.727 "
                       "(difference 0.000001 exceeds tolerance 1E-9)")


def test_error_group_totals_not_100():
    def m(d):
        d["groups"][1]["total_share"] = "2.274"
        _crit(d, "rescue_risk")["share"] = "0.683"
    assert _bad(m) == ("group totals sum to 100.001, not 100 "
                       "(difference 0.001 exceeds tolerance 1E-9)")


def test_error_negative_share():
    def m(d):
        _crit(d, "sote_sami")["share"] = "-0.013"
    assert _bad(m) == "criterion sote_sami: negative share -0.013"


@pytest.mark.parametrize("where,expected", [
    (lambda d: d.update(extra=1), "parameter set: unknown key 'extra'"),
    (lambda d: d["criteria"][0].update(weight=1), "criteria[0]: unknown key 'weight'"),
    (lambda d: d["groups"][0].update(x=1), "groups[0]: unknown key 'x'"),
    (lambda d: d["municipal"].update(cap=1), "municipal: unknown key 'cap'"),
    (lambda d: d["county_transition"]["schedule"][0].update(mid=1),
     "county_transition.schedule[0]: unknown key 'mid'"),
    (lambda d: d["total_funding_eur"].update(unit="€"), "total_funding_eur: unknown key 'unit'"),
    (lambda d: d["funding_growth"].update(x=1), "funding_growth: unknown key 'x'"),
])
def test_error_unknown_keys(where, expected):
    assert _bad(where) == expected


def test_error_missing_key():
    assert _bad(lambda d: d.pop("municipal")) == "parameter set: missing key 'municipal'"
    assert _bad(lambda d: d["criteria"][2].pop("legal_source")) == (
        "criteria[2]: missing key 'legal_source'")


@pytest.mark.parametrize("mutate,expected", [
    (lambda d: _crit(d, "sote_island").update(unit="islands"),
     "criterion sote_island: unknown unit rule 'islands'"),
    (lambda d: _crit(d, "sote_hyte").update(unit_from_year={"2026": "wellbeing"}),
     "criterion sote_hyte: unknown unit rule 'wellbeing'"),
    (lambda d: _crit(d, "sote_hyte").update(unit_from_year={"soon": "hyte"}),
     "criterion sote_hyte: unit_from_year: not a year: 'soon'"),
    (lambda d: _crit(d, "sote_island").update(group="health"),
     "criterion sote_island: unknown group 'health'"),
    (lambda d: _crit(d, "sote_island").update(key="sote_sami"),
     "criteria: duplicate criterion key 'sote_sami'"),
    (lambda d: _crit(d, "sote_island").update(share="lots"),
     "criterion sote_island: share: not a number: 'lots'"),
    (lambda d: _crit(d, "sote_island").update(share=True),
     "criterion sote_island: share: not a number: True"),
    (lambda d: _crit(d, "sote_island").update(share="NaN"),
     "criterion sote_island: share: not a finite number: 'NaN'"),
    (lambda d: _crit(d, "sote_foreign_language").update(base_price_eur="-1"),
     "criterion sote_foreign_language: negative base_price_eur"),
    (lambda d: d["total_funding_eur"].update(value="0"),
     "total_funding_eur must be positive, got 0"),
    (lambda d: d["county_transition"]["schedule"][1].update(down="-10"),
     "county_transition 2024: caps must be ≥ 0 (up 10, down -10)"),
    (lambda d: d["county_transition"]["schedule"][1].update(year=2023),
     "county_transition: schedule years must be strictly increasing"),
    (lambda d: d["county_transition"].update(schedule=[]), "county_transition: empty schedule"),
    (lambda d: d["municipal"]["balance_cap_eur_per_resident"].update(value="-60"),
     "municipal.balance_cap_eur_per_resident: negative value -60"),
    (lambda d: d.update(share_tolerance_points={"value": "0.5", "source": "x"}),
     "share_tolerance_points must be within [0, 0.01], got 0.5"),
    (lambda d: d["funding_growth"].update(last_year=2020),
     "funding_growth: last_year before first_year"),
    (lambda d: d.update(criteria={}), "criteria: expected a list"),
])
def test_error_messages(mutate, expected):
    assert _bad(mutate) == expected


def test_error_unknown_set_and_invalid_json(tmp_path):
    with pytest.raises(FundingInputError, match=r"^no parameter set file 'nope.json'$"):
        load_parameter_set("nope")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(FundingInputError, match=r"^bad.json: invalid JSON: "):
        load_parameter_set(bad)


def test_reasons_are_translatable_reasons_with_their_template():
    """Compute has no Django: its reasons are `Reason`s (English text + template) for the pages."""
    from yhdyspinta.core.reasons import Reason, translate

    data = raw(LAW)
    data["criteria"][1]["share"] = True
    with pytest.raises(FundingInputError) as caught:
        parameter_set_from_dict(data)
    text = caught.value.args[0]
    assert str(caught.value) == "criterion sote_population: share: not a number: True"
    assert isinstance(text, Reason) and text.template == "%(what)s: not a number: %(value)s"
    what = text.params["what"]
    assert isinstance(what, Reason) and what.template == "criterion %(key)s: %(field)s"
    assert what.params == {"key": "sote_population", "field": "share"}
    catalogue = {"%(what)s: not a number: %(value)s": "%(what)s: ei ole luku: %(value)s",
                 "criterion %(key)s: %(field)s": "määräytymistekijä %(key)s: %(field)s"}
    assert translate(text, lambda s: catalogue.get(s, s)) == "määräytymistekijä sote_population: share: ei ole luku: True"


@pytest.mark.parametrize("name", [LAW, SEED])
def test_shipped_sets_have_their_texts_in_three_languages(name):
    """Walk 5 #26: the Finnish and Swedish pages showed English descriptions and unit definitions."""
    params = load_parameter_set(name)
    swedish, english = params.localized("sv"), params.localized("en")
    assert params.localized("fi") is params and params.localized(None) is params
    for localized in (swedish, english):
        assert localized.title != params.title and localized.description != params.description
        assert len(localized.notes) == len(params.notes) and localized.notes != params.notes
        for mine, theirs in zip(localized.criteria, params.criteria, strict=True):
            assert mine.label != theirs.label and mine.unit_definition != theirs.unit_definition, mine.key
            assert mine.legal_source != theirs.legal_source, mine.key  # Walk 7 #11: the column was Finnish
            assert mine.source != theirs.source or localized is english, mine.key
            assert (mine.key, mine.share, mine.unit) == (theirs.key, theirs.share, theirs.unit)
        assert [g.label for g in localized.groups] != [g.label for g in params.groups]
    assert "Seed" not in params.title + swedish.title + english.title
    assert "residents" not in params.description + " ".join(c.unit_definition for c in params.criteria)
    assert swedish.criterion("sote_population").label == "Invånarantal"
    assert english.criterion("sote_population").label == "Population"
    assert english.criterion("rescue_population").legal_source.startswith("Act 617/2021, section 3(1)")
    assert "kap." in swedish.criterion("rescue_population").legal_source
    assert all(g.source != f.source for g, f in zip(swedish.groups, params.groups, strict=True))


def test_a_missing_translation_falls_back_to_finnish():
    data = json.loads((PARAMETERS_DIR / f"{LAW}.json").read_text(encoding="utf-8"))
    data["translations"] = {"sv": {"criteria": {"sote_population": {"label": "Invånarantal"}}}}
    params = parameter_set_from_dict(data)
    swedish = params.localized("sv")
    assert swedish.criterion("sote_population").label == "Invånarantal"
    assert swedish.criterion("sote_density").label == params.criterion("sote_density").label
    assert swedish.description == params.description and swedish.title == params.title
    assert params.localized("en") is params


@pytest.mark.parametrize(("translations", "message"), [
    ({"de": {"title": "x"}}, "unknown key 'de'"),
    ({"sv": {"summary": "x"}}, "unknown key 'summary'"),
    ({"sv": {"criteria": {"no_such": {"label": "x"}}}}, "unknown key 'no_such'"),
    ({"sv": {"criteria": {"sote_population": {"share": "5"}}}}, "unknown key 'share'"),
    ({"sv": {"groups": {"sote": {"label": 5}}}}, "label must be text"),
    ({"sv": {"notes": "one"}}, "expected a list"),
    ({"sv": "Svenska"}, "expected an object"),
])
def test_bad_translations_are_refused_with_where(translations, message):
    data = json.loads((PARAMETERS_DIR / f"{LAW}.json").read_text(encoding="utf-8"))
    data["translations"] = translations
    with pytest.raises(FundingInputError) as caught:
        parameter_set_from_dict(data)
    assert message in str(caught.value) and "translations" in str(caught.value)
