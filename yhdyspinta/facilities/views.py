"""Facilities pages: lists per county and municipality, details, edit pages (core generic views)."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from yhdyspinta.core.exports import TABLE_FORMATS, export_response
from yhdyspinta.core.uploads import WriterRequiredMixin
from yhdyspinta.core.views.generic import (
    ActionFormMixin,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from yhdyspinta.organisations.models import Organisation

from . import actions
from .filtersets import (
    BuildingFilterSet,
    LeaseFilterSet,
    PremiseFilterSet,
    SchoolFilterSet,
    SupportServiceFilterSet,
)
from .forms import (
    BuildingForm,
    LeaseForm,
    LeaseImportForm,
    LeaseOptionForm,
    PremiseForm,
    PupilCountImportForm,
    SchoolForm,
    SharedUseForm,
    SupportServiceForm,
    WelfareServiceForm,
)
from .models import (
    Building,
    Lease,
    LeaseOption,
    Premise,
    School,
    SchoolLevel,
    SharedUse,
    SupportService,
    WelfareKind,
    WelfareService,
)
from .proximity import (
    GROUPINGS,
    KINDS,
    LEGAL_BASIS,
    NO_PUPILS,
    NO_STAFF,
    OVER,
    STAFFED_KINDS,
    STAFFING_RATIOS,
    WITHIN,
    by_municipality,
    missing,
    staffing,
    totals,
)
from .queries import school_rows, support_flows
from .rules import RULES
from .tables import BuildingTable, LeaseTable, PremiseTable, SchoolTable, SupportServiceTable


class _DetailView(ObjectDetailView):
    """A facilities detail page; `more_context(user, obj)` adds the record's parts the user may view."""

    more_context = None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.more_context is not None:
            ctx.update(self.more_context(self.request.user, self.object))
        return ctx


@dataclass(frozen=True)
class Pages:
    """The generic pages of one model, named `facilities:<name>_list|_detail|_add|_edit|_delete`."""

    name: str
    edit: type
    delete: type
    list: type | None = None
    detail: type | None = None


def pages(model, name, form_class, *, table_class=None, filterset_class=None, related=(), export_name=None,
          more_context=None, detail=True, after_delete=None) -> Pages:
    """The core generic views (list, detail, edit, delete) of a facilities model from one
    declaration: templates `facilities/<name>_list.html` / `_detail.html`, the list only with a
    `table_class`, the delete page back to `after_delete` (default: the model's own list)."""
    prefix, label = f"facilities:{name}", model.__name__

    def make(kind, base, **attrs):
        return type(f"{label}{kind}View", (base,), {"__module__": __name__, "model": model, **attrs})

    listing = shown = None
    if table_class is not None:
        listing = make("List", ObjectListView, table_class=table_class, filterset_class=filterset_class,
                       related=tuple(related), add_url_name=f"{prefix}_add", export_name=export_name or name,
                       template_name=f"facilities/{name}_list.html")
    if detail:
        shown = make("Detail", _DetailView, template_name=f"facilities/{name}_detail.html",
                     edit_url_name=f"{prefix}_edit", delete_url_name=f"{prefix}_delete",
                     more_context=staticmethod(more_context) if more_context else None)
    return Pages(name=name, edit=make("Edit", ObjectEditView, form_class=form_class),
                 delete=make("Delete", ObjectDeleteView, success_url_name=after_delete or f"{prefix}_list"),
                 list=listing, detail=shown)


def _building_parts(user, building):
    return {"premises": Premise.objects.restrict(user, "view").filter(building=building)}


def _premise_parts(user, premise):
    return {
        "leases": Lease.objects.restrict(user, "view").filter(premise=premise).select_related("landlord", "tenant"),
        "shared_uses": SharedUse.objects.restrict(user, "view").filter(premise=premise).select_related(
            "organisation", "unit"),
    }


