"""Facilities pages: lists per county and municipality, details, edit pages (core generic views)."""

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


class BuildingListView(ObjectListView):
    model = Building
    table_class = BuildingTable
    filterset_class = BuildingFilterSet
    add_url_name = "facilities:building_add"
    export_name = "buildings"
    template_name = "facilities/building_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("municipality", "owner")


class BuildingDetailView(ObjectDetailView):
    model = Building
    template_name = "facilities/building_detail.html"
    edit_url_name = "facilities:building_edit"
    delete_url_name = "facilities:building_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["premises"] = Premise.objects.restrict(self.request.user, "view").filter(building=self.object)
        return ctx


class BuildingEditView(ObjectEditView):
    model = Building
    form_class = BuildingForm


class BuildingDeleteView(ObjectDeleteView):
    model = Building
    success_url_name = "facilities:building_list"


class PremiseListView(ObjectListView):
    model = Premise
    table_class = PremiseTable
    filterset_class = PremiseFilterSet
    add_url_name = "facilities:premise_add"
    export_name = "premises"
    template_name = "facilities/premise_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("building", "user_organisation")


class PremiseDetailView(ObjectDetailView):
    model = Premise
    template_name = "facilities/premise_detail.html"
    edit_url_name = "facilities:premise_edit"
    delete_url_name = "facilities:premise_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["leases"] = Lease.objects.restrict(user, "view").filter(premise=self.object).select_related(
            "landlord", "tenant")
        ctx["shared_uses"] = SharedUse.objects.restrict(user, "view").filter(premise=self.object).select_related(
            "organisation", "unit")
        return ctx


class PremiseEditView(ObjectEditView):
    model = Premise
    form_class = PremiseForm


class PremiseDeleteView(ObjectDeleteView):
    model = Premise
    success_url_name = "facilities:premise_list"


class LeaseListView(ObjectListView):
    model = Lease
    table_class = LeaseTable
    filterset_class = LeaseFilterSet
    add_url_name = "facilities:lease_add"
    export_name = "leases"
    template_name = "facilities/lease_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("premise__building", "landlord", "tenant")


class LeaseDetailView(ObjectDetailView):
    """A lease: its term, notice deadline, options; the prices only for those who may see them."""

    model = Lease
    template_name = "facilities/lease_detail.html"
    edit_url_name = "facilities:lease_edit"
    delete_url_name = "facilities:lease_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lease = self.object
        hidden = lease.hidden_fields_for(self.request.user)
        ctx.update(
            prices_hidden=bool(hidden & {"internal_capital_cost", "internal_maintenance_cost"}),
            options=LeaseOption.objects.restrict(self.request.user, "view").filter(lease=lease),
            notice_deadline=lease.notice_deadline,
            today=timezone.localdate(),
            rules=RULES.values(),
        )
        return ctx


class LeaseEditView(ObjectEditView):
    model = Lease
    form_class = LeaseForm


class LeaseDeleteView(ObjectDeleteView):
    model = Lease
    success_url_name = "facilities:lease_list"


class LeaseOptionEditView(ObjectEditView):
    model = LeaseOption
    form_class = LeaseOptionForm


class LeaseOptionDeleteView(ObjectDeleteView):
    model = LeaseOption
    success_url_name = "facilities:lease_list"


class SharedUseEditView(ObjectEditView):
    model = SharedUse
    form_class = SharedUseForm


class SharedUseDeleteView(ObjectDeleteView):
    model = SharedUse
    success_url_name = "facilities:premise_list"


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


class SupportServiceListView(ObjectListView):
    model = SupportService
    table_class = SupportServiceTable
    filterset_class = SupportServiceFilterSet
    add_url_name = "facilities:support_add"
    export_name = "support-services"
    template_name = "facilities/support_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("provider", "recipient")


class SupportServiceDetailView(ObjectDetailView):
    model = SupportService
    template_name = "facilities/support_detail.html"
    edit_url_name = "facilities:support_edit"
    delete_url_name = "facilities:support_delete"


class SupportServiceEditView(ObjectEditView):
    model = SupportService
    form_class = SupportServiceForm


class SupportServiceDeleteView(ObjectDeleteView):
    model = SupportService
    success_url_name = "facilities:support_list"


class SupportFlowsView(TemplateView):
    """A county's support-service flows: county → its municipalities and back, with value."""

    template_name = "facilities/support_flows.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        from yhdyspinta.organisations.models import Organisation

        county = get_object_or_404(Organisation.objects.organising_areas(), pk=kwargs["pk"])
        ctx.update(county=county, flows=support_flows(self.request.user, county))
        return ctx
