"""Pages of the register: services, interfaces (cards), assessments, templates and the overview."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from yhdyspinta.accounts.permissions import can, can_view_internal_of
from yhdyspinta.core.concurrency import add_version_field, submitted_version
from yhdyspinta.core.exports import export_metadata, export_response, pdf_response
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.models import VERSION_FIELD, AccessLog, Visibility
from yhdyspinta.core.panels import related_panels
from yhdyspinta.core.tabular import InputError
from yhdyspinta.core.templatetags.form_layout import section_of
from yhdyspinta.core.uploads import WriterRequiredMixin
from yhdyspinta.core.views.generic import (
    ActionFormMixin,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from yhdyspinta.organisations.models import Organisation, Person

from . import actions, exporting, queries
from .choices import Dimension, Maturity
from .filtersets import InterfaceFilterSet, ServiceFilterSet
from .form_sections import (
    INTERFACE_SECTIONS,
    STEPS_SECTION,
    fields_of_section,
    section_ids,
    section_title,
)
from .forms import (
    AssessmentForm,
    ContactPointForm,
    EscalationStepFormSet,
    InterfaceForm,
    RetractAssessmentForm,
    ServiceForm,
    ServiceImportForm,
    ServicePointForm,
    TemplateInstantiateForm,
)
from .importers import import_services
from .models import (
    ContactPoint,
    Interface,
    InterfaceTemplate,
    MaturityAssessment,
    Service,
    ServicePoint,
)
from .tables import InterfaceTable, ServiceTable


# ---- services -------------------------------------------------------------------------------
class ServiceListView(ObjectListView):
    model = Service
    table_class = ServiceTable
    filterset_class = ServiceFilterSet
    add_url_name = "catalogue:service_add"
    export_name = "services"
    template_name = "catalogue/service_list.html"

    related = ("organisation",)


class ServiceDetailView(ObjectDetailView):
    model = Service
    template_name = "catalogue/service_detail.html"
    edit_url_name = "catalogue:service_edit"
    delete_url_name = "catalogue:service_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["points"] = self.object.points.select_related("municipality")
        ctx["contacts"] = self.object.contacts.all()
        ctx["interfaces"] = Interface.objects.restrict(self.request.user, "view").filter(services=self.object)
        return ctx


class ServiceEditView(ObjectEditView):
    model = Service
    form_class = ServiceForm


class ServiceDeleteView(ObjectDeleteView):
    model = Service
    success_url_name = "catalogue:service_list"


class ServicePointEditView(ObjectEditView):
    model = ServicePoint
    form_class = ServicePointForm


class ServicePointDeleteView(ObjectDeleteView):
    model = ServicePoint
    success_url_name = "catalogue:service_list"


class ContactPointEditView(ObjectEditView):
    model = ContactPoint
    form_class = ContactPointForm


class ContactPointDeleteView(ObjectDeleteView):
    model = ContactPoint
    success_url_name = "catalogue:service_list"


class ServiceImportView(WriterRequiredMixin, LoginRequiredMixin, FormView):
    """Import services from CSV/XLSX: all rows or none; the first refused row is named."""

    template_name = "catalogue/service_import.html"
    form_class = ServiceImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            created = import_services(upload.read(), self.request.user, name=upload.name)
        except InputError as exc:
            form.add_error("file", error_message(exc))
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error("file", _("You may not add services for every organisation in the file."))
            return self.form_invalid(form)
        messages.success(self.request, _("%(count)s services imported.") % {"count": len(created)})
        return redirect("catalogue:service_list")


# ---- interfaces -----------------------------------------------------------------------------
class InterfaceListView(ObjectListView):
    model = Interface
    table_class = InterfaceTable
    filterset_class = InterfaceFilterSet
    add_url_name = "catalogue:interface_add"
    export_name = "interfaces"
    template_name = "catalogue/interface_list.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("parties")


def card_context(interface, user):
    """Everything an interface card shows, for the page and the PDF."""
    latest = interface.latest_assessments()
    party_ids = list(interface.parties.values_list("pk", flat=True))
    from . import compute

    weakest = compute.weakest_first({d: a.value for d, a in latest.items()}, Dimension.values)
    labels = dict(Dimension.choices)
    return {
        "latest": [(labels[d], latest.get(d)) for d in Dimension.values],
        "weakest": [(labels[d], v) for d, v in weakest],
        "history": interface.assessments.select_related("assessed_by", "recorded_by", "retracted_by")[:200],
        # a named owner is shown only to those who may see that person (Person has its own visibility)
        "owners": interface.owners.select_related("person", "organisation").filter(
            person__in=Person.objects.restrict(user, "view")),
        "responsibilities": interface.responsibilities.select_related("organisation"),
        "escalation_steps": interface.escalation_steps.all(),
        "services": Service.objects.restrict(user, "view").filter(interfaces=interface).select_related(
            "organisation"),
        "show_internal": can_view_internal_of(user, party_ids),
        # the records other apps link to this interface (forums, agreements, goals, escalations):
        # each app registers its relation in its AppConfig.ready() (core.panels)
        "related": related_panels(interface, user),
        "scale": Maturity.choices,
    }


class InterfaceDetailView(ObjectDetailView):
    model = Interface
    template_name = "catalogue/interface_detail.html"
    edit_url_name = "catalogue:interface_edit"
    delete_url_name = "catalogue:interface_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(card_context(self.object, self.request.user))
        return ctx


def interface_cards_export(request, fmt):
    """The interface cards (filtered as on the list page) as CSV or XLSX, one row per interface."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    interfaces = Interface.objects.restrict(request.user, "view")
    filterset = InterfaceFilterSet(request.GET, queryset=interfaces)
    if filterset.is_valid():
        interfaces = filterset.qs
    pk = request.GET.get("pk")
    if pk and pk.isdigit():
        interfaces = interfaces.filter(pk=pk)
    header, rows = exporting.card_rows(interfaces, request.user)
    return export_response(request, fmt, header, rows, name="interface-cards", model=Interface,
                           objects=interfaces, detail=f"cards {fmt} {request.get_full_path()}",
                           metadata=export_metadata(request, _("Interfaces")), metadata_sheet=True)


