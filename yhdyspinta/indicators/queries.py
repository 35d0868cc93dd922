"""Reads for pages and API: value series, goal progress, composite results, the situational picture.

The database is asked once per page part (values_list, no model instances) and the numbers are
formatted in Python with `fi_value` (core fi_number after rounding), so a picture of 30 indicators
for a county of 30 municipalities stays well under the 300 ms goal (bench/indicators).
"""

from collections import defaultdict

from django.db.models import Max

from yhdyspinta.organisations.models import Organisation, OrganisationKind

from .compute.charts import line_chart
from .compute.composite import Component, composite
from .compute.picture import differences, latest
from .compute.progress import NO_DATA, progress
from .models import COUNTRY_CODE, IndicatorSet, IndicatorValue, Level
from .models_goals import CompositeLevel
from .templatetags.indicator_tags import number_formatter

PICTURE_YEARS = 10


def country_id():
    return Organisation.objects.filter(kind=OrganisationKind.OTHER, code=COUNTRY_CODE).values_list(
        "pk", flat=True).first()


def series(indicator_ids, region_ids, *, sex="total", first_year=None, organisers=()) -> dict:
    """{(indicator id, region id): {year: value}} for total (or one sex).

    A region in `organisers` (Helsinki read as an organising area beside the counties) takes its
    values at the level "organiser" where they exist; every other region its own row (level ""),
    the other level filling a year the preferred one lacks.
    """
    qs = IndicatorValue.objects.filter(indicator_id__in=list(indicator_ids), region_id__in=list(region_ids),
                                       sex=sex).order_by()
    if first_year:
        qs = qs.filter(year__gte=first_year)
    return series_from(qs, organisers)


def municipalities_of(area):
    return list(Organisation.objects.municipalities().filter(area=area).exclude(pk=area.pk).order_by("name"))


# ---- goals ---------------------------------------------------------------------------------------
def goal_progress(goal):
    """Per goal indicator: the progress for its region and, for an area goal, each municipality."""
    gis = list(goal.goal_indicators.select_related("indicator", "region"))
    org = goal.organisation
    municipalities = municipalities_of(org) if org.organises_sote else []
    region_ids = {gi.region_id or org.pk for gi in gis} | {m.pk for m in municipalities}
    data = series({gi.indicator_id for gi in gis}, region_ids, organisers=organisers_of([org]))
    rows = []
    for gi in gis:
        main = gi.region or org
        params = {"baseline_year": gi.baseline_year, "baseline_value": gi.baseline_value,
                  "target_year": gi.target_year, "target_value": gi.target_value, "direction": gi.direction}
        rows.append({
            "gi": gi, "region": main,
            "progress": progress(data.get((gi.indicator_id, main.pk), {}), **params),
            "municipalities": [(m, progress(data.get((gi.indicator_id, m.pk), {}), **params))
                               for m in municipalities] if gi.region_id is None else [],
        })
    return rows


def goal_status(rows) -> str:
    """A goal's overall state: behind if any indicator is behind, no data if none has data."""
    states = [r["progress"].state for r in rows]
    if "behind" in states:
        return "behind"
    if states and all(s == NO_DATA for s in states) or not states:
        return NO_DATA
    return "on_track"


# ---- composite index -----------------------------------------------------------------------------
def composite_results(comp):
    """[(region, Result, {indicator id: (year, value)})] for every active municipality or county."""
    components = list(comp.components.select_related("indicator"))
    kind = OrganisationKind.COUNTY if comp.level == CompositeLevel.COUNTY else OrganisationKind.MUNICIPALITY
    regions = list(Organisation.objects.active().filter(kind=kind).order_by("name"))
    if comp.level == CompositeLevel.COUNTY:  # Helsinki organises sote itself: compared with the counties
        regions += list(Organisation.objects.organising_areas().filter(kind=OrganisationKind.MUNICIPALITY))
    qs = IndicatorValue.objects.filter(indicator_id__in=[c.indicator_id for c in components],
                                       region__in=regions, sex="total", value__isnull=False)
    if comp.year:
        qs = qs.filter(year=comp.year)
    data = series_from(qs, organisers_of(regions) if comp.level == CompositeLevel.COUNTY else ())
    specs = [Component(c.indicator_id, c.lower, c.upper, c.weight, c.direction) for c in components]
    out = []
    for region in regions:
        picked = {c.indicator_id: latest(data.get((c.indicator_id, region.pk), {})) for c in components}
        result = composite(specs, {k: v for k, (_y, v) in picked.items()})
        out.append((region, result, picked))
    out.sort(key=lambda r: (r[1].index is None, -(r[1].index or 0), r[0].name))
    return components, out


