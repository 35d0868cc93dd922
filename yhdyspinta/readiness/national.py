"""The national views' rows: the national row of a period, the national trend over a roadmap's
periods, the sub-area table as rows, and the metadata lines above every table export.

The national row is `compute.national_totals`: per area (and sub-area, and the whole roadmap)
the counts of the regions that reported, summed, and the percentages of those sums (never an
average of percentages). Each period's figures come from `loaders.figures_for`, so a closed
period contributes its published snapshot.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from yhdyspinta.core.exports import export_metadata as download_metadata

from . import presenters
from .compute import national_totals
from .loaders import figures_for, published

NATIONAL = "national"
TREND_FIELDS = ("period", "progress_end", "region", "region_label", "area", "level", "reported",
                "reporting_regions", "applicable", "in_progress_pct", "done_pct", "due", "progress_pct")


def national_label() -> str:
    return _("Whole country (reporting regions)")


def reporting_count(data) -> int:
    """How many regions reported something for the period (the national row sums theirs)."""
    return sum(1 for f in data.figures if f.level == "region" and f.reported)


def national_figures(data) -> list:
    return national_totals(data.figures)


def region_figures(data, region) -> list:
    """The figures of one region (an organisation id) or of the whole country (NATIONAL)."""
    if region == NATIONAL:
        return national_figures(data)
    return data.by_region().get(region, [])


def trend_rows(periods, regions) -> list[dict]:
    """Long form over the periods (oldest first): one row per period × region × area (and the
    region's total, area ""); `regions` are organisation ids or NATIONAL."""
    rows = []
    for period in periods:
        data = figures_for(period)
        labels = {r.organisation_id: r.label for r in data.regions}
        reporting = reporting_count(data)
        for region in regions:
            if region != NATIONAL and region not in labels:
                continue
            for f in region_figures(data, region):
                if f.subarea:
                    continue
                rows.append({
                    "period": period.code, "progress_end": period.progress_end,
                    "region": None if region == NATIONAL else region,
                    "region_label": national_label() if region == NATIONAL else labels[region],
                    "area": f.area, "level": f.level, "reported": f.reported,
                    "reporting_regions": reporting if region == NATIONAL else int(f.reported),
                    "applicable": f.applicable, "in_progress_pct": f.in_progress_pct, "done_pct": f.done_pct,
                    "due": f.due, "progress_pct": f.progress_pct,
                })
    return rows


def trend_series(periods, region, figure, area_names) -> list[tuple[str, list]]:
    """(series name, values by period) per area and the total, for the chart and its table."""
    per_period = [figures_for(p) for p in periods]
    series = []
    for code, name in [*area_names, ("", _("Total"))]:
        values = []
        for data in per_period:
            f = next((f for f in region_figures(data, region) if f.area == code and not f.subarea), None)
            values.append(getattr(f, figure) if f is not None and f.reported else None)
        series.append((name, values))
    return series


def subarea_rows(data, area_code) -> tuple[list[str], list[list]]:
    """The sub-area table flat: region, status, the area's total and each sub-area's progress %,
    the national row last; a region that reported nothing has empty figures (never text)."""
    table = presenters.subarea_columns(data, area_code)
    header = [_("Region"), _("Status")] + [
        _("%(name)s: progress %% (%(count)s tasks due)") % {"name": c.name, "count": c.tasks} for c in table]

    def row(label, figures):
        figs = {f.subarea: f for f in figures if f.area == area_code}
        reported = any(f.reported for f in figs.values())
        cells = [label, _("reported") if reported else _("not reported")]
        for c in table:
            f = figs.get(c.key)
            cells.append(f.progress_pct if f is not None and f.reported else None)
        return cells

    by_region = data.by_region()
    rows = [row(region.label, by_region.get(region.organisation_id, [])) for region in data.regions]
    rows.append(row(national_label(), national_figures(data)))
    return header, rows


def export_metadata(request, period, title, *, current=False) -> list[str]:
    """The lines above a period's table export: what, where from, which figures, when generated."""
    lines = download_metadata(request, title)
    generated = lines.pop()  # the time last
    lines += [_("Roadmap: %(name)s") % {"name": period.roadmap},
             _("Period: %(code)s (progress up to %(end)s)") % {"code": period.code, "end": period.progress_end}]
    frozen = None if current else published(period)
    if frozen is not None:
        publication = frozen[0]
        lines.append(_("Published figures no. %(number)s of %(date)s (frozen at closing)") % {
            "number": publication.number, "date": timezone.localtime(publication.published_at).strftime("%Y-%m-%d")})
    elif period.closed and current:
        lines.append(_("Current figures (not published)"))
    lines.append(generated)
    lines.append(_("National row: the counts of the regions that reported, summed, and the percentages of "
                   "those sums."))
    return lines