def _lease_parts(user, lease):
    """A lease: its term, notice deadline, options; the prices only for those who may see them."""
    hidden = lease.hidden_fields_for(user)
    return {
        "prices_hidden": bool(hidden & {"internal_capital_cost", "internal_maintenance_cost"}),
        "options": LeaseOption.objects.restrict(user, "view").filter(lease=lease),
        "notice_deadline": lease.notice_deadline,
        "today": timezone.localdate(),
        "rules": RULES.values(),
    }


BUILDING = pages(Building, "building", BuildingForm, table_class=BuildingTable, filterset_class=BuildingFilterSet,
                 related=("municipality", "owner"), export_name="buildings", more_context=_building_parts)
PREMISE = pages(Premise, "premise", PremiseForm, table_class=PremiseTable, filterset_class=PremiseFilterSet,
                related=("building", "user_organisation"), export_name="premises", more_context=_premise_parts)
LEASE = pages(Lease, "lease", LeaseForm, table_class=LeaseTable, filterset_class=LeaseFilterSet,
              related=("premise__building", "landlord", "tenant"), export_name="leases", more_context=_lease_parts)
OPTION = pages(LeaseOption, "option", LeaseOptionForm, detail=False, after_delete="facilities:lease_list")
SHARED_USE = pages(SharedUse, "shareduse", SharedUseForm, detail=False, after_delete="facilities:premise_list")
SUPPORT = pages(SupportService, "support", SupportServiceForm, table_class=SupportServiceTable,
                filterset_class=SupportServiceFilterSet, related=("provider", "recipient"),
                export_name="support-services")


class _ImportView(WriterRequiredMixin, LoginRequiredMixin, ActionFormMixin, FormView):
    """A file imported in one go by `import_file(upload, form, user)`: all rows or none; the
    refusal (file, line, reason) lands on the form."""

    success_url_name = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def import_file(self, upload, form, user) -> str:
        raise NotImplementedError

    def run(self, form):
        messages.success(self.request, self.import_file(form.cleaned_data["file"], form, self.request.user))
        return redirect(self.success_url_name)


class LeaseImportView(_ImportView):
    """A county's lease list (CSV or XLSX) in one go: all rows or none."""

    form_class = LeaseImportForm
    template_name = "facilities/lease_import.html"
    success_url_name = "facilities:lease_list"

    def import_file(self, upload, form, user):
        leases = actions.import_leases(upload.read(), upload.name, acting_user=user,
                                       visibility=form.cleaned_data["visibility"])
        return ngettext("%(count)s lease imported.", "%(count)s leases imported.", len(leases)) % {
            "count": len(leases)}


class PupilCountImportView(_ImportView):
    """Pupil counts per school (CSV or XLSX): all rows or none; a school that does not exist refuses the file."""

    form_class = PupilCountImportForm
    template_name = "facilities/pupil_import.html"
    success_url_name = "facilities:school_list"

    def import_file(self, upload, form, user):
        schools = actions.import_pupil_counts(upload.read(), upload.name, acting_user=user)
        return ngettext("Pupil count of %(count)s school updated.", "Pupil counts of %(count)s schools updated.",
                        len(schools)) % {"count": len(schools)}


class SupportFlowsView(TemplateView):
    """A county's support-service flows: county → its municipalities and back, with value."""

    template_name = "facilities/support_flows.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        county = get_object_or_404(Organisation.objects.organising_areas(), pk=kwargs["pk"])
        ctx.update(county=county, flows=support_flows(self.request.user, county))
        return ctx


# ---- student welfare on site: the proximity principle -------------------------------------------------
def _school_parts(user, school):
    services = WelfareService.objects.restrict(user, "view").filter(school=school).select_related(
        "provider", "premise__building")
    present = {service.kind for service in services}
    return {"services": services, "legal_basis": legal_basis_entries(LEGAL_BASIS.values()),
            "absent": [(kind, label) for kind, label in WelfareKind.choices if kind not in present]}


SCHOOL = pages(School, "school", SchoolForm, table_class=SchoolTable, filterset_class=SchoolFilterSet,
               related=("unit", "municipality"), export_name="schools", more_context=_school_parts)