def organisers_of(orgs) -> set[int]:
    """The ids of municipalities among `orgs` that organise their own services (Helsinki)."""
    return {o.pk for o in orgs if o.organises_sote and o.kind == OrganisationKind.MUNICIPALITY}


def series_from(qs, organisers=()) -> dict:
    out: dict = defaultdict(dict)
    preferred = []
    for ind, region, year, level, value in qs.order_by().values_list(
            "indicator_id", "region_id", "year", "level", "value"):
        if (level == Level.ORGANISER) == (region in organisers):
            preferred.append((ind, region, year, value))
        else:
            out[(ind, region)].setdefault(year, value)
    for ind, region, year, value in preferred:
        out[(ind, region)][year] = value
    return out


# ---- situational picture -------------------------------------------------------------------------
def followed_sets(area):
    return list(IndicatorSet.objects.filter(organisation=area).order_by("-followed", "name"))


def picture(area, indicator_set, *, title_for=str):
    """Everything the picture page shows, with numbers already formatted (keys are ids, not models)."""
    fmt = number_formatter()
    indicators = list(indicator_set.indicators.order_by("title")) if indicator_set else []
    municipalities = municipalities_of(area)
    names = {m.pk: m.name for m in municipalities}
    cid = country_id()
    region_ids = [area.pk, *names] + ([cid] if cid else [])
    last = IndicatorValue.objects.filter(indicator__in=indicators, region_id=area.pk).order_by().aggregate(
        y=Max("year"))["y"]
    first_year = (last - PICTURE_YEARS + 1) if last else None
    data = series([i.pk for i in indicators], region_ids, first_year=first_year, organisers=organisers_of([area]))
    area_name, country_name = area.name, title_for("country")
    blocks = []
    for ind in indicators:
        dec = ind.decimals
        area_series = data.get((ind.pk, area.pk), {})
        country_series = data.get((ind.pk, cid), {}) if cid else {}
        year, area_value = latest(area_series)
        municipal = {pk: data.get((ind.pk, pk), {}).get(year) if year else None for pk in names}
        diffs = differences(area_value, municipal, limit=3)
        years = sorted(set(area_series) | set(country_series))
        blocks.append({
            "indicator": ind, "year": year,
            "area_value": fmt(area_value, dec),
            "country_value": fmt(country_series.get(year) if year else None, dec),
            "municipal": [fmt(v, dec) for v in municipal.values()],
            "differences": [(names[pk], fmt(d, 1)) for pk, d in diffs],
            "trend": [(y, fmt(area_series.get(y), dec), fmt(country_series.get(y), dec)) for y in years],
            "chart": line_chart([(area_name, sorted(area_series.items())),
                                 (country_name, sorted(country_series.items()))],
                                title=f"{ind.title}: {area_name}"),
        })
    return {"indicators": indicators, "municipalities": municipalities, "blocks": blocks, "last_year": last}


# ---- one indicator across the organising areas ---------------------------------------------------
def across_areas(indicator, *, year=None, sex="total") -> dict:
    """One indicator for the 21 counties and Helsinki (its organiser row, else its own) and the
    whole country: the years with area values, the chosen year (default: the latest), and per
    area its value in that year, the previous year's and the change."""
    areas = list(Organisation.objects.organising_areas().order_by("area_code", "code", "name"))
    cid = country_id()
    ids = [a.pk for a in areas] + ([cid] if cid else [])
    data = series([indicator.pk], ids, sex=sex, organisers=organisers_of(areas))
    years = sorted({y for a in areas for y in data.get((indicator.pk, a.pk), {})})
    chosen = year if year in years else (years[-1] if years else None)

    def row(org, name):
        values = data.get((indicator.pk, org.pk), {}) if org else {}
        value = values.get(chosen) if chosen else None
        before = values.get(chosen - 1) if chosen else None
        change = round(value - before, indicator.decimals) if value is not None and before is not None else None
        return {"region": org, "name": name, "code": (org.area_code or org.code) if org else "", "value": value,
                "previous": before, "change": change}

    country = Organisation.objects.filter(pk=cid).first() if cid else None
    return {"years": years, "year": chosen, "rows": [row(a, a.name) for a in areas],
            "country": row(country, country.name) if country else None}
