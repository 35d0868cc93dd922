"""What the result pages show: forms with defaults, sortable headers, charts, maps and legends."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yhdyspinta.core.geo import choropleth
from yhdyspinta.organisations.models import Organisation

from . import charts
from .compute import compute_county_funding, compute_municipal_transfer
from .compute.demo_inputs import county_rows
from .forms import CalculatorForm
from .models import InputKind, InputSet, ParameterSet
from .results import classes, county_table, difference_table, municipal_table
from .templatetags.funding_tags import rounded

__all__ = ["county_table", "municipal_table"]


def fmt(value, decimals=0):
    return number_format(rounded(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def short(name):
    """Chart label: the county's name without the common word (the table has the full name)."""
    for word in (" hyvinvointialue", " välfärdsområde"):
        name = name.replace(word, "")
    return name if len(name) <= 30 else name[:29] + "…"


def county_result(params, input_set, year, national=None):
    return compute_county_funding(params, input_set.county_inputs(), year, national=national)


def municipal_result(params, input_set):
    return compute_municipal_transfer(params, input_set.municipality_inputs())


def _defaults(user, kind):
    ps = ParameterSet.objects.restrict(user, "view").order_by("-is_official_source", "year", "pk").first()
    inputs = InputSet.objects.restrict(user, "view").filter(kind=kind).order_by("-illustrative", "pk").first()
    data = {"parameter_set": ps.pk if ps else "", "inputs": inputs.pk if inputs else ""}
    if kind == InputKind.COUNTY:
        data["year"] = max(ps.year if ps else 0, timezone.now().year)
    return data


def calculator_form(request, kind):
    data = _defaults(request.user, kind)
    if not any(k in request.GET for k in data) and not (data["parameter_set"] and data["inputs"]):
        return CalculatorForm(initial=data, user=request.user, kind=kind)  # nothing to compute yet
    keys = set(data) | (set(CalculatorForm.NATIONAL_FIELDS) if kind == InputKind.COUNTY else set())
    data.update({k: v for k, v in request.GET.items() if k in keys})
    return CalculatorForm(data, user=request.user, kind=kind)


