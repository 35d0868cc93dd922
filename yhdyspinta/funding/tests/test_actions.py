"""Actions refuse bad input with the exact reason and save nothing; rights follow the owner."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from yhdyspinta.funding import actions
from yhdyspinta.funding.compute import compute_county_funding
from yhdyspinta.funding.compute.demo_inputs import demo_county_inputs
from yhdyspinta.funding.models import InputSet, ParameterSet, ParameterSetVersion

from .factories import ParameterSetFactory, law_data

HEADER = ("code;name;population;service_need_coefficient;foreign_language_speakers;density_coefficient;"
          "island_population;bilingual;sami_population;university_hospital;hyte_coefficient;"
          "rescue_risk_coefficient;earlier_costs_eur")


@pytest.fixture(autouse=True)
def english():
    """Actions give the reason in the active language; these tests check the English text."""
    with translation.override("en"):
        yield


def county_csv(mutate=None, drop=None):
    lines = [HEADER]
    for c in demo_county_inputs():
        if c.code == drop:
            continue
        row = [c.code, c.name, str(c.population), str(c.service_need_coefficient).replace(".", ","),
               str(c.foreign_language_speakers), str(c.density_coefficient).replace(".", ","),
               str(c.island_population), "1" if c.bilingual else "0", str(c.sami_population),
               "1" if c.university_hospital else "0", str(c.hyte_coefficient).replace(".", ","),
               str(c.rescue_risk_coefficient).replace(".", ","), str(c.earlier_costs_eur)]
        if mutate:
            row = mutate(c.code, row)
        lines.append(";".join(row))
    return "\n".join(lines).encode("utf-8")


def refused(call, message):
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.messages == [message]


@pytest.mark.parametrize("change, message", [
    (lambda d: d["criteria"][0].update(share="80.156"),
     "group sote: criterion shares sum to 98.728, stated total 97.727 (difference 1.001 exceeds tolerance 0.0015)"),
    (lambda d: d["criteria"][1].update(share="-1"), "criterion sote_population: negative share -1"),
    (lambda d: d.update(colour="blue"), "parameter set: unknown key 'colour'"),
    (lambda d: d["municipal"]["balance_cap_eur_per_resident"].update(value="-60"),
     "municipal.balance_cap_eur_per_resident: negative value -60"),
])
def test_bad_parameter_json_is_refused_exactly_and_nothing_saved(world, change, message):
    data = law_data()
    change(data)
    before = ParameterSet.objects.count(), ParameterSetVersion.objects.count()
    refused(lambda: actions.import_parameter_set(actor=world.editor, text=json.dumps(data), owner=world.a1), message)
    assert (ParameterSet.objects.count(), ParameterSetVersion.objects.count()) == before


def test_invalid_json_text(world):
    with pytest.raises(ValidationError) as info:
        actions.import_parameter_set(actor=world.editor, text="{not json", owner=world.a1)
    assert info.value.messages[0].startswith("invalid JSON: ")
    assert not ParameterSet.objects.exists()


def test_import_and_rights(world):
    text = json.dumps(law_data())
    obj = actions.import_parameter_set(actor=world.editor, text=text, owner=world.a1, visibility="internal")
    assert obj.version == 1 and obj.versions.count() == 1 and obj.created_by == world.editor
    with pytest.raises(PermissionDenied):  # official sets: administrators only
        actions.import_parameter_set(actor=world.editor, text=text, owner=None, official=True)
    with pytest.raises(PermissionDenied):  # a viewer does not write for a1
        actions.import_parameter_set(actor=world.viewer, text=text, owner=world.a1)
    official = actions.import_parameter_set(actor=world.admin, text=text, owner=None, official=True)
    with pytest.raises(PermissionDenied):
        actions.move_points(official, actor=world.editor, to_key="sote_hyte", from_points={"sote_population": "0.1"})
    assert ParameterSet.objects.count() == 2


def test_hyte_scenario_moves_half_a_point(world):
    base = ParameterSetFactory(owner=None, is_official_source=True)
    scenario = actions.copy_parameter_set(base, actor=world.editor, name="hyte", title="Hyte 1,5 %", owner=world.a1)
    assert scenario.based_on == base and scenario.data["name"] == "hyte"
    actions.move_points(scenario, actor=world.editor, to_key="sote_hyte",
                        from_points={"sote_population": Decimal("0.25"), "sote_service_need": Decimal("0.25")})
    scenario.refresh_from_db()
    params = scenario.parameters()
    assert params.criterion("sote_hyte").share == Decimal("1.472")
    assert params.criterion("sote_population").share == Decimal("12.796")
    assert params.criterion("sote_service_need").share == Decimal("78.906")
    assert scenario.version == 2 and scenario.versions.count() == 2
    assert scenario.data["criteria"][0]["source"] == law_data()["criteria"][0]["source"]
    refused(lambda: actions.move_points(scenario, actor=world.editor, to_key="sote_hyte",
                                        from_points={"sote_sami": "1"}),
            "move from sote_sami: only 0.013 points available, asked 1")
    assert scenario.versions.count() == 2


def test_share_edit_that_does_not_sum_is_refused(world):
    scenario = ParameterSetFactory(owner=world.a1)
    params = scenario.parameters()
    shares = {c.key: c.share for c in params.criteria}
    shares["sote_hyte"] = Decimal("1.472")
    groups = {g.key: g.total_share for g in params.groups}
    refused(lambda: actions.update_shares(scenario, actor=world.editor, shares=shares, group_totals=groups),
            "group sote: criterion shares sum to 98.228, stated total 97.727 "
            "(difference 0.501 exceeds tolerance 0.0015)")
    scenario.refresh_from_db()
    assert scenario.version == 1
    shares["sote_population"] = Decimal("12.546")
    actions.update_shares(scenario, actor=world.editor, shares=shares, group_totals=groups)
    assert scenario.parameters().criterion("sote_hyte").share == Decimal("1.472")


def _import(world, content, **kwargs):
    options = {"kind": "county", "content": content, "filename": "hva.csv", "name": "x", "title": "X",
               "owner": world.a1}
    options.update(kwargs)
    return actions.import_inputs(actor=world.editor, **options)


def test_county_csv_imports(world):
    law = ParameterSetFactory()
    obj = _import(world, county_csv(), check_against=law, year=2026)
    assert isinstance(obj, InputSet) and len(obj.county_inputs()) == 22
    params = law.parameters()
    imported = compute_county_funding(params, obj.county_inputs(), 2026)
    direct = compute_county_funding(params, demo_county_inputs(), 2026)
    assert [c.funding_after_eur for c in imported.counties] == [c.funding_after_eur for c in direct.counties]


@pytest.mark.parametrize("mutate, drop, message", [
    (lambda code, row: row[:2] + ["-5"] + row[3:] if code == "05" else row, None,
     "hva.csv, line 6: population: negative value -5"),
    (None, "13", "hva.csv: county 13 missing from the inputs"),
    (lambda code, row: row[:10] + [""] + row[11:] if code == "08" else row, None,
     "hva.csv, line 9: hyte_coefficient missing, required by criterion sote_hyte (share 0.972 %)"),
    (lambda code, row: row[:3] + ["paljon"] + row[4:] if code == "01" else row, None,
     "hva.csv, line 2: service_need_coefficient: 'paljon' is not a number"),
])
def test_bad_county_csv_is_refused_with_line(world, mutate, drop, message):
    law = ParameterSetFactory()
    refused(lambda: _import(world, county_csv(mutate, drop), check_against=law, year=2026), message)
    assert not InputSet.objects.exists()


def test_municipal_csv(world):
    content = (b"code;name;population;sote_net_costs_eur\n837;Tampere;244223;900000000\n"
               b"020;Akaa;-1;1\n")
    refused(lambda: _import(world, content, kind="municipal"), "hva.csv, line 3: population: negative value -1")
    good = b"code;name;population;sote_net_costs_eur\n837;Tampere;244223;900000000,50\n"
    obj = _import(world, good, kind="municipal")
    assert obj.municipality_inputs()[0].sote_net_costs_eur == "900000000.50"


# ---- found by bench/fuzz/fuzz_funding_inputs.py (atheris); each was an uncaught exception ----
@pytest.mark.parametrize("value", ["341e999999366", "1e1000000"])
def test_county_numbers_beyond_decimal_arithmetic_are_refused(world, value):
    """341e999999366 is a finite Decimal, but the funding computation overflowed (decimal.Overflow)."""
    law = ParameterSetFactory()

    def mutate(code, row):
        return row[:4] + [value] + row[5:] if code == "05" else row

    message = f"hva.csv, line 6: foreign_language_speakers: {value} is out of range (1e-12 to 1e15)"
    refused(lambda: _import(world, county_csv(mutate), check_against=law, year=2026), message)
    assert not InputSet.objects.exists()


def test_a_value_under_an_unnamed_column_is_refused(world):
    """Excel's trailing ';' gives a column without a name: empty cells under it are fine, a number
    was a TypeError (MunicipalityInput got the keyword '')."""
    fine = b"code;name;population;\n837;Tampere;244223;\n"
    assert len(_import(world, fine, kind="municipal").municipality_inputs()) == 1
    bad = b"code;name;population;\n837;Tampere;244223;\n020;Akaa;16000;1,0653\n"
    refused(lambda: _import(world, bad, kind="municipal", name="y"),
            "hva.csv, line 3: '1,0653' is in a column without a name in the header")


@pytest.mark.parametrize("language, message", [
    ("fi", "hva.csv, rivi 6: population: negatiivinen arvo -5"),
    ("sv", "hva.csv, rad 6: population: negativt värde -5"),
])
def test_csv_reasons_are_in_the_user_s_language(world, language, message):
    law = ParameterSetFactory()
    bad = county_csv(lambda code, row: row[:2] + ["-5"] + row[3:] if code == "05" else row)
    with translation.override(language):
        refused(lambda: _import(world, bad, check_against=law, year=2026), message)


def test_compute_reasons_are_in_the_user_s_language(world):
    scenario = ParameterSetFactory(owner=world.a1)
    with translation.override("fi"):
        refused(lambda: actions.move_points(scenario, actor=world.editor, to_key="sote_hyte",
                                            from_points={"sote_sami": "1"}),
                "siirto kriteeristä sote_sami: vain 0.013 prosenttiyksikköä käytettävissä, pyydettiin 1")
        data = law_data()
        data["criteria"][1]["share"] = "-1"
        refused(lambda: actions.import_parameter_set(actor=world.editor, text=json.dumps(data), owner=world.a1),
                "määräytymistekijä sote_population: negatiivinen osuus -1")
        # a compute reason re-wrapped by the CSV reader keeps its translation (nested county label)
        law = ParameterSetFactory()
        refused(lambda: _import(world, county_csv(drop="13"), check_against=law, year=2026),
                "hva.csv: hyvinvointialue 13 puuttuu lähtötiedoista")
