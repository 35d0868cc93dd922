"""Figures into table rows and cells: the number, the colour band class and the band as text.

Cells are built as HTML strings here rather than in template loops: a national table of
300 regions x 12 columns renders in milliseconds this way, and every cell carries the
same three things (number, class, text) so colour is never the only signal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .compute import Figure, band
from .loaders import PeriodFigures

FIGURES = ("in_progress_pct", "done_pct", "progress_pct")


def band_labels() -> dict[str, str]:
    return {"lt25": _("under 25 %"), "25-49": _("25–49 %"), "50-75": _("50–75 %"), "gt75": _("over 75 %")}


BAND_SHORT = {"lt25": "<25", "25-49": "25–49", "50-75": "50–75", "gt75": ">75"}


def figure_labels() -> dict[str, str]:
    return {"in_progress_pct": _("Readiness: in progress %"), "done_pct": _("Readiness: done %"),
            "progress_pct": _("Progress: started or done %")}


def lang() -> str:
    code = (get_language() or "fi")[:2]
    return code if code in ("fi", "sv", "en") else "fi"


def cell_renderer():
    """A function (pct, reported) -> "<td>" with the number, its band class and the band as text.

    The translated labels are escaped once per table, not once per cell.
    """
    labels = band_labels()
    prefix = {key: f'<td class="num band-{key}">' for key in labels}
    suffix = {key: (f' % <abbr class="band-tag" title="{escape(label)}">{escape(BAND_SHORT[key])}</abbr></td>')
              for key, label in labels.items()}
    not_reported = f'<td class="num not-reported">{escape(_("not reported"))}</td>'
    empty = f'<td class="num"><span aria-label="{escape(_("no tasks"))}">–</span></td>'

    def render(pct: int | None, reported: bool = True) -> str:
        if not reported:
            return not_reported
        if pct is None:
            return empty
        key = band(pct)
        return f"{prefix[key]}{pct}{suffix[key]}"

    return render


def cell(pct: int | None, reported: bool = True) -> str:
    return mark_safe(cell_renderer()(pct, reported))


@dataclass
class Column:
    key: str  # area code or "" for the whole roadmap
    name: str
    tasks: int  # roadmap tasks in scope of the header (all, or due by the period end)


def national(data: PeriodFigures, region_url, national_figures=()) -> dict:
    """Readiness and progress tables in the seed's layout: regions as rows, areas as columns;
    `national_figures` (compute.national_totals) give the national row under the regions."""
    language = lang()
    by_region = data.by_region()
    first = next(iter(by_region.values()), [])
    scope = {f.area: f for f in first if f.level in ("area", "region")}
    columns = [Column(a.code, a.names[language], 0) for a in data.areas if a.code in scope]
    readiness_cols = [Column(c.key, c.name, scope[c.key].roadmap_tasks) for c in columns]
    progress_cols = [Column(c.key, c.name, scope[c.key].roadmap_due) for c in columns]
    total = scope.get("")
    render = cell_renderer()
    keys = [c.key for c in columns] + [""]
    def rows_of(head, figures):
        figs = {f.area: f for f in figures if not f.subarea}
        r_cells, p_cells = [head], [head]
        for key in keys:
            f = figs.get(key)
            if f is None:
                r_cells += [render(None), render(None)]
                p_cells.append(render(None))
                continue
            r_cells += [render(f.in_progress_pct, f.reported), render(f.done_pct, f.reported)]
            p_cells.append(render(f.progress_pct, f.reported))
        return mark_safe("".join(r_cells)), mark_safe("".join(p_cells))

    readiness_rows, progress_rows = [], []
    for region in data.regions:
        head = format_html('<th scope="row"><a href="{}">{}</a></th>', region_url(region), region.label)
        r_row, p_row = rows_of(head, by_region.get(region.organisation_id, []))
        readiness_rows.append(r_row)
        progress_rows.append(p_row)
    national_rows = (None, None)
    if national_figures:
        national_rows = rows_of(format_html('<th scope="row">{}</th>', _("Whole country (reporting regions)")),
                                national_figures)
    return {
        "readiness_columns": readiness_cols, "progress_columns": progress_cols,
        "total_tasks": total.roadmap_tasks if total else 0, "total_due": total.roadmap_due if total else 0,
        "readiness_rows": readiness_rows, "progress_rows": progress_rows,
        "national_readiness_row": national_rows[0], "national_progress_row": national_rows[1],
    }


def subarea_columns(data: PeriodFigures, area_code: str) -> list[Column]:
    """The sub-area table's columns: the area's total first, then A, B, ... with their tasks due."""
    language = lang()
    area = next(a for a in data.areas if a.code == area_code)
    first = next(iter(data.by_region().values()), [])
    scope = {f.subarea: f for f in first if f.area == area_code}
    columns = [Column("", _("Total"), scope[""].roadmap_due if "" in scope else 0)]
    columns += [Column(code, f"{letter} {names[language]}".strip(), scope[code].roadmap_due)
                for code, letter, names in area.subareas if code in scope]
    return columns


def subarea_table(data: PeriodFigures, area_code: str, region_url, national_figures=()) -> dict:
    """Progress by sub-area of one area (the seed's Yhdyspinnat table): total first, then A, B, ...;
    `national_figures` (compute.national_totals) give the national row under the regions."""
    language = lang()
    area = next(a for a in data.areas if a.code == area_code)
    by_region = data.by_region()
    columns = subarea_columns(data, area_code)
    render = cell_renderer()

    def cells_of(figures):
        figs = {f.subarea: f for f in figures if f.area == area_code}
        return [render(figs[c.key].progress_pct if c.key in figs else None,
                       bool(c.key in figs and figs[c.key].reported)) for c in columns]

    rows = []
    for region in data.regions:
        head = format_html('<th scope="row"><a href="{}">{}</a></th>', region_url(region), region.label)
        rows.append(mark_safe("".join([head, *cells_of(by_region.get(region.organisation_id, []))])))
    national_row = None
    if national_figures:
        head = format_html('<th scope="row">{}</th>', _("Whole country (reporting regions)"))
        national_row = mark_safe("".join([head, *cells_of(national_figures)]))
    return {"area": area, "area_name": area.names[language], "columns": columns, "rows": rows,
            "national_row": national_row}


def region_value(figures: list[Figure], figure: str, area: str = "") -> Figure | None:
    return next((f for f in figures if f.area == area and f.subarea == ""), None)


def text_for(f: Figure | None, figure: str) -> str:
    if f is None or not f.reported:
        return _("not reported")
    pct = getattr(f, figure)
    if pct is None:
        return _("no tasks")
    return f"{pct} % ({band_labels()[band(pct)]})"