class InterfacePdfView(InterfaceDetailView):
    access_action = AccessLog.Action.EXPORT  # card.pdf: logged as an export (ObjectDetailView), not a read

    def render_to_response(self, context, **kwargs):
        # logged as an export by ObjectDetailView (access_action), so not again here
        return pdf_response(self.request, "catalogue/pdf/interface_card.html", context,
                            name=f"interface-{self.object.pk}", title=str(self.object), log=False)


class InterfaceEditView(ObjectEditView):
    """The interface and, when it exists, its responsibilities per party and escalation steps.

    A section's own Save (`_section`) on an existing interface validates and writes that section's
    fields only (the escalation route: the steps only), through the same action, version check and
    audit as the whole form; the other sections are left as stored. Changes the user made in other
    sections stay on the page (not saved) with a message naming them. On the add page a section's
    Save creates the interface from the whole form and continues on the edit page's next section."""

    model = Interface
    form_class = InterfaceForm
    template_name = "catalogue/interface_edit.html"

    def saved_section(self) -> str | None:
        """The section whose own Save was pressed; "" for one the page does not have; None: the
        whole form ("Save and close", or a GET)."""
        if self.request.method != "POST" or "_section" not in self.request.POST:
            return None
        section = self.request.POST["_section"]
        return section if section in section_ids(with_steps=self.object is not None) else ""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)  # with the version the user loaded (VersionedFormMixin)
        section = self.saved_section()
        if section and self.object is not None:
            keep = set() if section == STEPS_SECTION else fields_of_section(form.fields, section)
            for name in list(form.fields):
                if name not in keep and name != VERSION_FIELD:
                    del form.fields[name]
            form.section = section
        return form

    def get_steps(self):
        if self.object is None:
            return None
        data = self.request.POST if self.request.method == "POST" else None
        return EscalationStepFormSet(data, instance=self.object, prefix="steps")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        steps = ctx.setdefault("steps", self.get_steps())
        form = ctx["form"]
        if getattr(form, "section", None):  # the other sections from the database, this one as sent
            ctx["section_form"], ctx["form"] = form, self.whole_form(version=submitted_version(form))
        ctx["error_form"] = ctx.get("section_form") or form
        ctx["sections"] = INTERFACE_SECTIONS
        ctx["extra_sections"] = [(STEPS_SECTION, _("Escalation route"),
                                  bool(steps is not None and steps.is_bound and steps.total_error_count()))
                                 ] if steps is not None else []
        return ctx

    def whole_form(self, *, version=None, data=None):
        kwargs = {**self.get_form_kwargs(), "data": data, "files": None}
        kwargs["instance"] = Interface.objects.get(pk=self.object.pk)
        form = self.get_form_class()(**kwargs)
        add_version_field(form, version if version is not None else kwargs["instance"].version)
        return form

    def success_url_for(self, result):
        """A section's own save comes back to that section of the edit page; on the add page it
        continues with the next section."""
        section = self.saved_section()
        if not section:
            return super().success_url_for(result)
        if self.object is None:
            order = section_ids(with_steps=True)
            section = order[min(order.index(section) + 1, len(order) - 1)]
        return reverse("catalogue:interface_edit", args=[result.pk]) + f"#s-{section}"

    def form_valid(self, form):
        section = self.saved_section()
        if section == "":
            form.add_error(None, _("The form has no such section; nothing was saved."))
            return self.refused(form)
        self.steps = self.get_steps() if section in (None, STEPS_SECTION) else None
        if self.steps is not None and not self.steps.is_valid():
            return self.form_invalid(form)
        unsaved = self.unsaved_sections(section) if section and self.object is not None else []
        response = super().form_valid(form)  # run(); refusals on the form (ActionFormMixin)
        if unsaved and response.status_code == 302:
            return self.keep_unsaved(section, unsaved)
        return response

    def unsaved_sections(self, section) -> list[str]:
        """Titles of the other sections whose fields the user changed on the page (not saved by
        this section's Save). Line ends and surrounding spaces of texts do not count."""
        whole = self.whole_form(data=self.request.POST)
        changed = set()
        for name in whole.changed_data:
            if name == VERSION_FIELD:
                continue
            sent, stored = whole[name].data, whole.get_initial_for_field(whole.fields[name], name)
            if isinstance(sent, str) and _same_text(sent, stored):
                continue
            changed.add(section_of(name, INTERFACE_SECTIONS))
        if section != STEPS_SECTION and self.get_steps().has_changed():
            changed.add(STEPS_SECTION)
        return [section_title(sid) for sid in section_ids(with_steps=True) if sid in changed and sid != section]

    def keep_unsaved(self, section, unsaved):
        """After a section's save: the page again with what the user typed in the other sections
        (on the new version, so their own Save or "Save and close" applies them)."""
        self.object = Interface.objects.get(pk=self.object.pk)
        data = self.request.POST.copy()
        data[VERSION_FIELD] = str(self.object.version)
        messages.warning(self.request, _("Changes in these sections are not saved yet: %(sections)s. Save them "
                                         "with their own Save button or with Save and close.")
                         % {"sections": ", ".join(unsaved)})
        form = self.whole_form(data=data, version=self.object.version)
        steps = EscalationStepFormSet(data, instance=self.object, prefix="steps")
        ctx = self.get_context_data(form=form, steps=steps)
        ctx["open_section"] = section
        return self.render_to_response(ctx)

    def run(self, form):
        return actions.save_interface(form, actor=self.request.user, action="change" if self.object else "add",
                                      steps=self.steps)

    def conflict_context(self):
        return {"steps": self.steps}

    def form_invalid(self, form):
        steps = getattr(self, "steps", None) or self.get_steps()
        return self.render_to_response(self.get_context_data(form=form, steps=steps))


