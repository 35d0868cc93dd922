"""Pages of the funding calculator: parameter sets, inputs, county and municipal results, scenarios."""

import json

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from yhdyspinta.accounts.permissions import can
from yhdyspinta.core.audit import log_internal_reads
from yhdyspinta.core.exports import export_metadata, export_response
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.models import AccessLog
from yhdyspinta.core.uploads import WriterRequiredMixin
from yhdyspinta.core.views.generic import (
    ActionFormMixin,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectListView,
)

from . import actions, presentation
from .compute import FundingInputError, compare_counties, compare_municipalities
from .filtersets import InputSetFilterSet, ParameterSetFilterSet
from .forms import (
    CopyForm,
    ImportInputsForm,
    ImportParameterSetForm,
    MoveShareForm,
    SharesForm,
)
from .models import InputKind, InputSet, ParameterSet
from .tables import InputSetTable, ParameterSetTable


class ParameterSetListView(ObjectListView):
    model = ParameterSet
    table_class = ParameterSetTable
    filterset_class = ParameterSetFilterSet
    add_url_name = "funding:parameterset_import"
    export_name = "parameter-sets"
    template_name = "funding/parameterset_list.html"

    related = ("owner", "based_on")


class ParameterSetDetailView(ObjectDetailView):
    model = ParameterSet
    template_name = "funding/parameterset_detail.html"
    delete_url_name = "funding:parameterset_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            ctx["params"] = self.object.parameters()
        except FundingInputError as exc:
            ctx["params_error"] = error_message(exc)
        if "params" in ctx:
            ctx["municipal"] = municipal_rows(ctx["params"])
        ctx["versions"] = self.object.versions.select_related("saved_by")[:20]
        base = self.object.based_on
        ctx["base"] = base if base and can(self.request.user, base, "view") else None
        return ctx


MUNICIPAL_LABELS = {
    "balance_cap_eur_per_resident": gettext_lazy("Cap of the change in financial balance (€/resident, ±)"),
    "asset_compensation_threshold_pct": gettext_lazy("Asset-compensation threshold (% of the tax base)"),
    "population_growth_criterion_eur": gettext_lazy("Population-growth criterion (€)"),
    "income_tax_cut_pp": gettext_lazy("Cut of the municipal income-tax rate (percentage points)"),
}


def municipal_rows(params):
    return [(key, label, getattr(params.municipal, key), params.sources.get(f"municipal.{key}", ""))
            for key, label in MUNICIPAL_LABELS.items()]


class ParameterSetJSONView(ObjectDetailView):
    """The set's JSON as a download: the same file the import and the CLI read."""

    model = ParameterSet
    access_action = AccessLog.Action.EXPORT

    def render_to_response(self, context, **kwargs):
        body = json.dumps(self.object.data, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.object.name}.json"'
        return response


class ParameterSetDeleteView(ObjectDeleteView):
    model = ParameterSet
    success_url_name = "funding:parameterset_list"


class _UserFormView(LoginRequiredMixin, ActionFormMixin, FormView):
    template_name = "funding/form.html"
    heading = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def run(self, form):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["heading"] = self.heading
        ctx["multipart"] = True
        return ctx


class ParameterSetImportView(WriterRequiredMixin, _UserFormView):
    form_class = ImportParameterSetForm
    heading = gettext_lazy("Import a parameter set (JSON)")

    def run(self, form):
        data = form.cleaned_data
        return actions.import_parameter_set(
            actor=self.request.user, text=data["content"], owner=data["owner"], visibility=data["visibility"],
            official=data["official"], title_sv=data["title_sv"], title_en=data["title_en"],
        )


class _OnSetView(_UserFormView):
    """A form on one parameter set; `need` is the right required ("view" to copy, "change" to edit)."""

    need = "change"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_object_or_404(ParameterSet.objects.restrict(request.user, "view"), pk=kwargs["pk"])
            if self.need == "change" and not can(request.user, self.object, "change"):
                raise PermissionDenied
            try:
                self.params = self.object.parameters()
            except FundingInputError as exc:
                raise Http404(error_message(exc)) from None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.object
        return ctx


class ParameterSetCopyView(_OnSetView):
    form_class = CopyForm
    need = "view"
    heading = gettext_lazy("Create a scenario from this set")

    def get_initial(self):
        return {"name": f"{self.object.name}-scenario"[:100],
                "title": _("Scenario: %(title)s") % {"title": self.object.title}}

    def run(self, form):
        data = form.cleaned_data
        return actions.copy_parameter_set(self.object, actor=self.request.user, name=data["name"], title=data["title"],
                                          owner=data["owner"], visibility=data["visibility"],
                                          title_sv=data["title_sv"], title_en=data["title_en"])


