"""Pages: roadmaps, the national tables, sub-area table, map, region page, trend, overdue list.

Every page reads through `restrict(user, "view")`; figures come from `loaders.figures_for`
(cached per period revision) and are laid out by `presenters`. Writes go through actions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from yhdyspinta.accounts.permissions import can
from yhdyspinta.core.exports import export_response, pdf_response
from yhdyspinta.core.geo import choropleth, layer
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.tabular import InputError
from yhdyspinta.core.uploads import WriterRequiredMixin
from yhdyspinta.core.views.generic import ObjectDetailView, ObjectListView, run_action

from . import actions, presenters, queries
from .charts import line_chart
from .compute import DONE, NOT_APPLICABLE, NOT_STARTED, band, national_totals
from .filtersets import RoadmapFilterSet, StatusReportFilterSet
from .forms import PeriodForm, RegionLabelForm, ReportingRegionForm, UploadForm
from .loaders import differing, figures_for, published
from .models import Period, ReportingRegion, Roadmap, RoadmapTask, Status, StatusReport
from .national import (
    NATIONAL,
    export_metadata,
    national_label,
    subarea_rows,
    trend_rows,
    trend_series,
)
from .tables import RoadmapTable, StatusReportTable


def _format(request) -> str:
    """The requested download format; core's export response refuses one it does not make (404)."""
    return request.GET.get("format") or "csv"


# ---- roadmaps -----------------------------------------------------------------------------
class RoadmapListView(ObjectListView):
    model = Roadmap
    table_class = RoadmapTable
    filterset_class = RoadmapFilterSet
    export_name = "roadmaps"

    related = ("owner",)


class RoadmapDetailView(ObjectDetailView):
    model = Roadmap
    template_name = "readiness/roadmap_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        roadmap = self.object
        ctx["periods"] = roadmap.periods.all()
        ctx["areas"] = roadmap.areas.prefetch_related("subareas")
        ctx["task_count"] = roadmap.tasks.count()
        ctx["regions"] = roadmap.reporting_regions.select_related("organisation")
        ctx["period_form"] = PeriodForm()
        ctx["upload_form"] = UploadForm()
        return ctx