WELFARE = pages(WelfareService, "welfare", WelfareServiceForm, detail=False, after_delete="facilities:school_list")


class ScopeForm(forms.Form):
    """The scope of the proximity check: a county, a municipality, a level (all optional)."""

    county = forms.ModelChoiceField(label=_("Wellbeing services county"), required=False,
                                    queryset=Organisation.objects.organising_areas())
    municipality = forms.ModelChoiceField(label=_("Municipality"), required=False,
                                          queryset=Organisation.objects.filter(kind="municipality"))
    level = forms.ChoiceField(label=_("Level of education"), required=False,
                              choices=[("", "---------"), *SchoolLevel.choices])
    by = forms.ChoiceField(label=_("Staffing by"), required=False,
                           choices=[("county", _("Wellbeing services county")), ("municipality", _("Municipality")),
                                    ("organiser", _("Education organiser"))])


KIND_LABELS = dict(WelfareKind.choices)
GROUPING_LABELS = {"county": _("Wellbeing services county"), "municipality": _("Municipality"),
                   "organiser": _("Education organiser")}
STATUS_LABELS = {WITHIN: _("Within the ratio"), OVER: _("Over the ratio"), NO_STAFF: _("No one on site"),
                 NO_PUPILS: _("No pupil count")}
STAFFING_NOTE = _("Full-time equivalents are the days a week on site divided by five (a full-time employee works "
                  "five days a week). Only schools with a pupil count enter the ratio, with the days of their "
                  "services.")


def legal_basis_items():
    """The proximity principle's legal basis and the staffing ratios, for the pages' legal-basis list."""
    return legal_basis_entries([*LEGAL_BASIS.values(), *STAFFING_RATIOS.values()])


def legal_basis_entries(rules):
    """One entry per act (source): the services it applies to, its distinct summaries and links, and
    "not verified" when any of its rules is. The curator and psychologist rest on the same section:
    it is listed once (walk 5, #16)."""
    entries = {}
    for rule in rules:
        entry = entries.setdefault(rule.source, {"source": rule.source, "verified": True, "kinds": [],
                                                 "summaries": [], "urls": []})
        entry["verified"] = entry["verified"] and rule.verified
        kind = getattr(rule, "kind", None) or rule.key
        for key, value in (("kinds", KIND_LABELS.get(kind, kind)), ("summaries", rule.summary), ("urls", rule.url)):
            if value and value not in entry[key]:
                entry[key].append(value)
    return list(entries.values())


def _staffing_export(rows):
    """Every county, municipality and education organiser of the rows, one line each."""
    header = [_("Grouping"), _("Name"), _("Schools"), _("Schools with a pupil count"), _("Pupils")]
    for kind in STAFFED_KINDS:
        label = KIND_LABELS[kind]
        header += [_("%(service)s, full-time equivalents") % {"service": label},
                   _("%(service)s, pupils per full-time equivalent") % {"service": label},
                   _("%(service)s, at most (the act)") % {"service": label},
                   _("%(service)s, against the ratio") % {"service": label}]
    body = []
    for grouping in GROUPINGS:
        for entry in staffing(rows, grouping):
            line = [str(GROUPING_LABELS[grouping]), entry.name, entry.schools, entry.counted, entry.pupils]
            for kind, staff, per, status in entry.cells():
                line += [staff, per, STAFFING_RATIOS[kind].max_pupils, str(STATUS_LABELS[status])]
            body.append(line)
    return header, body


def _export_rows(rows):
    header = [_("School"), _("Municipality"), _("Level of education"), _("Pupils"),
              *[_("%(service)s, days a week") % {"service": KIND_LABELS[k]} for k in KINDS],
              _("Without on site")]
    levels = dict(SchoolLevel.choices)
    body = [[r.name, r.municipality, str(levels.get(r.level, r.level)), r.pupils,
             *[r.days.get(k) for k in KINDS], ", ".join(str(KIND_LABELS[k]) for k in KINDS if not r.on_site(k))]
            for r in rows]
    return header, body