class CompareForm(forms.Form):
    base = forms.ModelChoiceField(queryset=ParameterSet.objects.none(), label=gettext_lazy("Base parameter set"))
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    inputs = forms.ModelChoiceField(queryset=InputSet.objects.none(), label=gettext_lazy("County inputs"))
    municipal_inputs = forms.ModelChoiceField(queryset=InputSet.objects.none(), required=False,
                                              label=gettext_lazy("Municipal inputs"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].queryset = ParameterSet.objects.restrict(user, "view")
        visible = InputSet.objects.restrict(user, "view")
        self.fields["inputs"].queryset = visible.filter(kind=InputKind.COUNTY)
        self.fields["municipal_inputs"].queryset = visible.filter(kind=InputKind.MUNICIPAL)


def compare_form(request, scenario):
    if "base" in request.GET:
        return CompareForm(request.GET, user=request.user)
    defaults = _defaults(request.user, InputKind.COUNTY)
    base = scenario.based_on if scenario.based_on and ParameterSet.objects.restrict(
        request.user, "view").filter(pk=scenario.based_on_id).exists() else None
    m = _defaults(request.user, InputKind.MUNICIPAL)["inputs"]
    data = {"base": base.pk if base else "", "year": max(scenario.year, timezone.now().year),
            "inputs": defaults["inputs"], "municipal_inputs": m}
    if not (base and defaults["inputs"]):
        return CompareForm(initial=data, user=request.user)  # the user chooses a base first
    return CompareForm(data, user=request.user)


def headers(request, table, key, desc, prefix=""):
    """Column headers with sort links (aria-sort on the sorted one); `prefix` for a second table."""
    out = []
    for col, label, decimals in table.columns:
        query = request.GET.copy()
        query.pop("export", None)
        query[f"{prefix}sort"] = col
        query[f"{prefix}order"] = "asc" if col == key and desc else "desc"
        aria = ("descending" if desc else "ascending") if col == key else ""
        out.append({"key": col, "label": label, "url": "?" + query.urlencode(), "aria_sort": aria,
                    "numeric": decimals is not None})
    return out


def cells(table):
    return [[(row[k], d) for k, _l, d in table.columns] for row in table.rows]


def _county_links():
    """county code → (map key = Organisation.letter_code, page URL) for the organising areas."""
    links = {r["code"]: (r["letter_code"], "") for r in county_rows()}
    for org in Organisation.objects.organising_areas().exclude(letter_code=""):
        code = org.area_code or org.code
        links[code] = (org.letter_code, reverse("organisations:area_detail", args=[org.pk]))
    return links


def legend(limits, unit):
    return [{"css": f"fund-c{i + 1}", "text": f"{fmt(lo)} – {fmt(hi)} {unit}"} for i, (lo, hi) in enumerate(limits)]


def county_map(codes_values, names, title, description, unit):
    links = _county_links()
    index, limits = classes([v for _c, v in codes_values])
    regions = {}
    for (code, value), cls in zip(codes_values, index):
        key, url = links.get(code, (code, ""))
        regions[key] = {"label": names[code], "css": f"fund-c{cls}", "url": url, "text": f"{fmt(value)} {unit}"}
    return choropleth("hva", title=title, description=description, regions=regions), legend(limits, unit)


def municipality_map(codes_values, names, title, description, unit):
    index, limits = classes([v for _c, v in codes_values])
    regions = {code: {"label": names[code], "css": f"fund-c{cls}", "text": f"{fmt(value)} {unit}"}
               for (code, value), cls in zip(codes_values, index)}
    return choropleth("munis", title=title, description=description, regions=regions), legend(limits, unit)


def county_context(result, params, table, key, desc, request):
    eur = _("€/resident")
    bars = [(short(c.name), c.funding_after_per_resident) for c in sorted(
        result.counties, key=lambda c: c.funding_after_per_resident, reverse=True)]
    names = {c.code: c.name for c in result.counties}
    values = [(c.code, c.funding_after_per_resident) for c in result.counties]
    title = _("Funding after equalisation, €/resident")
    svg_map, map_legend = county_map(values, names, title, _("Map of the counties; the values are in the table."),
                                     eur)
    return {
        "result": result, "params": params, "table": table, "headers": headers(request, table, key, desc),
        "cells": cells(table),
        "chart": charts.bar_chart(bars, title=title, description=_("One bar per county, largest first."),
                                  fmt=lambda v: fmt(v)),
        "chart_rows": bars, "map": svg_map, "legend": map_legend,
        "cap": params.transition_cap(result.year) if result.equalisation_total_eur is not None else None,
    }


def municipal_context(result, params, table, key, desc, request):
    eur = _("€/resident")
    names = {m.code: m.name for m in result.municipalities}
    values = [(m.code, m.result_per_resident) for m in result.municipalities]
    bins = charts.histogram_bins([m.balance_change_per_resident for m in result.municipalities], 12)
    title = _("Change in financial balance before equalisation, €/resident")
    svg_map, map_legend = municipality_map(
        values, names, _("Result after equalisation, €/resident"),
        _("Map of the municipalities; the values are in the table."), eur)
    return {
        "result": result, "params": params, "table": table, "headers": headers(request, table, key, desc),
        "cells": cells(table), "bins": bins,
        "chart": charts.histogram(bins, title=title, description=_("Number of municipalities per range.")),
        "map": svg_map, "legend": map_legend,
    }


def compare_context(view, diffs, m_diffs, p_base, p_scen):
    request = view.request
    table, key, desc = view.sorted_table(difference_table(diffs, _("County")), "difference_pr")
    bars = [(short(d.name), d.difference_per_resident) for d in diffs]
    ctx = {
        "table": table, "headers": headers(request, table, key, desc), "cells": cells(table),
        "chart": charts.bar_chart(bars, title=_("Difference to the base, €/resident"),
                                  description=_("One bar per county; bars left of the line are losses."),
                                  fmt=lambda v: fmt(v, 2)),
        "changed": [(b, s) for b, s in zip(p_base.criteria, p_scen.criteria) if b.share != s.share]
        if [c.key for c in p_base.criteria] == [c.key for c in p_scen.criteria] else [],
        "max_abs": max((abs(d.difference_eur) for d in diffs), default=0),
    }
    if m_diffs is not None:
        m_key = request.GET.get("msort") or "difference_pr"
        m_desc = request.GET.get("morder", "desc") == "desc"
        m_table = difference_table(m_diffs, _("Municipality")).sort(m_key, m_desc)
        ctx.update(m_table=m_table, m_cells=cells(m_table), m_headers=headers(request, m_table, m_key, m_desc, "m"))
        m_bins = charts.histogram_bins([d.difference_per_resident for d in m_diffs], 12)
        m_map, m_legend = municipality_map(
            [(d.code, d.difference_per_resident) for d in m_diffs], {d.code: d.name for d in m_diffs},
            _("Difference to the base, €/resident"), _("Map of the municipalities; the values are in the table."),
            _("€/resident"))
        ctx.update(m_bins=m_bins, m_map=m_map, m_legend=m_legend,
                   m_chart=charts.histogram(m_bins, title=_("Difference to the base by municipality, €/resident"),
                                            description=_("Number of municipalities per range."),
                                            chart_id="municipal-difference"))
        if request.GET.get("part") == "municipal":
            ctx["table"] = m_table
    return ctx