class RoadmapRegionsView(TemplateView):
    """The roadmap's reporting regions: the owner's editors add, relabel, reorder and remove them
    (actions.add/change/remove_reporting_region, as the API and `manage.py reporting_regions`)."""

    template_name = "readiness/regions.html"

    def dispatch(self, request, *args, **kwargs):
        self.roadmap = get_object_or_404(Roadmap.objects.restrict(request.user, "view"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, add_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        regions = list(self.roadmap.reporting_regions.select_related("organisation").order_by("order", "label"))
        ctx.update(roadmap=self.roadmap, regions=[(r, RegionLabelForm(instance=r, user=self.request.user,
                                                                       prefix=f"r{r.pk}")) for r in regions],
                   can_change=can(self.request.user, self.roadmap, "change"),
                   add_form=add_form or ReportingRegionForm(roadmap=self.roadmap, user=self.request.user))
        return ctx

    def post(self, request, *args, **kwargs):
        operation = request.POST.get("operation")
        denied = _("Only the roadmap owner's editors change its reporting regions.")
        if operation == "add":
            add_form = ReportingRegionForm(request.POST, roadmap=self.roadmap, user=request.user)
            if not add_form.is_valid():
                return self.render_to_response(self.get_context_data(add_form=add_form), status=400)
            run_action(request, actions.add_reporting_region, roadmap=self.roadmap, actor=request.user,
                       success=_("Reporting region added."), denied=denied, **add_form.cleaned_data)
            return redirect("readiness:roadmap_regions", self.roadmap.pk)
        region = get_object_or_404(self.roadmap.reporting_regions, pk=request.POST.get("region"))
        if operation == "remove":
            run_action(request, actions.remove_reporting_region, region, actor=request.user,
                       success=_("Reporting region removed."), denied=denied)
            return redirect("readiness:roadmap_regions", self.roadmap.pk)
        form = RegionLabelForm(request.POST, instance=region, user=request.user, prefix=f"r{region.pk}")
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        else:
            run_action(request, actions.change_reporting_region, region, actor=request.user,
                       success=_("Reporting region saved."), denied=denied, **form.cleaned_data)
        return redirect("readiness:roadmap_regions", self.roadmap.pk)


class RoadmapExportView(View):
    def get(self, request, pk):
        roadmap = get_object_or_404(Roadmap.objects.restrict(request.user, "view"), pk=pk)
        header, rows = queries.export_roadmap(roadmap)
        return export_response(request, _format(request), header, rows, name=f"roadmap-{roadmap.pk}",
                               model=Roadmap, objects=[roadmap], detail=f"roadmap {roadmap.pk}")


class RoadmapImportView(LoginRequiredMixin, View):
    """The owner's editors upload tasks (ROADMAP.csv columns, optional critical/title_sv/title_en)."""

    upload_kind = "import"  # an over-size file is refused before it is read (core.uploads)

    def post(self, request, pk):
        roadmap = get_object_or_404(Roadmap.objects.restrict(request.user, "view"), pk=pk)
        form = UploadForm(request.POST, request.FILES)
        if not can(request.user, roadmap, "change"):
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = actions.import_roadmap(roadmap, upload.read(), upload.name, actor=request.user)
            except InputError as exc:
                messages.error(request, _("Nothing was imported. %(error)s") % {"error": error_message(exc)})
            else:
                messages.success(request, _("Roadmap imported: %(created)s new, %(updated)s changed, "
                                            "%(unchanged)s unchanged tasks.") % result)
        else:
            messages.error(request, " ".join(str(e) for e in form.errors.get("file", [])))
        return redirect(roadmap.get_absolute_url())


class PeriodAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        roadmap = get_object_or_404(Roadmap.objects.restrict(request.user, "view"), pk=pk)
        form = PeriodForm(request.POST)
        if form.is_valid():
            run_action(request, actions.create_period, roadmap, form.cleaned_data["code"],
                       form.cleaned_data["end_date"], form.cleaned_data.get("progress_end"), actor=request.user,
                       success=_("Period added."), denied=_("Only the roadmap owner's editors add periods."))
        else:
            messages.error(request, _("Check the period: %(errors)s") % {
                "errors": "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())})
        return redirect(roadmap.get_absolute_url())


# ---- one period ---------------------------------------------------------------------------
class PeriodMixin:
    """Loads the period the user may see and its figures."""

    def dispatch(self, request, *args, **kwargs):
        self.period = get_object_or_404(
            Period.objects.restrict(request.user, "view").select_related("roadmap"), pk=kwargs["pk"])
        self.roadmap = self.period.roadmap
        return super().dispatch(request, *args, **kwargs)

    def region_url(self, region) -> str:
        return reverse("readiness:region", args=[self.period.pk, region.organisation_id])

    def base_context(self) -> dict:
        view_name = self.request.resolver_match.view_name
        links = [(code, reverse(view_name, kwargs={**self.kwargs, "pk": pk}), pk == self.period.pk)
                 for pk, code in self.roadmap.periods.values_list("pk", "code")]
        labels = presenters.band_labels()
        return {"period": self.period, "roadmap": self.roadmap, "period_links": links,
                "legend": [(k, presenters.BAND_SHORT[k], labels[k]) for k in labels],
                "can_close": self.request.user.is_authenticated and can(self.request.user, self.period, "change")}


class NationalView(PeriodMixin, TemplateView):
    """Kansallinen tilannekuva: readiness (two columns per area) and progress (one per area)."""

    template_name = "readiness/national.html"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in ("xlsx", "csv", "pdf"):
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs) | self.base_context()
        frozen = published(self.period)
        showing_current = frozen is not None and self.request.GET.get("version") == "current"
        data = figures_for(self.period, live=showing_current)
        ctx.update(presenters.national(data, self.region_url, national_totals(data.figures)))
        ctx["areas"] = [(a.code, a.names[presenters.lang()]) for a in data.areas if a.subareas]
        if frozen is not None:
            # both versions visible: the published snapshot, and how many rows the current data changes
            ctx.update(publication=frozen[0], showing_current=showing_current,
                       changed_since=differing(frozen[1], figures_for(self.period, live=True)))
        ctx["events"] = list(self.period.events.select_related("by", "publication"))
        return ctx

    def export(self, fmt):
        data = figures_for(self.period)
        name = f"readiness-{self.period.code}"
        detail = f"{fmt} national {self.period}"
        if fmt == "pdf":
            ctx = self.base_context() | presenters.national(data, self.region_url, national_totals(data.figures))
            return pdf_response(self.request, "readiness/national_pdf.html", ctx, name=name, model=Period,
                                title=f"{self.period.roadmap.picture_title()} {self.period.code}", detail=detail)
        header, rows = national_rows(data)
        meta = export_metadata(self.request, self.period, f"{self.period.roadmap.picture_title()} {self.period.code}")
        return export_response(self.request, fmt, header, rows, name=name, model=Period, objects=[self.period],
                               detail=detail, metadata=meta)


def national_rows(data) -> tuple[list[str], list[list]]:
    """The national table flat: one row per region with readiness and progress per area, a status
    column ("not reported" there, the figures then empty cells: numbers never as text) and the
    national row last (counts of the reporting regions summed, compute.national_totals)."""
    language = presenters.lang()
    areas = [(a.code, a.names[language]) for a in data.areas] + [("", _("Total"))]
    header = [_("Region"), _("Status")]
    suffixes = (_("in progress %"), _("done %"), _("progress %"))
    for _code, name in areas:
        header += [f"{name}: {suffix}" for suffix in suffixes]
    by_region = data.by_region()

    def row(label, figures):
        figs = {f.area: f for f in figures if f.level != "subarea" and f.level != "national"}
        reported = any(f.reported for f in figs.values())
        cells = [label, _("reported") if reported else _("not reported")]
        for code, _name in areas:
            f = figs.get(code)
            cells += [None] * 3 if f is None or not f.reported else [f.in_progress_pct, f.done_pct, f.progress_pct]
        return cells

    rows = [row(region.label, by_region.get(region.organisation_id, [])) for region in data.regions]
    national = [f for f in national_totals(data.figures) if not f.subarea]
    rows.append(row(national_label(), national))
    return header, rows


class SubAreaView(PeriodMixin, TemplateView):
    """Progress by sub-area of one area, the national row last; `?export=csv|xlsx` the same table."""

    template_name = "readiness/subareas.html"

    def get(self, request, *args, **kwargs):
        data = figures_for(self.period)
        area = next((a for a in data.areas if a.code == kwargs["area"]), None)
        if area is None:
            raise Http404
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            header, rows = subarea_rows(data, area.code)
            title = _("%(area)s: progress by sub-area") % {"area": area.names[presenters.lang()]}
            return export_response(request, fmt, header, rows, name=f"readiness-{self.period.code}-{area.code}",
                                   model=Period, objects=[self.period], detail=f"{fmt} subareas {self.period}",
                                   metadata=export_metadata(request, self.period, f"{title} {self.period.code}"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs) | self.base_context()
        data = figures_for(self.period)
        ctx.update(presenters.subarea_table(data, kwargs["area"], self.region_url, national_totals(data.figures)))
        return ctx


class MapView(PeriodMixin, TemplateView):
    """A figure on the map of counties, with the same numbers in the table beside it."""

    template_name = "readiness/map.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs) | self.base_context()
        data = figures_for(self.period)
        labels = presenters.figure_labels()
        figure = self.request.GET.get("figure")
        figure = figure if figure in labels else "progress_pct"
        area_names = {a.code: a.names[presenters.lang()] for a in data.areas}
        area = self.request.GET.get("area", "")
        area = area if area in area_names else ""
        keys = {f.key for f in layer("hva")[0]}
        by_region = data.by_region()
        regions, table = {}, []
        for region in data.regions:
            f = presenters.region_value(by_region.get(region.organisation_id, []), figure, area)
            text = presenters.text_for(f, figure)
            pct = getattr(f, figure) if f is not None and f.reported else None
            on_map = region.map_key in keys and region.map_key != ""
            if on_map:
                regions[region.map_key] = {"label": region.label, "text": text, "url": self.region_url(region),
                                           "css": f"band-{band(pct)}" if pct is not None else "map-none"}
            table.append({"region": region, "url": self.region_url(region), "cell": presenters.cell(
                pct, bool(f and f.reported)), "on_map": on_map})
        national = presenters.region_value(national_totals(data.figures), figure, area)
        national_cell = presenters.cell(getattr(national, figure) if national and national.reported else None,
                                        bool(national and national.reported))
        scope = area_names.get(area, _("whole roadmap"))
        title = f"{labels[figure]} – {scope} – {self.period.code}"
        ctx.update(figure=figure, figure_label=labels[figure], figure_choices=labels.items(), area=area,
                   area_choices=area_names.items(), table=table, title=title, national_cell=national_cell,
                   map_svg=choropleth("hva", title=title, regions=regions, description=_(
                       "Map of the wellbeing services counties coloured by the figure's band; each county "
                       "is a link to its report. The table beside the map has the same numbers.")))
        return ctx


class OverdueView(PeriodMixin, TemplateView):
    """Critical tasks due by the period's end date that a reporting region has not finished."""

    template_name = "readiness/overdue.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs) | self.base_context()
        tasks = {t.pk: t for t in RoadmapTask.objects.filter(
            roadmap=self.roadmap, critical=True, due_date__lte=self.period.end_date).select_related("area")}
        regions = list(ReportingRegion.objects.filter(roadmap=self.roadmap).select_related("organisation"))
        reports = StatusReport.objects.restrict(self.request.user, "view").filter(period=self.period)
        reported = set(reports.values_list("region_id", flat=True).distinct())
        status = {(r, t): (s, c) for r, t, s, c in reports.filter(task_id__in=tasks).values_list(
            "region_id", "task_id", "status", "comment")}
        labels = dict(Status.choices)
        rows = []
        for region in regions:
            if region.organisation_id not in reported:
                continue
            for task in tasks.values():
                s, comment = status.get((region.organisation_id, task.pk), (NOT_STARTED, ""))
                if s not in (DONE, NOT_APPLICABLE):
                    rows.append({"region": region, "task": task, "status": labels[s], "comment": comment,
                                 "url": reverse("readiness:region", args=[self.period.pk, region.organisation_id])})
        rows.sort(key=lambda r: (r["task"].due_date, r["region"].order, r["task"].code))
        ctx.update(rows=rows, not_reported=[r for r in regions if r.organisation_id not in reported])
        return ctx


class RegionView(PeriodMixin, TemplateView):
    """A region's report: its figures, every task with status and comment; editable when open."""

    template_name = "readiness/region.html"

    def get_region(self):
        region = ReportingRegion.objects.filter(roadmap_id=self.period.roadmap_id,
                                                organisation_id=self.kwargs["org"]).select_related(
            "organisation").first()
        if region is None:
            raise Http404
        return region

    def editable(self, region) -> bool:
        user = self.request.user
        return user.is_authenticated and not self.period.closed and queries.may_report_for(
            user, region.organisation_id)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs) | self.base_context()
        region = self.get_region()
        language = presenters.lang()
        reports = {r.task_id: r for r in StatusReport.objects.restrict(self.request.user, "view").filter(
            period=self.period, region=region.organisation)}
        tasks = RoadmapTask.objects.filter(roadmap=self.roadmap).select_related("area", "subarea")
        labels = dict(Status.choices)
        rows = []
        for task in tasks:
            report = reports.get(task.pk)
            status = report.status if report else NOT_STARTED
            rows.append({"task": task, "status": status, "status_label": labels[status],
                         "comment": report.comment if report else "", "report": report})
        # the form in sections: one area's tasks at a time (?area=<code>), each saved on its own
        areas = {}
        for row in rows:
            areas.setdefault(row["task"].area_id, [row["task"].area, 0])[1] += 1
        chosen = self.request.GET.get("area", "")
        if chosen and any(a.code == chosen for a, _n in areas.values()):
            rows = [r for r in rows if r["task"].area.code == chosen]
        else:
            chosen = ""
        ctx.update(area_sections=list(areas.values()), chosen_area=chosen)
        data = figures_for(self.period)
        figs = data.by_region().get(region.organisation_id, [])
        area_names = {a.code: a.names[language] for a in data.areas}
        sub_names = {c: f"{letter} {n[language]}" for a in data.areas for c, letter, n in a.subareas}
        figure_rows = [{"name": sub_names.get(f.subarea) if f.subarea else area_names.get(f.area, _("Total")),
                        "level": f.level, "f": f,
                        "cells": [presenters.cell(getattr(f, k), f.reported) for k in presenters.FIGURES]}
                       for f in figs]
        # What this page showed, one short fingerprint a row in one field (a field a row would pass
        # Django's 1 000-field limit on a national roadmap): a save compares rows against it.
        loaded_token = ";".join(f"{r['task'].pk}:{actions.row_fingerprint(r['status'], r['comment'])}" for r in rows)
        ctx.update(region=region, rows=rows, reported=bool(reports), figure_rows=figure_rows, loaded_token=loaded_token,
                   editable=self.editable(region), status_choices=Status.choices,
                   figure_labels=presenters.figure_labels(), upload_form=UploadForm())
        return ctx

    def post(self, request, *args, **kwargs):
        region = self.get_region()
        if not self.editable(region):
            if self.period.closed:
                messages.error(request, _("Period %(period)s is closed; its status reports can no longer be "
                                          "changed.") % {"period": self.period.code})
                return redirect(request.path)
            raise PermissionDenied
        current = {r.task_id: (r.status, r.comment) for r in StatusReport.objects.filter(
            period=self.period, region=region.organisation)}
        wanted, loaded = {}, {}
        shown = actions.parse_fingerprints(request.POST.get("loaded"))
        valid = set(Status.values)
        for pk in RoadmapTask.objects.filter(roadmap=self.roadmap).values_list("pk", flat=True):
            status = request.POST.get(f"status-{pk}")
            if status is None:
                continue
            if status not in valid:
                messages.error(request, _("Unknown status."))
                return redirect(request.path)
            comment = request.POST.get(f"comment-{pk}", "").strip()[:2000]
            if pk in shown:
                # No lost update: a row counts as changed against what this page loaded, not against
                # what is stored now (which someone else may have changed meanwhile).
                if actions.row_fingerprint(status, comment) != shown[pk]:
                    wanted[pk], loaded[pk] = (status, comment), shown[pk]
            elif current.get(pk, (NOT_STARTED, "")) != (status, comment) or pk not in current:
                wanted[pk] = (status, comment)
        try:
            result = actions.save_region_statuses(self.period, region.organisation_id, wanted, actor=request.user,
                                                  loaded=loaded)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved: %(created)s new and %(updated)s changed statuses.") % result)
        return redirect(request.get_full_path())  # back to the same area


class StatusImportView(WriterRequiredMixin, LoginRequiredMixin, PeriodMixin, View):
    upload_kind = "import"

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        back = request.POST.get("next") or reverse("readiness:national", args=[self.period.pk])
        if not back.startswith("/"):
            back = reverse("readiness:national", args=[self.period.pk])
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for e in form.errors.get("file", [])))
            return redirect(back)
        upload = form.cleaned_data["file"]
        try:
            result = actions.import_period_statuses(self.period, upload.read(), upload.name, actor=request.user)
        except InputError as exc:
            messages.error(request, _("Nothing was imported. %(error)s") % {"error": error_message(exc)})
        except ValidationError as exc:
            messages.error(request, _("Nothing was imported. %(error)s") % {"error": " ".join(exc.messages)})
        else:
            messages.success(request, _("Statuses imported: %(created)s new, %(updated)s changed, "
                                        "%(unchanged)s unchanged.") % result)
        return redirect(back)


class TemplateDownloadView(PeriodMixin, View):
    def get(self, request, *args, **kwargs):
        header, rows = queries.template_rows(self.period, request.user, get_language())
        return export_response(request, _format(request), header, rows, name=f"statuses-{self.period.code}",
                               model=Period, objects=[self.period], detail=f"status template {self.period.pk}")


class ClosePeriodView(LoginRequiredMixin, PeriodMixin, View):
    reopen = False

    def post(self, request, *args, **kwargs):
        action, done = ((actions.reopen_period, _("Period reopened.")) if self.reopen else
                        (actions.close_period, _("Period closed: its status reports are locked.")))
        run_action(request, action, self.period, actor=request.user, success=done,
                   denied=_("Only the roadmap owner's editors close and reopen periods."))
        return redirect(self.roadmap.get_absolute_url())


# ---- trend --------------------------------------------------------------------------------
class TrendView(TemplateView):
    """Each figure of a region, or of the whole country (the default: the national row of every
    period), over the roadmap's periods: SVG lines and the same data as a table; `?export=csv|xlsx`
    gives every figure of the chosen region over the periods in long form."""

    template_name = "readiness/trend.html"

    def setup_trend(self):
        roadmap = get_object_or_404(Roadmap.objects.restrict(self.request.user, "view"), pk=self.kwargs["pk"])
        regions = list(ReportingRegion.objects.filter(roadmap=roadmap).select_related("organisation"))
        if not regions:
            raise Http404
        wanted = self.request.GET.get("region", NATIONAL)
        region = next((r for r in regions if str(r.organisation_id) == wanted), None)
        return roadmap, regions, region  # region None: the whole country

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt not in ("csv", "xlsx"):
            return super().get(request, *args, **kwargs)
        roadmap, _regions, region = self.setup_trend()
        periods = list(roadmap.periods.order_by("end_date"))
        rows = trend_rows(periods, [region.organisation_id if region else NATIONAL])
        header = list(rows[0].keys()) if rows else []
        label = region.label if region else national_label()
        meta = [f"{_('Trend over periods')}: {label}",
                _("Source: Yhdyspinta, %(address)s") % {"address": request.build_absolute_uri()},
                _("Roadmap: %(name)s") % {"name": roadmap},
                _("Closed periods: their published figures."),
                _("Generated at: %(time)s") % {"time": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")}]
        return export_response(request, fmt, header, [list(r.values()) for r in rows],
                               name=f"readiness-trend-{roadmap.pk}", model=Roadmap, objects=[roadmap],
                               detail=f"{fmt} trend {roadmap.pk}", metadata=meta)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        roadmap, regions, region = self.setup_trend()
        periods = list(roadmap.periods.order_by("end_date"))
        labels = presenters.figure_labels()
        figure = self.request.GET.get("figure")
        figure = figure if figure in labels else "progress_pct"
        language = presenters.lang()
        areas = [(a.code, a.names[language]) for a in figures_for(periods[-1]).areas] if periods else []
        series = trend_series(periods, region.organisation_id if region else NATIONAL, figure, areas)
        codes = [p.code for p in periods]
        label = region.label if region else national_label()
        title = f"{labels[figure]} – {label}"
        ctx.update(roadmap=roadmap, region=region, region_label=label, national=NATIONAL, regions=regions,
                   figure=figure, figure_choices=labels.items(), codes=codes, series=series, title=title,
                   chart=line_chart(codes, series, title=title, description=_(
                       "Line per area and the total over the periods; the table below has the same numbers.")))
        return ctx


# ---- status reports as records --------------------------------------------------------------
class StatusReportListView(ObjectListView):
    model = StatusReport
    table_class = StatusReportTable
    filterset_class = StatusReportFilterSet
    export_name = "status-reports"

    def get_queryset(self):
        # period, region, task by id: the order of the unique index, so a page of 50 is read from
        # the index instead of sorting millions of reports by the names of their periods and regions
        return (super().get_queryset().select_related("period__roadmap", "region", "task")
                .order_by("period_id", "region_id", "task_id"))


class StatusReportDetailView(ObjectDetailView):
    model = StatusReport
    template_name = "readiness/report_detail.html"

    related = ("period__roadmap", "region", "task")
