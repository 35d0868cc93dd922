"""Welfare report and plan pages: list, web page, accessible PDF (WeasyPrint, PDF/UA), edits."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.exports import pdf_response
from yhdyspinta.core.models import AccessLog
from yhdyspinta.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

from . import forms, queries
from .compute.charts import line_chart
from .compute.picture import latest
from .filtersets import WelfareReportFilterSet
from .models import ReportSection, WelfareReport
from .models_reports import Theme
from .tables import WelfareReportTable
from .templatetags.indicator_tags import fi_value
from .views import STATE_LABELS

REPORT_YEARS = 8


def report_context(report):
    """Sections with their indicators (the report's organisation beside the whole country) and the plan."""
    sections = list(report.sections.prefetch_related("indicators"))
    indicators = {i.pk: i for s in sections for i in s.indicators.all()}
    cid = queries.country_id()
    first = report.year - REPORT_YEARS + 1
    data = queries.series(indicators, [report.organisation_id] + ([cid] if cid else []), first_year=first)
    out = []
    for section in sections:
        items = []
        for ind in section.indicators.all():
            own = {y: v for y, v in data.get((ind.pk, report.organisation_id), {}).items() if y <= report.year}
            whole = {y: v for y, v in data.get((ind.pk, cid), {}).items() if y <= report.year}
            year, value = latest(own)
            items.append({
                "indicator": ind, "year": year, "value": fi_value(value, ind.decimals),
                "country": fi_value(whole.get(year) if year else None, ind.decimals),
                "trend": [(y, fi_value(own.get(y), ind.decimals), fi_value(whole.get(y), ind.decimals))
                          for y in sorted(set(own) | set(whole))],
                "chart": line_chart([(report.organisation.name, sorted(own.items())),
                                     (str(_("Whole country")), sorted(whole.items()))],
                                    title=f"{ind.title}: {report.organisation.name}"),
            })
        out.append({"section": section, "items": items})
    plan = []
    for goal in report.goals.select_related("organisation"):
        rows = queries.goal_progress(goal)
        plan.append({
            "goal": goal, "status": STATE_LABELS[queries.goal_status(rows)],
            "indicators": [(r["gi"], STATE_LABELS[r["progress"].state]) for r in rows],
            "measures": list(goal.measures.select_related("owner", "owner_organisation")),
        })
    has_children = any(s.theme == Theme.CHILDREN for s in sections)
    return {"sections": out, "plan": plan, "has_children_section": has_children}


class WelfareReportListView(ObjectListView):
    model = WelfareReport
    table_class = WelfareReportTable
    filterset_class = WelfareReportFilterSet
    add_url_name = "indicators:report_add"
    export_name = "welfare_reports"

    related = ("organisation",)


class WelfareReportDetailView(ObjectDetailView):
    model = WelfareReport
    template_name = "indicators/report_detail.html"
    edit_url_name = "indicators:report_edit"
    delete_url_name = "indicators:report_delete"

    def get_context_data(self, **kwargs):
        from .actions import may_approve_report

        ctx = super().get_context_data(**kwargs)
        ctx.update(report_context(self.object))
        user = self.request.user
        ctx["may_approve"] = user.is_authenticated and ctx.get("can_change") and may_approve_report(user, self.object)
        return ctx


class WelfareReportPdfView(WelfareReportDetailView):
    """The same report as a tagged PDF (PDF/UA-1) with the document language and title set."""

    access_action = AccessLog.Action.EXPORT  # a file leaves the service: logged as an export

    def render_to_response(self, context, **kwargs):
        name = slugify(f"{self.object.title}-{self.object.year}") or "report"
        # logged as an export by ObjectDetailView (access_action), so not again here
        return pdf_response(self.request, "indicators/report_pdf.html", context, name=name,
                            title=self.object.title, inline=True, log=False)


class WelfareReportEditView(ObjectEditView):
    model = WelfareReport
    form_class = forms.WelfareReportForm


class WelfareReportDeleteView(ObjectDeleteView):
    model = WelfareReport
    success_url_name = "indicators:report_list"


class ReportSectionEditView(ObjectEditView):
    model = ReportSection
    form_class = forms.ReportSectionForm


class ReportSectionDeleteView(ObjectDeleteView):
    model = ReportSection
    success_url_name = "indicators:report_list"


