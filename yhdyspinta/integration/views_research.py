"""Research exports of a study (compute.research): one file or the whole package as a ZIP.

Everything comes from the published results, so the n < 5 rule holds in every file; the
per-answer index file (respondent pseudonym × group × party × index) is for those who may
edit the study. Every download is an EXPORT in the access log."""

from __future__ import annotations

import io
import zipfile
from importlib import metadata

import polars as pl
from django.http import Http404, HttpResponse
from django.views.generic import View

from yhdyspinta.accounts.permissions import can
from yhdyspinta.core.audit import log_export

from . import analysis
from .compute import research
from .compute.index import compute_index
from .models import Study
from .views_results import StudyResultsMixin, lang

BOM = "\ufeff"
SOFTWARE = ("yhdyspinta", "numpy", "polars", "igraph", "leidenalg", "highspy")


def versions() -> dict[str, str]:
    out = {}
    for name in SOFTWARE:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


class ResearchExportView(StudyResultsMixin, View):
    """GET ?file=package|matrix|nodes|edges|boundary|vosviewer-map|vosviewer-network|gexf|
    methods|index and ?convention=fi|intl (CSV: `;` and decimal comma, or `,` and point)."""

    def get(self, request, *args, **kwargs):
        convention = request.GET.get("convention", "fi")
        if convention not in research.CONVENTIONS:
            raise Http404
        name = request.GET.get("file", "package")
        files = self.files(convention, with_index=name in ("index", "package"))
        if name == "package":
            body, filename, kind = self.package(files), f"integration-study-{self.study.pk}-research.zip", \
                "application/zip"
        else:
            match = [(f, text) for f, text in files.items() if f.split(".")[0] == name]
            if not match:
                raise Http404
            filename, body = match[0]
            kind = _content_type(filename)
            filename = f"integration-study-{self.study.pk}-{filename}"
        log_export(request, Study, [self.study], detail=f"research {name} {self.study.pk}")
        response = HttpResponse(body, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def files(self, convention: str, *, with_index: bool) -> dict[str, str]:
        res = analysis.results(self.study)
        labels = analysis.labels(self.study, lang())
        boundary = analysis.boundary(self.study)
        frame = analysis.answers_frame(self.study)

        def table(header_rows):
            return BOM + research.csv_text(*header_rows, convention=convention)

        out = {
            "matrix.csv": table(research.matrix_rows(res)),
            "nodes.csv": table(research.node_table(res, labels, respondents_per_group(frame))),
            "edges.csv": table(research.edge_table(res)),
            "vosviewer-map.txt": research.vosviewer_map(res, labels),
            "vosviewer-network.txt": research.vosviewer_network(res),
            "gexf.gexf": research.gexf(res, labels, title=str(self.study)),
            "methods.md": research.methods_appendix(
                respondents=res.get("respondents") or 0, min_n=analysis.MIN_N, baseline=self.study.baseline,
                flag_above=self.study.flag_above, unknown_pairs=boundary.get("unknown_pairs_treatment", "ignore"),
                n_boot=analysis.N_BOOT, side_boot=analysis.SIDE_BOOT, seed=self.study.seed,
                resolution=self.study.resolution, versions=versions()),
        }
        if not boundary.get("error"):
            out["boundary.csv"] = table(research.boundary_table(boundary, labels))
        if with_index and frame.height and can(self.request.user, self.study, "change"):
            idx = compute_index(frame).answers.select("respondent_id", "group", "party", "index")
            out["index.csv"] = table((idx.columns, idx.iter_rows()))
        return out

    def package(self, files: dict[str, str]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for filename, text in files.items():
                archive.writestr(filename, text.encode("utf-8"))
        return buffer.getvalue()


def respondents_per_group(frame: pl.DataFrame) -> dict[str, int | None]:
    """Respondents of each task group; None below the n < 5 rule."""
    if frame.height == 0:
        return {}
    counts = frame.group_by("group").agg(pl.col("respondent_id").n_unique().alias("n"))
    return {g: (n if n >= analysis.MIN_N else None) for g, n in counts.iter_rows()}


def _content_type(filename: str) -> str:
    if filename.endswith(".csv"):
        return "text/csv; charset=utf-8"
    if filename.endswith(".gexf"):
        return "application/xml; charset=utf-8"
    if filename.endswith(".md"):
        return "text/markdown; charset=utf-8"
    return "text/plain; charset=utf-8"