def _same_text(sent: str, stored) -> bool:
    return sent.replace("\r\n", "\n").strip() == str(stored or "").replace("\r\n", "\n").strip()


class InterfaceDeleteView(ObjectDeleteView):
    model = Interface
    success_url_name = "catalogue:interface_list"


class AssessView(LoginRequiredMixin, ActionFormMixin, FormView):
    """Assess the nine dimensions of one interface; each value becomes a dated history row."""

    template_name = "catalogue/assess.html"
    form_class = AssessmentForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.interface = get_object_or_404(Interface.objects.restrict(request.user, "view"), pk=kwargs["pk"])
        if not can(request.user, self.interface, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "interface": self.interface, "user": self.request.user}

    def get_initial(self):
        from .models import helsinki_today

        return {"assessed_on": helsinki_today()}

    @property
    def success_message(self):
        return _("Assessment saved.")

    def run(self, form):
        from yhdyspinta.core.actions import audited

        values = form.dimension_values()
        if not values:
            raise ValidationError(_("Give at least one dimension a value."))
        with audited(self.request.user):  # all dimensions in one transaction
            for dimension, value in values.items():
                actions.assess_maturity(self.interface, acting_user=self.request.user, dimension=dimension,
                                        value=value, assessed_on=form.cleaned_data["assessed_on"],
                                        comment=form.cleaned_data.get("comment", ""))
        return self.interface

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "interface": self.interface}


class RetractAssessmentView(LoginRequiredMixin, ActionFormMixin, FormView):
    """Retract one assessment with a reason; it stays in the history but no longer counts."""

    template_name = "catalogue/assessment_retract.html"
    form_class = RetractAssessmentForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.assessment = get_object_or_404(
            MaturityAssessment.objects.restrict(request.user, "view").select_related("interface", "recorded_by"),
            pk=kwargs["pk"])
        if not can(request.user, self.assessment.interface, "change"):
            raise PermissionDenied
        if self.assessment.is_retracted:
            messages.info(request, _("This assessment has already been retracted."))
            return redirect(self.assessment.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    @property
    def success_message(self):
        return _("Assessment retracted.")

    def run(self, form):
        actions.retract_assessment(self.assessment, acting_user=self.request.user, reason=form.cleaned_data["reason"])
        return self.assessment

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "assessment": self.assessment,
                "interface": self.assessment.interface}


