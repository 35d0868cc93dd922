"""Compute results as table columns and rows, shared by the pages and the CSV/XLSX exports.

A column is (key, label, decimals); None decimals = text. Rows hold unrounded Decimals: pages
format them with fi_number, exports write them as numbers, sorting uses the raw values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .compute import CountyFundingResult, Difference, MunicipalFundingResult, ParameterSet


@dataclass
class Table:
    columns: list[tuple[str, str, int | None]]
    rows: list[dict]

    def sort(self, key: str | None, descending: bool) -> Table:
        keys = [c[0] for c in self.columns]
        if key not in keys:
            return self
        rows = sorted(self.rows, key=lambda r: (r[key] is None, r[key] if r[key] is not None else 0),
                      reverse=descending)
        return Table(self.columns, rows)

    def as_lists(self):
        header = [str(label) for _k, label, _d in self.columns]
        body = [[_export_value(row[k], d) for k, _l, d in self.columns] for row in self.rows]
        return header, body


def _export_value(value, decimals):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return round(float(value), decimals or 0) if decimals else round(float(value))
    return value


def county_table(result: CountyFundingResult, params: ParameterSet) -> Table:
    columns = [("code", _("Code"), None), ("name", _("County"), None), ("population", _("Population"), 0),
               ("computed", _("Computed funding (€)"), 0), ("computed_pr", _("Computed €/resident"), 0)]
    columns += [(f"c_{c.key}", c.label + " " + str(_("(€/resident)")), 0) for c in params.criteria]
    with_eq = result.equalisation_total_eur is not None
    if with_eq:
        columns += [("earlier_indexed", _("Earlier costs at the set's level (€)"), 0),
                    ("change_pr", _("Change €/resident"), 0),
                    ("equalisation_pr", _("Equalisation €/resident"), 0),
                    ("equalisation", _("Equalisation (€)"), 0)]
    columns += [("after", _("Funding after equalisation (€)"), 0),
                ("after_pr", _("Funding after €/resident"), 0)]
    rows = []
    for county in result.counties:
        pop = Decimal(county.population)
        row = {"code": county.code, "name": county.name, "population": county.population,
               "computed": county.computed_funding_eur, "computed_pr": county.computed_per_resident,
               "earlier_indexed": county.earlier_costs_indexed_eur, "change_pr": county.change_per_resident, "equalisation_pr": county.equalisation_per_resident,
               "equalisation": county.equalisation_eur, "after": county.funding_after_eur,
               "after_pr": county.funding_after_per_resident}
        for item in county.breakdown:
            row[f"c_{item.key}"] = item.amount_eur / pop
        rows.append(row)
    return Table(columns, rows)


def municipal_table(result: MunicipalFundingResult) -> Table:
    columns = [("code", _("Code"), None), ("name", _("Municipality"), None),
               ("population", _("Population"), 0),
               ("change_pr", _("Change in financial balance €/resident"), 0),
               ("equalisation_pr", _("Equalisation €/resident"), 0),
               ("result_pr", _("Result €/resident"), 0),
               ("total_pr", _("Total effect €/resident"), 0)]
    rows = [{"code": m.code, "name": m.name, "population": m.population,
             "change_pr": m.balance_change_per_resident, "equalisation_pr": m.equalisation_per_resident,
             "result_pr": m.result_per_resident, "total_pr": m.total_effect_per_resident}
            for m in result.municipalities]
    return Table(columns, rows)


def difference_table(diffs: list[Difference], area_label) -> Table:
    columns = [("code", _("Code"), None), ("name", area_label, None), ("population", _("Population"), 0),
               ("base", _("Base (€)"), 0), ("scenario", _("Scenario (€)"), 0),
               ("difference", _("Difference (€)"), 0), ("difference_pr", _("Difference €/resident"), 2)]
    rows = [{"code": d.code, "name": d.name, "population": d.population, "base": d.base_eur,
             "scenario": d.scenario_eur, "difference": d.difference_eur,
             "difference_pr": d.difference_per_resident} for d in diffs]
    return Table(columns, rows)


def classes(values: list[Decimal], n: int = 5) -> tuple[list[int], list[tuple[Decimal, Decimal]]]:
    """Equal-interval class (1..n) of each value and the class limits, for map fills and legend."""
    low, high = min(values), max(values)
    width = (high - low) / n if high != low else Decimal(1)
    index = [min(int((v - low) / width) + 1, n) if high != low else 1 for v in values]
    limits = [(low + i * width, low + (i + 1) * width) for i in range(n if high != low else 1)]
    return index, limits