class SharesEditView(_OnSetView):
    form_class = SharesForm
    heading = gettext_lazy("Edit shares")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user")
        kwargs["params"] = self.params
        return kwargs

    def run(self, form):
        shares, groups, total = form.values()
        return actions.update_shares(self.object, actor=self.request.user, shares=shares, group_totals=groups,
                                     total_funding=total)


class MoveShareView(SharesEditView):
    form_class = MoveShareForm
    heading = gettext_lazy("Move share between criteria")

    def run(self, form):
        return actions.move_points(self.object, actor=self.request.user, to_key=form.cleaned_data["to_key"],
                                   from_points=form.from_points())


class InputSetListView(ObjectListView):
    model = InputSet
    table_class = InputSetTable
    filterset_class = InputSetFilterSet
    add_url_name = "funding:inputset_import"
    export_name = "funding-inputs"

    related = ("owner",)


class InputSetDetailView(ObjectDetailView):
    model = InputSet
    template_name = "funding/inputset_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = self.object.rows
        keys = list(rows[0].keys()) if rows else []
        # the file's column names (what an import reads) under their label in the page's language
        ctx["columns"] = [(key, INPUT_COLUMN_LABELS.get(key, key)) for key in keys]
        ctx["rows"] = [[_cell(row.get(key)) for key in keys] for row in rows]
        return ctx


INPUT_COLUMN_LABELS = {
    "code": gettext_lazy("Code"), "name": gettext_lazy("Name"), "population": gettext_lazy("Population"),
    "service_need_coefficient": gettext_lazy("Service-need coefficient"),
    "foreign_language_speakers": gettext_lazy("Foreign-language speakers"),
    "density_coefficient": gettext_lazy("Population density coefficient"),
    "area_km2": gettext_lazy("Land area (km²)"), "island_population": gettext_lazy("Island population"),
    "bilingual": gettext_lazy("Bilingual"), "sami_population": gettext_lazy("Sámi home-region population"),
    "university_hospital": gettext_lazy("University hospital"),
    "hyte_coefficient": gettext_lazy("Health and wellbeing promotion coefficient"),
    "rescue_risk_coefficient": gettext_lazy("Rescue services risk coefficient"),
    "earlier_costs_eur": gettext_lazy("Earlier costs (€)"), "swedish_speakers": gettext_lazy("Swedish speakers"),
    "county_code": gettext_lazy("County code"),
    "sote_net_costs_eur": gettext_lazy("Net costs of social and health care (€)"),
    "rescue_net_costs_eur": gettext_lazy("Net costs of rescue services (€)"),
    "state_subsidies_moved_eur": gettext_lazy("State subsidies moved (€)"),
    "income_tax_base_eur": gettext_lazy("Municipal income tax base (€)"),
    "corporate_tax_moved_eur": gettext_lazy("Corporate tax moved (€)"),
    "income_tax_cut_pp": gettext_lazy("Income tax rate cut (percentage points)"),
    "previous_population": gettext_lazy("Previous population"),
    "asset_arrangement_loss_eur": gettext_lazy("Asset arrangement loss (€)"),
}