class _ProximityView(TemplateView):
    """Shared by the check, the county and the municipality views: the rows of a scope, and
    `?export=csv|xlsx` of them through the one export response (access-logged)."""

    export_name = "proximity"

    def scope(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        self.rows = school_rows(request.user, **self.scope())
        fmt = request.GET.get("export")
        if fmt and request.GET.get("table") == "staffing":
            header, body = _staffing_export(self.rows)
            basis = [f"{r.source}: {r.summary}" for r in STAFFING_RATIOS.values()]
            return export_response(request, fmt, header, body, name=f"{self.export_name}-staffing", model=School,
                                   objects=[], metadata=[_("Pupils per full-time curator and psychologist"), *basis,
                                                         str(STAFFING_NOTE)])
        if fmt:
            header, body = _export_rows(self.rows)
            basis = [f"{rule.source}: {rule.summary}" for rule in LEGAL_BASIS.values()]
            return export_response(request, fmt, header, body, name=self.export_name, model=School,
                                   objects=[], metadata=[_("Student welfare on site (proximity principle)"), *basis])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(rows=self.rows, kinds=[(k, KIND_LABELS[k]) for k in KINDS], legal_basis=legal_basis_items(),
                   total_cells=list(totals(self.rows).items()), export_formats=TABLE_FORMATS)
        return ctx


class ProximityCheckView(_ProximityView):
    """Schools without an on-site service of each kind, with the legal basis (filters: county, municipality, level)."""

    template_name = "facilities/proximity_check.html"
    export_name = "proximity-check"
    shown = 300  # rows per kind on the page (a national list is thousands): the rest in the download

    def scope(self):
        self.form = ScopeForm(self.request.GET or None)
        self.by = "county"
        if self.form.is_bound and self.form.is_valid():
            self.by = self.form.cleaned_data.get("by") or "county"
            return {k: v for k, v in self.form.cleaned_data.items() if v and k != "by"}
        return {}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = self.form
        ctx["without"] = [(k, KIND_LABELS[k], LEGAL_BASIS[k], found[:self.shown], len(found))
                          for k in KINDS for found in [missing(self.rows, k)]]
        ctx["shown"] = self.shown
        groups = staffing(self.rows, self.by)
        ctx.update(staffing=[(entry, [(staff, per, status, STATUS_LABELS[status])
                                      for _kind, staff, per, status in entry.cells()])
                             for entry in groups[:self.shown]],
                   staffing_count=len(groups), staffing_by=GROUPING_LABELS[self.by],
                   staffed_kinds=[(k, KIND_LABELS[k], STAFFING_RATIOS[k]) for k in STAFFED_KINDS],
                   staffing_note=STAFFING_NOTE)
        chosen = self.form.cleaned_data.get("county") if self.form.is_bound and self.form.is_valid() else None
        own = Organisation.objects.organising_areas()
        own = own.filter(memberships__user=self.request.user) if self.request.user.is_authenticated else own.none()
        ctx["county_views"] = list(dict.fromkeys([*([chosen] if chosen else []), *own.order_by("name")]))
        return ctx


class CountyProximityView(_ProximityView):
    """A county coordinator's view: per municipality of the area, schools, pupils and schools without each service."""

    template_name = "facilities/proximity_county.html"
    export_name = "proximity-county"

    def scope(self):
        self.county = get_object_or_404(Organisation.objects.organising_areas(), pk=self.kwargs["pk"])
        return {"county": self.county}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(county=self.county, municipalities=by_municipality(self.rows))
        return ctx


class MunicipalityProximityView(_ProximityView):
    """A municipality's schools, each with the days a week and the premise of every student-welfare service."""

    template_name = "facilities/proximity_municipality.html"
    export_name = "proximity-municipality"

    def scope(self):
        self.municipality = get_object_or_404(Organisation.objects.filter(kind="municipality"), pk=self.kwargs["pk"])
        return {"municipality": self.municipality}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["municipality"] = self.municipality
        return ctx
