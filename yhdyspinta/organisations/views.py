from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from yhdyspinta.core.collation import CollatedListMixin, sorted_by
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


class OrganisationListView(CollatedListMixin, ObjectListView):
    """Sorted by the page's language before paginating (Åbo after Z, Jakobstad among the J's in Swedish)."""

    model = Organisation
    table_class = OrganisationTable
    filterset_class = OrganisationFilterSet
    export_name = "organisations"

    related = ("area",)


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
            sorted(sorted_by(org.area_members.exclude(pk=org.pk), key=lambda o: o.name), key=lambda o: o.kind)
            if org.organises_sote else []
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
        members = self.object.area_members.active()  # a few dozen: sorted by the page's language
        ctx["municipalities"] = sorted_by(members.filter(kind="municipality"), key=lambda o: o.name)
        ctx["others"] = sorted_by(members.exclude(kind="municipality").exclude(pk=self.object.pk),
                                  key=lambda o: o.name)
        ctx["population_sum"] = sum(m.population or 0 for m in ctx["municipalities"])
        return ctx


class OrganisationOverviewView(DetailView):
    """A municipality's or county's whole picture: one section per app (core/orgpage.py), each
    read through the user's view rights; `?export=csv|xlsx` gives every row of every section."""

    model = Organisation
    template_name = "organisations/organisation_overview.html"

    def get(self, request, *args, **kwargs):
        from django.utils.translation import gettext as _

        from yhdyspinta.core import orgpage
        from yhdyspinta.core.exports import export_response

        self.object = self.get_object()
        self.sections = orgpage.build(self.object, request.user)
        fmt = request.GET.get("export")
        records = [row.record for _s, table in self.sections for row in table.rows if row.record is not None]
        if fmt:
            width = max((len(t.columns) for _s, t in self.sections), default=0)
            header = [_("Section")] + [_("Column %(n)s") % {"n": n} for n in range(1, width + 1)]
            rows = []
            for section, table in self.sections:
                rows.append([str(section.title)] + [str(c) for c in table.columns])
                rows.extend([str(section.title)] + ["" if c is None else c for c in row.cells] for row in table.rows)
            return _export(request, fmt, header, rows, self.object, records, export_response)
        _log_reads(request, records)
        return self.render_to_response(self.get_context_data(object=self.object, sections=self.sections))


def _export(request, fmt, header, rows, org, records, export_response):
    """One file; the internal records it holds are named in the access log, per type."""
    from yhdyspinta.core.audit import log_export

    by_model: dict = {}
    for record in records:
        by_model.setdefault(type(record), []).append(record)
    for model, objects in list(by_model.items())[1:]:
        log_export(request, model, objects, detail=f"organisation overview {org.pk}")
    from django.utils.translation import gettext as _

    from yhdyspinta.core.exports import export_metadata

    first_model, first = next(iter(by_model.items()), (None, []))
    metadata = export_metadata(request, _("%(name)s: overview") % {"name": org})
    return export_response(request, fmt, header, rows, name=f"organisation-{org.pk}-overview", model=first_model,
                           objects=first, detail=f"organisation overview {org.pk} {fmt}", metadata=metadata)


def _log_reads(request, records):
    from yhdyspinta.core.audit import log_internal_reads

    by_model: dict = {}
    for record in records:
        by_model.setdefault(type(record), []).append(record)
    for model, objects in by_model.items():
        log_internal_reads(request, model, objects, detail="organisation overview")


class OrganisationEditView(ObjectEditView):
    model = Organisation
    form_class = OrganisationForm
    save_action = staticmethod(actions.save_organisation)


class UnitListView(CollatedListMixin, ObjectListView):
    model = Unit
    collate_default = ("organisation", "name")
    table_class = UnitTable
    filterset_class = UnitFilterSet
    add_url_name = "organisations:unit_add"
    export_name = "units"

    related = ("organisation", "parent__organisation")


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


class PersonListView(CollatedListMixin, ObjectListView):
    model = Person
    collate_default = ("last_name", "first_name")
    table_class = PersonTable
    filterset_class = PersonFilterSet
    add_url_name = "organisations:person_add"
    export_name = "people"

    related = ("organisation",)


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
