from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from yhdyspinta.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

from . import actions
from .filtersets import OrganisationFilterSet, PersonFilterSet, UnitFilterSet
from .forms import OrganisationForm, PersonForm, UnitForm
from .models import Organisation, Person, Unit
from .tables import OrganisationTable, PersonTable, UnitTable


class OrganisationListView(ObjectListView):
    model = Organisation
    table_class = OrganisationTable
    filterset_class = OrganisationFilterSet
    export_name = "organisations"

    def get_queryset(self):
        return super().get_queryset().select_related("area")


class OrganisationDetailView(ObjectDetailView):
    model = Organisation
    template_name = "organisations/organisation_detail.html"
    edit_url_name = "organisations:organisation_edit"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        org = self.object
        ctx["units"] = _tree(list(org.units.all()))
        ctx["people"] = Person.objects.restrict(self.request.user, "view").filter(organisation=org)
        ctx["area_members"] = (
            org.area_members.exclude(pk=org.pk).order_by("kind", "name") if org.organises_sote else []
        )
        return ctx


def _tree(units):
    """Units in depth-first order with their depth, for an indented list."""
    children: dict = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u)
    out = []

    def walk(parent_id, depth):
        for u in sorted(children.get(parent_id, []), key=lambda x: x.name):
            out.append((u, depth))
            walk(u.pk, depth + 1)

    walk(None, 0)
    return out


class AreaDetailView(DetailView):
    """A county's (or Helsinki's) page: its municipalities and the other organisations of the area."""

    template_name = "organisations/area_detail.html"
    context_object_name = "area"

    def get_object(self, queryset=None):
        return get_object_or_404(Organisation.objects.filter(organises_sote=True), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        members = self.object.area_members.active().order_by("name")
        ctx["municipalities"] = members.filter(kind="municipality")
        ctx["others"] = members.exclude(kind="municipality").exclude(pk=self.object.pk)
        ctx["population_sum"] = sum(m.population or 0 for m in ctx["municipalities"])
        return ctx


class OrganisationEditView(ObjectEditView):
    model = Organisation
    form_class = OrganisationForm
    save_action = staticmethod(actions.save_organisation)


class UnitListView(ObjectListView):
    model = Unit
    table_class = UnitTable
    filterset_class = UnitFilterSet
    add_url_name = "organisations:unit_add"
    export_name = "units"

    def get_queryset(self):
        return super().get_queryset().select_related("organisation", "parent__organisation")


class UnitDetailView(ObjectDetailView):
    model = Unit
    edit_url_name = "organisations:unit_edit"
    delete_url_name = "organisations:unit_delete"


class UnitEditView(ObjectEditView):
    model = Unit
    form_class = UnitForm


class UnitDeleteView(ObjectDeleteView):
    model = Unit
    success_url_name = "organisations:unit_list"


class PersonListView(ObjectListView):
    model = Person
    table_class = PersonTable
    filterset_class = PersonFilterSet
    add_url_name = "organisations:person_add"
    export_name = "people"

    def get_queryset(self):
        return super().get_queryset().select_related("organisation")


class PersonDetailView(ObjectDetailView):
    model = Person
    template_name = "organisations/person_detail.html"
    edit_url_name = "organisations:person_edit"
    delete_url_name = "organisations:person_delete"


class PersonEditView(ObjectEditView):
    model = Person
    form_class = PersonForm


class PersonDeleteView(ObjectDeleteView):
    model = Person
    success_url_name = "organisations:person_list"
