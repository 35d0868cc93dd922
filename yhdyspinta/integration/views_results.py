"""Analysis and boundary pages with their exports (CSV, XLSX, SVG, PNG, PDF).

All figures come from analysis.results(), whose cells have passed analysis.publish_cells,
so pages, exports and the API show the same published (n ≥ 5) figures.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from yhdyspinta.accounts.permissions import can
from yhdyspinta.core.audit import log_export, log_internal_reads
from yhdyspinta.core.exports import TABLE_FORMATS, export_metadata, export_response, pdf_response

from . import analysis
from .compute import heat
from .compute.svg import render_svg
from .forms import BoundaryForm, CompareForm
from .models import Study, StudyParty
from .views import response_counts

SUPPRESSED = "n < 5"


def lang() -> str:
    code = (get_language() or "fi")[:2]
    return code if code in ("fi", "sv", "en") else "fi"


def cell_rows(study, res, labels):
    """Flat rows of the matrix for the long table and the CSV/XLSX export (already published)."""
    order = {c: k for k, c in enumerate(analysis.ordered_nodes(study))}
    cells = sorted(res["cells"], key=lambda c: (order.get(c["group"], 999), order.get(c["party"], 999)))
    header = [_("Task group"), _("Task group name"), _("Party"), _("Party name"), _("Respondents (n)"),
              _("Mean index"), _("95 % interval low"), _("95 % interval high"), _("Flagged")]
    rows = []
    for c in cells:
        base = [c["group"], labels.get(c["group"], ""), c["party"], labels.get(c["party"], "")]
        if c["suppressed"]:
            rows.append(base + [SUPPRESSED, None, None, None, None])
        else:
            rows.append(base + [c["n"], c["mean_index"], c["ci_low"], c["ci_high"],
                                _("yes") if c["flagged"] else _("no")])
    return header, rows


def map_svg(study, res, labels) -> str:
    if not res["positions"]:
        return ""
    positions = {k: tuple(v) for k, v in res["positions"].items()}
    needs = {(s["a"], s["b"]): s["need"] for s in res["symmetric"]}
    return render_svg(
        positions, res["clusters"], needs, labels=labels, edge_min=max(study.flag_above - 20, 0),
        title=_("Network of integration needs: %(title)s") % {"title": study.title},
        desc=_("%(n)s nodes in %(k)s clusters. A smaller distance means a greater need for cooperation; "
               "the nodes with the most needs are in the centre. The same figures are in the table "
               "beside the map.") % {"n": len(positions), "k": len(set(res["clusters"].values()))},
        cluster_names=cluster_names(study, res),
        lang_strings={"cluster": _("Cluster"), "total": _("total need"), "links": _("links"),
                      "strongest": _("strongest need"), "legend": _("Clusters"),
                      "decimal": get_format("DECIMAL_SEPARATOR")},
    )


class StudyResultsMixin:
    """The study the user may see (404 otherwise); reads of an internal study are logged."""

    def dispatch(self, request, *args, **kwargs):
        self.study = get_object_or_404(Study.objects.restrict(request.user, "view").select_related("owner"),
                                       pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def base_context(self):
        labels = analysis.labels(self.study, lang())
        return {"study": self.study, "labels": labels, "counts": response_counts(self.study)}


class AnalysisView(StudyResultsMixin, TemplateView):
    template_name = "integration/analysis.html"
    exports = ("csv", "xlsx", "svg", "png", "pdf")

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt:
            if fmt not in self.exports:
                raise Http404
            return self.export(fmt)
        log_internal_reads(request, Study, [self.study], detail=request.path)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | self.analysis_context()

    def analysis_context(self):
        ctx = self.base_context()
        res = analysis.results(self.study)
        labels = ctx["labels"]
        ctx["res"] = res | {"error": analysis.error_message(res)}  # in the user's language
        ctx["svg"] = mark_safe(map_svg(self.study, res, labels))  # compute.svg escapes all text
        ctx["header"], ctx["rows"] = cell_rows(self.study, res, labels)
        ctx.update(grid(self.study, res, labels))
        ctx["clusters"] = cluster_rows(self.study, res, labels)
        ctx["comparison"] = [dict(c, label=labels.get(c["group"], "")) for c in res["comparison"]]
        ctx["can_png"] = png_available()
        ctx["can_edit_study"] = can(self.request.user, self.study, "change")
        form = CompareForm(self.request.GET if "attribute" in self.request.GET else None)
        ctx["compare_form"], ctx["compare_levels"] = form, analysis.attribute_levels(self.study)
        if form.is_bound and form.is_valid():
            d = form.cleaned_data
            ctx["compare_rows"] = [dict(r, label=labels.get(r["group"] or "", ""),
                                        party_label=labels.get(r["party"] or "", ""))
                                   for r in analysis.comparison(self.study, d["attribute"], d["level"], d["by"])]
        return ctx

    def export(self, fmt):
        name = f"integration-study-{self.study.pk}"
        log = {"model": Study, "objects": [self.study], "detail": f"{fmt} analysis {self.study.pk}"}
        res = analysis.results(self.study)
        labels = analysis.labels(self.study, lang())
        if fmt in TABLE_FORMATS:
            header, rows = cell_rows(self.study, res, labels)
            return export_response(self.request, fmt, header, rows, name=f"{name}-matrix", sheet="Matrix",
                                   metadata=export_metadata(self.request, f"{_('Analysis')}: {self.study}"),
                                   metadata_sheet=True, **log)
        if fmt == "pdf":
            ctx = self.analysis_context() | {"pdf": True, "heat_css": heat.css()}
            result = analysis.boundary(self.study)
            if result and not result.get("error"):
                ctx["boundary"] = result
                ctx["boundary_nodes"] = boundary_rows(list(self.study.parties.all()), result, labels)
            return pdf_response(self.request, "integration/analysis_pdf.html", ctx, name=name,
                                title=f"{_('Analysis')}: {self.study}", **log)
        svg = map_svg(self.study, res, labels)
        if not svg or fmt not in ("svg", "png") or (fmt == "png" and not png_available()):
            raise Http404
        log_export(self.request, Study, [self.study], detail=log["detail"])  # the map: an image, not a table
        if fmt == "svg":
            return _attach(HttpResponse(svg, content_type="image/svg+xml"), f"{name}-map.svg")
        import cairosvg

        return _attach(HttpResponse(cairosvg.svg2png(bytestring=svg.encode(), output_width=1800),
                                    content_type="image/png"), f"{name}-map.png")


def _attach(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def png_available() -> bool:
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def grid(study, res, labels):
    """The matrix as a heat map (task groups × parties, ordered by cluster) and the symmetric
    need table. A cell is a dict with its heat step, or "diagonal" (a group does not rate
    itself) or None (no answers)."""
    clusters = res["clusters"]
    natural = analysis.ordered_nodes(study)
    nodes = sorted(natural, key=lambda v: (clusters.get(v, 10 ** 6), natural.index(v)))
    cells = {(c["group"], c["party"]): c for c in res["cells"]}
    groups = [g for g in nodes if any((g, p) in cells for p in nodes)]
    parties = [p for p in nodes if any((g, p) in cells for g in nodes)]
    means = [c["mean_index"] for c in res["cells"] if not c["suppressed"]]
    low, high = (min(means), max(means)) if means else (0.0, 0.0)

    def shown(g, p):
        if g == p:
            return "diagonal"
        c = cells.get((g, p))
        if c is None or c["suppressed"]:
            return c
        return c | {"heat": heat.step(c["mean_index"], low, high)}

    grid_rows = [(g, labels.get(g, ""), clusters.get(g), [shown(g, p) for p in parties]) for g in groups]
    sym = {}
    for s in res["symmetric"]:
        sym[(s["a"], s["b"])] = sym[(s["b"], s["a"])] = s["need"]
    sym_nodes = [v for v in nodes if v in clusters]
    sym_rows = [(a, labels.get(a, ""), clusters.get(a),
                 ["diagonal" if a == b else sym.get((a, b)) for b in sym_nodes]) for a in sym_nodes]
    return {"grid_parties": parties, "grid_rows": grid_rows, "sym_nodes": sym_nodes, "sym_rows": sym_rows,
            "heat_legend": heat.legend(low, high) if means else []}


def cluster_names(study, res) -> dict[int, str]:
    """Owner-given names of the clusters, found through a party code that belongs to each."""
    members: dict[int, list[str]] = {}
    for node, k in res["clusters"].items():
        members.setdefault(k, []).append(node)
    names = {k: study.cluster_name_for(nodes, lang()) for k, nodes in members.items()}
    return {k: v for k, v in names.items() if v}


def cluster_rows(study, res, labels):
    out = {}
    for node, k in res["clusters"].items():
        out.setdefault(k, []).append((node, labels.get(node, "")))
    names = cluster_names(study, res)
    return [(k, names.get(k, ""), members) for k, members in sorted(out.items())]


class BoundaryView(StudyResultsMixin, TemplateView):
    template_name = "integration/boundary.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs) | self.base_context()
        log_internal_reads(self.request, Study, [self.study], detail=self.request.path)
        parties = list(self.study.parties.all())
        form = BoundaryForm(self.request.GET or None, codes=[p.code for p in parties],
                            initial={"baseline": self.study.baseline})
        options = {}
        if form.is_bound and form.is_valid():
            options = {"baseline": form.cleaned_data["baseline"], "keep_together": form.cleaned_data["keep_together"],
                       "max_size": form.max_size(), "unknown_pairs": form.cleaned_data["unknown_pairs"]}
        result = analysis.boundary(self.study, **options) if not form.is_bound or form.is_valid() else None
        if result:
            result = result | {"error": analysis.error_message(result)}  # in the user's language
        ctx.update(form=form, result=result, nodes=boundary_rows(parties, result, ctx["labels"]))
        return ctx


def boundary_rows(parties, result, labels):
    if not result or result.get("error"):
        return []
    names = dict(StudyParty.Organiser.choices)
    rows = []
    for p in parties:
        if p.code not in result["assignment"]:
            continue
        cur, opt = result["current_assignment"][p.code], result["assignment"][p.code]
        share = (result.get("side_share") or {}).get(p.code) or {}
        rows.append({"code": p.code, "label": labels.get(p.code, ""), "fixed": p.fixed_by_law,
                     "current": names.get(cur, cur), "optimal": names.get(opt, opt), "moved": cur != opt,
                     "move_cost": result["move_cost"].get(p.code),
                     "share_county": share.get("county"), "share_municipality": share.get("municipality")})
    return rows
