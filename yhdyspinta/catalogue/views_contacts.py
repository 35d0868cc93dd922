"""Editors' pages for what residents reach (issue 16): public services residents cannot contact (no
contact, service point or web page of their own; whether the organiser's general contact stands in;
PTV matches to confirm), organisations' general contacts and the search synonyms."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from django.views.generic import TemplateView

from yhdyspinta.core.exports import export_metadata, export_response
from yhdyspinta.core.models import Visibility
from yhdyspinta.core.views.generic import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    run_action,
)

from . import queries
from .filtersets import OrganisationContactFilterSet, SearchSynonymFilterSet
from .forms import OrganisationContactForm, SearchSynonymForm
from .models import OrganisationContact, PtvService, SearchSynonym, Service
from .ptv_actions import link_ptv
from .tables import OrganisationContactTable, SearchSynonymTable


class ContactGapsView(LoginRequiredMixin, TemplateView):
    template_name = "catalogue/contact_gaps.html"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt:
            rows = queries.contact_gaps(request.user)
            header = [_("Service"), _("Organiser"), pgettext("service field", "Field"), _("General contact of the organiser"),
                      _("Suggested PTV service")]
            data = [[r["service"].name, str(r["service"].organisation), r["service"].get_field_display(),
                     _("yes") if r["general"] else _("no"), r["suggestion"].name if r["suggestion"] else ""]
                    for r in rows]
            return export_response(request, fmt, header, data, name="services-without-contacts", model=Service,
                                   objects=[r["service"] for r in rows], metadata_sheet=True,
                                   metadata=export_metadata(request, _("Public services without contacts")))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = queries.contact_gaps(self.request.user)
        ctx["total"] = Service.objects.restrict(self.request.user, "view").filter(
            visibility=Visibility.PUBLIC).count()
        return ctx


class LinkPtvView(LoginRequiredMixin, View):
    """POST: the editor confirms that a register service is the suggested PTV service."""

    def post(self, request, pk):
        service = get_object_or_404(Service.objects.restrict(request.user, "view"), pk=pk)
        ptv = get_object_or_404(PtvService, ptv_id=request.POST.get("ptv_id", ""),
                                organisation=service.organisation)
        run_action(request, link_ptv, service, ptv.ptv_id, acting_user=request.user,
                   success=_("Linked to the PTV service; its contacts come in at the next refresh."))
        return redirect("catalogue:contact_gaps")


class GeneralContactListView(ObjectListView):
    """Organisations' general contacts: what the finder shows when a service has no contact of its own."""

    model = OrganisationContact
    table_class = OrganisationContactTable
    filterset_class = OrganisationContactFilterSet
    add_url_name = "catalogue:general_contact_add"
    export_name = "general-contacts"
    related = ("organisation",)


class GeneralContactEditView(ObjectEditView):
    """Add or change an organisation's general contacts: its editors (can(user, obj, "change")), audited."""

    model = OrganisationContact
    form_class = OrganisationContactForm


class SynonymListView(ObjectListView):
    """The editors' search synonyms (on top of the shipped list, docs/search.md)."""

    model = SearchSynonym
    table_class = SearchSynonymTable
    filterset_class = SearchSynonymFilterSet
    add_url_name = "catalogue:synonym_add"
    export_name = "search-synonyms"
    related = ("organisation",)


class SynonymEditView(ObjectEditView):
    """Add or change a synonym: editors of the keeping organisation (audited save_form)."""

    model = SearchSynonym
    form_class = SearchSynonymForm


class SynonymDeleteView(ObjectDeleteView):
    model = SearchSynonym
    success_url_name = "catalogue:synonym_list"
