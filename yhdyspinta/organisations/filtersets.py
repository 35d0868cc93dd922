import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.collation import CollatedModelChoiceFilter
from yhdyspinta.core.filtersets import SearchFilterSet

from .models import Organisation, OrganisationKind, Person, Unit


class OrganisationFilterSet(SearchFilterSet):
    search_fields = ("name_fi", "name_sv", "name_en", "code", "short_name_fi")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    area = CollatedModelChoiceFilter(label=_("Organising area"), queryset=Organisation.objects.organising_areas())
    active = django_filters.BooleanFilter(label=_("Active"), field_name="valid_until", lookup_expr="isnull")

    class Meta:
        model = Organisation
        fields = ["q", "kind", "area", "active"]


class UnitFilterSet(SearchFilterSet):
    search_fields = ("name_fi", "name_sv", "name_en")

    class Meta:
        model = Unit
        fields = ["q", "organisation"]


class PersonFilterSet(SearchFilterSet):
    search_fields = ("first_name", "last_name", "title_fi", "title_sv", "title_en")
    area = CollatedModelChoiceFilter(
        label=_("Organising area"), queryset=Organisation.objects.organising_areas(),
        method="filter_area",
    )

    class Meta:
        model = Person
        fields = ["q", "organisation", "area", "visibility"]

    def filter_area(self, queryset, name, value):
        return queryset.filter(Q(organisation__area=value)) if value else queryset