def _cell(value):
    """A stored input value for the page: yes/no in words (walk 5 #25), the rest as stored."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


class InputSetImportView(WriterRequiredMixin, _UserFormView):
    form_class = ImportInputsForm
    heading = gettext_lazy("Import inputs (CSV)")

    def run(self, form):
        data = form.cleaned_data
        upload = data["file"]
        check = data["check_against"]
        return actions.import_inputs(
            actor=self.request.user, kind=data["kind"], content=upload.read(), filename=upload.name, name=data["name"],
            title=data["title"], title_sv=data["title_sv"], title_en=data["title_en"],
            owner=data["owner"], visibility=data["visibility"], illustrative=data["illustrative"], source_note=data["source_note"], check_against=check,
            year=check.year if check else None, require_all=data["require_all"],
        )


def export_notice(records):
    """Header lines of a funding export: not official, illustrative, which set and data."""
    lines = [_("Illustrative calculation, not official figures: the official funding calculations are made "
               "by the Ministry of Finance (valtiovarainministeriö).")]
    for record in records:
        if isinstance(record, ParameterSet):
            lines.append(_("Parameter set: %(title)s (version %(version)s)") % {"title": record.title,
                                                                               "version": record.version})
        elif isinstance(record, InputSet):
            line = _("Data: %(title)s") % {"title": record.title}
            if record.illustrative:
                line += " — " + _("illustrative: real populations, other values invented")
            lines.append(line)
    return lines


class _ResultView(TemplateView):
    """Shared by the calculators and the scenario page: choices, sorting, export, read log."""

    export_name = "funding"

    def export(self, table, fmt, records, year=None):
        """The notice, the set (version) and the data first; then the funding year, the address the
        file came from (with its choices and national parameters) and when it was generated."""
        header, body = table.as_lists()
        lines = export_notice(records)
        if year:
            lines.append(_("Funding year: %(year)s") % {"year": year})
        lines += export_metadata(self.request, "")[1:]
        return export_response(self.request, fmt, header, body, name=self.export_name, sheet=self.export_name,
                               model=ParameterSet, objects=records, metadata=lines)

    def log_reads(self, *records):
        for record in records:
            if record is not None:
                log_internal_reads(self.request, type(record), [record], detail=self.request.get_full_path())

    def sorted_table(self, table, default_key, default_desc=True):
        key = self.request.GET.get("sort") or default_key
        desc = self.request.GET.get("order", "desc" if default_desc else "asc") == "desc"
        return table.sort(key, desc), key, desc

    def get(self, request, *args, **kwargs):
        ctx = self.get_context_data(**kwargs)
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx") and ctx.get("table") is not None:
            return self.export(ctx["table"], fmt, ctx.get("records", []), ctx.get("year"))
        return self.render_to_response(ctx)


class CountyCalculatorView(_ResultView):
    template_name = "funding/county_calculator.html"
    export_name = "county-funding"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = presentation.calculator_form(self.request, InputKind.COUNTY)
        ctx["form"] = form
        if not form.is_valid():
            return ctx
        ps, year, inputs = form.cleaned_data["parameter_set"], form.cleaned_data["year"], form.cleaned_data["inputs"]
        ctx.update(parameter_set=ps, input_set=inputs, year=year, records=[ps, inputs])
        self.log_reads(ps, inputs)
        try:
            params = ps.parameters()
            result = presentation.county_result(params, inputs, year, form.national(params, year))
        except (FundingInputError, TypeError) as exc:
            ctx["error"] = error_message(exc)
            return ctx
        if form.cleaned_data.get("published"):
            from .compute.published import published_national

            ctx["published"] = published_national(year)
        table, key, desc = self.sorted_table(presentation.county_table(result, params), "after_pr")
        ctx.update(presentation.county_context(result, params, table, key, desc, self.request))
        return ctx


class MunicipalCalculatorView(_ResultView):
    template_name = "funding/municipal_calculator.html"
    export_name = "municipal-transfer"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = presentation.calculator_form(self.request, InputKind.MUNICIPAL)
        ctx["form"] = form
        if not form.is_valid():
            return ctx
        ps, inputs = form.cleaned_data["parameter_set"], form.cleaned_data["inputs"]
        ctx.update(parameter_set=ps, input_set=inputs, records=[ps, inputs])
        self.log_reads(ps, inputs)
        try:
            params = ps.parameters()
            result = presentation.municipal_result(params, inputs)
        except (FundingInputError, TypeError) as exc:
            ctx["error"] = error_message(exc)
            return ctx
        table, key, desc = self.sorted_table(presentation.municipal_table(result), "result_pr")
        ctx.update(presentation.municipal_context(result, params, table, key, desc, self.request))
        return ctx


class ScenarioCompareView(_ResultView):
    """A scenario against its base (or a chosen base): every county's and municipality's difference."""

    template_name = "funding/scenario_compare.html"
    export_name = "scenario"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        visible = ParameterSet.objects.restrict(user, "view")
        scenario = get_object_or_404(visible, pk=kwargs["pk"])
        form = presentation.compare_form(self.request, scenario)
        ctx.update(object=scenario, form=form)
        if not form.is_valid():
            return ctx
        base = form.cleaned_data["base"]
        inputs = form.cleaned_data["inputs"]
        year = form.cleaned_data["year"] or scenario.year
        m_inputs = form.cleaned_data.get("municipal_inputs")
        ctx.update(base=base, input_set=inputs, municipal_input_set=m_inputs, year=year,
                   records=[scenario, base, inputs, m_inputs])
        self.log_reads(scenario, base, inputs, m_inputs)
        try:
            p_base, p_scen = base.parameters(), scenario.parameters()
            diffs = compare_counties(presentation.county_result(p_base, inputs, year),
                                     presentation.county_result(p_scen, inputs, year))
            m_diffs = None
            if m_inputs is not None:
                m_diffs = compare_municipalities(presentation.municipal_result(p_base, m_inputs),
                                                 presentation.municipal_result(p_scen, m_inputs))
        except (FundingInputError, TypeError) as exc:
            ctx["error"] = error_message(exc)
            return ctx
        ctx.update(presentation.compare_context(self, diffs, m_diffs, p_base, p_scen))
        return ctx
