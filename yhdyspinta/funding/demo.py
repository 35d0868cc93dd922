"""Demo data: both shipped parameter sets, illustrative inputs on real populations, one scenario.

Idempotent: records are found by their identifier and left alone if they exist.
"""

from yhdyspinta.organisations.models import Organisation

from .compute import available_parameter_sets, load_parameter_set, move_share
from .compute.demo_inputs import DEMO_LABEL, demo_county_inputs, demo_municipality_inputs
from .compute.parameters import PARAMETERS_DIR
from .inputs import to_rows
from .models import InputKind, InputSet, ParameterSet
from .paramdata import parse_json, renamed, write_back

SCENARIO = "hyte-1-5-scenario"
SCENARIO_TITLES = {
    "fi": "Skenaario: hyte-kerroin 1,0 → 1,5 % (0,25 %-yks. asukasmäärästä ja palvelutarpeesta)",
    "sv": "Scenario: hyte-koefficienten 1,0 → 1,5 % (0,25 %-enh. från invånarantal och servicebehov)",
    "en": "Scenario: hyte 1.0 → 1.5 % (0.25 points from population and service need)",
}
SOURCE_FI = ("Väestö: Tilastokeskus 2021 (todellinen). Muut arvot keksittyjä (siemenluku 2021), "
             "eivät todellisia hyvinvointialueiden tai kuntien lukuja.")


def load(stdout):
    sets = {}
    for name in available_parameter_sets():
        obj = ParameterSet.objects.filter(name=name, owner=None, based_on=None).first()
        if obj is None:
            data = parse_json((PARAMETERS_DIR / f"{name}.json").read_text(encoding="utf-8"))
            params = load_parameter_set(name)
            obj = ParameterSet(name=name, title=params.title, title_fi=params.title,
                               title_sv=params.localized("sv").title, title_en=params.localized("en").title,
                               year=params.year, data=data, is_official_source=True, visibility="public")
            obj.save()
        sets[name] = obj
    law = sets["law_617_2021_level_2022"]
    params = law.parameters()
    _inputs(InputKind.COUNTY, "demo-counties-2021", "Hyvinvointialueet 2021 (havainnollistava)",
            "Välfärdsområden 2021 (illustrativ)", "Wellbeing services counties 2021 (illustrative)",
            to_rows(demo_county_inputs(params)))
    _inputs(InputKind.MUNICIPAL, "demo-municipalities-2021", "Kunnat 2021 (havainnollistava)",
            "Kommuner 2021 (illustrativ)", "Municipalities 2021 (illustrative)",
            to_rows(demo_municipality_inputs(params)))
    if not ParameterSet.objects.filter(name=SCENARIO).exists():
        owner = Organisation.objects.filter(kind="county", code="08").first()
        changed = move_share(params, "sote_hyte", {"sote_population": "0.25", "sote_service_need": "0.25"},
                             name=SCENARIO)
        data = renamed(write_back(law.data, changed), SCENARIO, SCENARIO_TITLES["fi"])
        ParameterSet(name=SCENARIO, title=SCENARIO_TITLES["fi"], title_fi=SCENARIO_TITLES["fi"],
                     title_sv=SCENARIO_TITLES["sv"], title_en=SCENARIO_TITLES["en"], year=law.year, data=data,
                     based_on=law, owner=owner, visibility="public").save()
    stdout.write(f"funding: {len(sets)} parameter sets, 2 input sets, 1 scenario ({DEMO_LABEL})\n")


def _inputs(kind, name, fi, sv, en, rows):
    InputSet.objects.get_or_create(name=name, kind=kind, defaults={
        "title": fi, "title_fi": fi, "title_sv": sv, "title_en": en, "rows": rows, "illustrative": True,
        "source_note": SOURCE_FI, "source_note_fi": SOURCE_FI, "source_note_en": DEMO_LABEL,
    })