# ---- templates --------------------------------------------------------------------------------
class TemplateListView(TemplateView):
    """The seed templates and, for those who may, instantiation for a county."""

    template_name = "catalogue/template_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # the shipped templates are synced after each migrate (catalogue.signals), never on a GET
        ctx["templates"] = InterfaceTemplate.objects.all()
        if self.request.user.is_authenticated:
            form = kwargs.get("form") or TemplateInstantiateForm(user=self.request.user)
            if form.fields["county"].queryset.exists():
                ctx["form"] = form
        return ctx

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise PermissionDenied
        form = TemplateInstantiateForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        visibility = Visibility.PUBLIC if form.cleaned_data["publish"] else Visibility.INTERNAL
        counts = actions.instantiate_templates(form.cleaned_data["county"], actor=request.user, visibility=visibility)
        messages.success(request, _("%(interfaces)s interfaces and %(services)s services created; "
                                    "%(existing)s existing interfaces kept as they were.") % counts)
        return redirect("catalogue:template_list")


# ---- overview -------------------------------------------------------------------------------------
class OverviewView(LoginRequiredMixin, TemplateView):
    """Per county: interfaces × municipalities coloured (and numbered) by maturity."""

    template_name = "catalogue/overview.html"
    MATRIX_ROWS = 50

    def get_area(self):
        areas = Organisation.objects.organising_areas()
        pk = self.request.GET.get("area")
        if pk and pk.isdigit():
            return areas.filter(pk=pk).first()
        user_orgs = self.request.user.memberships.values_list("organisation__area", flat=True)
        own = areas.filter(pk__in=list(user_orgs)).first()
        if own:
            return own
        # otherwise the area with the most interfaces the user can see
        counts = Counter(Interface.objects.restrict(self.request.user, "view").values_list("area", flat=True))
        counts.pop(None, None)
        best = max(counts, key=counts.get, default=None)
        return areas.filter(pk=best).first() if best else areas.first()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        area = self.get_area()
        filterset = InterfaceFilterSet(self.request.GET, queryset=Interface.objects.restrict(self.request.user, "view"))
        interfaces = filterset.qs if filterset.is_valid() else Interface.objects.restrict(self.request.user, "view")
        municipalities, table = queries.area_matrix(area, interfaces) if area else ([], [])
        ctx.update(area=area, areas=Organisation.objects.organising_areas().order_by("name"), filter=filterset,
                   municipalities=municipalities, table=table, scale=Maturity.choices,
                   query=self.request.GET.urlencode())
        return ctx

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        ctx = self.get_context_data(**kwargs)
        if fmt in ("csv", "xlsx", "pdf"):
            if fmt == "pdf":
                return pdf_response(request, "catalogue/pdf/overview.html", ctx, name="overview",
                                    title=f"{_('Maturity overview')}: {ctx['area'] or ''}", model=Interface,
                                    detail=f"overview {fmt}")
            header, rows = exporting.matrix_rows(ctx["municipalities"], ctx["table"])
            return export_response(request, fmt, header, rows, name="overview", model=Interface,
                                   detail=f"overview {fmt}", metadata_sheet=True, metadata=export_metadata(
                                       request, f"{_('Maturity overview')}: {ctx['area'] or ''}"))
        # The page shows MATRIX_ROWS rows at a time (the exports have them all): a county with
        # hundreds of interfaces made a megabyte of HTML that no one reads by scrolling.
        rows_page = Paginator(ctx["table"], self.MATRIX_ROWS).get_page(request.GET.get("rows"))
        ctx.update(table=list(rows_page.object_list), rows_page=rows_page)
        return self.render_to_response(ctx)


class NationalOverviewView(LoginRequiredMixin, TemplateView):
    """The same matrix across counties, for national readers."""

    template_name = "catalogue/national.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (user.is_superuser or getattr(user, "is_national_reader", False)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        filterset = InterfaceFilterSet(request.GET, queryset=Interface.objects.restrict(request.user, "view"))
        interfaces = filterset.qs if filterset.is_valid() else Interface.objects.restrict(request.user, "view")
        counties, table = queries.national_matrix(interfaces)
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            header, rows = exporting.matrix_rows(counties, table)
            return export_response(request, fmt, header, rows, name="national-overview", model=Interface,
                                   detail=f"national overview {fmt}", metadata_sheet=True,
                                   metadata=export_metadata(request, _("National overview")))
        return self.render_to_response({"counties": counties, "table": table, "filter": filterset,
                                        "scale": Maturity.choices, "view": self})
