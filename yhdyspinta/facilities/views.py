"""Facilities pages: lists per county and municipality, details, edit pages (core generic views)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

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
from .filtersets import BuildingFilterSet, LeaseFilterSet, PremiseFilterSet, SupportServiceFilterSet
from .forms import (
    BuildingForm,
    LeaseForm,
    LeaseImportForm,
    LeaseOptionForm,
    PremiseForm,
    SharedUseForm,
    SupportServiceForm,
)
from .models import Building, Lease, LeaseOption, Premise, SharedUse, SupportService
from .queries import support_flows
from .rules import RULES
from .tables import BuildingTable, LeaseTable, PremiseTable, SupportServiceTable


class _ListView(ObjectListView):
    """A facilities list: the rows' linked records read in the same query (`related`)."""

    related = ()

    def get_queryset(self):
        return super().get_queryset().select_related(*self.related)


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
        listing = make("List", _ListView, table_class=table_class, filterset_class=filterset_class,
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


class LeaseImportView(WriterRequiredMixin, LoginRequiredMixin, ActionFormMixin, FormView):
    """A county's lease list (CSV or XLSX) in one go: all rows or none."""

    form_class = LeaseImportForm
    template_name = "facilities/lease_import.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def run(self, form):
        upload = form.cleaned_data["file"]
        leases = actions.import_leases(upload.read(), upload.name, acting_user=self.request.user,
                                       visibility=form.cleaned_data["visibility"])
        messages.success(self.request, ngettext("%(count)s lease imported.", "%(count)s leases imported.",
                                                len(leases)) % {"count": len(leases)})
        return redirect("facilities:lease_list")


class SupportFlowsView(TemplateView):
    """A county's support-service flows: county → its municipalities and back, with value."""

    template_name = "facilities/support_flows.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        county = get_object_or_404(Organisation.objects.organising_areas(), pk=kwargs["pk"])
        ctx.update(county=county, flows=support_flows(self.request.user, county))
        return ctx
