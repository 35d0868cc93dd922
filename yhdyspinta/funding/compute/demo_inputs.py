"""Illustrative demo inputs built on REAL 2021 populations (see parameters/ref/SOURCE.md).

Only populations, names, county membership and the Sámi home-region
municipalities are real. Every coefficient, cost, tax base and growth figure
is ILLUSTRATIVE: drawn from a seeded pseudo-random generator within plausible
ranges, so the same seed always gives the same inputs. Never present these
numbers as real county or municipal data.
"""

from __future__ import annotations

import csv
import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from .county import CountyInput
from .municipal import MunicipalityInput
from .parameters import HUNDRED, PARAMETERS_DIR, ParameterSet

REF_DIR = PARAMETERS_DIR / "ref"
COUNTIES_CSV = REF_DIR / "wellbeing_services_counties_2021.csv"
MUNICIPALITIES_CSV = REF_DIR / "municipalities_2021.csv"
DEMO_LABEL = "Illustrative demo data: real 2021 populations, all other values invented (seeded)."
ALAND = "91"  # Ahvenanmaa: outside the reform (617/2021 § 1)
HELSINKI = "90"  # organises sote and rescue itself, funded like a county
SAMI_HOME_REGION = ("047", "148", "890")  # Enontekiö, Inari, Utsjoki (north Sodankylä left out)
#: Illustrative flags (believed true of the real counties, not verified here).
BILINGUAL = {"01", "02", "03", "04", "05", "10", "17", "18", "90"}
UNIVERSITY_HOSPITAL = {"01", "02", "03", "04", "05", "08", "13", "19", "90"}
ISLANDS = {"01", "03", "05", "06", "12", "17", "21"}
CAPITAL_REGION = {"01", "02", "03", "04", "90"}
BASE_COST_PER_RESIDENT = Decimal(3600)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def county_rows() -> list[dict[str, str]]:
    """The 21 counties and Helsinki (Åland dropped), as in the CSV."""
    return [r for r in _read(COUNTIES_CSV) if r["code"] != ALAND]


def municipality_rows() -> list[dict[str, str]]:
    """Mainland municipalities (Åland dropped), as in the CSV."""
    return [r for r in _read(MUNICIPALITIES_CSV) if r["county_code"] != ALAND]


def _d(value: float, places: str = "0.0001") -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(places))


def demo_county_inputs(params: ParameterSet | None = None, seed: int = 2021) -> list[CountyInput]:
    """CountyInput for 01–21 and Helsinki: real populations, illustrative rest.

    Earlier costs are population × 3 600 € × service need × noise; with
    ``params`` they are scaled to sum to its total funding, as the transfer
    moves exactly the earlier costs (21.2 bn € at the 2022 level).
    """
    rng = random.Random(seed)
    sami = sum(int(r["population"]) for r in _read(MUNICIPALITIES_CSV)
               if r["code"] in SAMI_HOME_REGION)
    result = []
    for row in county_rows():
        code, pop = row["code"], int(row["population"])
        need = rng.uniform(0.8, 1.3)
        foreign = rng.uniform(0.09, 0.17) if code in CAPITAL_REGION else rng.uniform(0.02, 0.06)
        island = rng.uniform(0.002, 0.03) if code in ISLANDS else 0.0
        result.append(CountyInput(
            code=code, name=row["name_fi"], population=pop,
            service_need_coefficient=_d(need),
            foreign_language_speakers=round(pop * foreign),
            density_coefficient=_d(rng.uniform(0.2, 0.6) if code in CAPITAL_REGION
                                   else rng.uniform(0.6, 3.0)),
            island_population=round(pop * island),
            bilingual=code in BILINGUAL,
            sami_population=sami if code == "21" else 0,
            university_hospital=code in UNIVERSITY_HOSPITAL,
            hyte_coefficient=_d(rng.uniform(0.9, 1.1)),
            rescue_risk_coefficient=_d(rng.uniform(0.8, 1.2)),
            earlier_costs_eur=_d(pop * float(BASE_COST_PER_RESIDENT) * need
                                 * rng.uniform(0.93, 1.07), "1"),
        ))
    if params is None:
        return result
    scale = params.total_funding_eur / sum(c.earlier_costs_eur for c in result)
    return [replace(c, earlier_costs_eur=(c.earlier_costs_eur * scale).quantize(Decimal(1)))
            for c in result]


def demo_municipality_inputs(
    params: ParameterSet | None = None, seed: int = 2021
) -> list[MunicipalityInput]:
    """MunicipalityInput for every mainland municipality (Helsinki included).

    State subsidies moved are scaled so that revenue moved equals costs moved
    nationally at the set's tax cut (12.64 points without ``params``), as the
    transfer is designed; municipalities then differ around zero.
    """
    rng = random.Random(seed)
    cut = params.municipal.income_tax_cut_pp if params else Decimal("12.64")
    raw = []
    for row in municipality_rows():
        pop = int(row["population"])
        sote = pop * 3600 * rng.uniform(0.9, 1.15)
        raw.append({
            "row": row, "pop": pop, "sote": sote,
            "rescue": pop * 130 * rng.uniform(0.9, 1.1),
            "subsidy": sote * rng.uniform(0.3, 0.4),
            "base": pop * 17000 * rng.uniform(0.85, 1.2),
            "corp": pop * rng.uniform(80, 200),
            "prev": round(pop / (1 + rng.uniform(-0.015, 0.02))),
            "loss": pop * rng.uniform(0, 200) if rng.random() < 0.2 else 0.0,
        })
    cut_f = float(cut / HUNDRED)
    needed = sum(r["sote"] + r["rescue"] - r["base"] * cut_f - r["corp"] for r in raw)
    scale = needed / sum(r["subsidy"] for r in raw)
    return [
        MunicipalityInput(
            code=r["row"]["code"], name=r["row"]["name_fi"], population=r["pop"],
            county_code=r["row"]["county_code"],
            sote_net_costs_eur=_d(r["sote"], "1"), rescue_net_costs_eur=_d(r["rescue"], "1"),
            state_subsidies_moved_eur=_d(r["subsidy"] * scale, "1"),
            income_tax_base_eur=_d(r["base"], "1"), corporate_tax_moved_eur=_d(r["corp"], "1"),
            previous_population=r["prev"], asset_arrangement_loss_eur=_d(r["loss"], "1"),
        )
        for r in raw
    ]
