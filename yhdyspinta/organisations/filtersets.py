import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import RestrictedFilterSet
from yhdyspinta.core.search import text_filter

from .models import Organisation, OrganisationKind, Person, Unit


class SearchFilterMixin(RestrictedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    search_fields: tuple[str, ...] = ()

    def search(self, queryset, name, value):
        return queryset.filter(text_filter(self.search_fields, value)) if value else queryset


class OrganisationFilterSet(SearchFilterMixin):
    search_fields = ("name_fi", "name_sv", "name_en", "code", "short_name_fi")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    area = django_filters.ModelChoiceFilter(
        label=_("Organising area"), queryset=Organisation.objects.filter(organises_sote=True)
    )
    active = django_filters.BooleanFilter(label=_("Active"), field_name="valid_until", lookup_expr="isnull")

    class Meta:
        model = Organisation
        fields = ["q", "kind", "area", "active"]


class UnitFilterSet(SearchFilterMixin):
    search_fields = ("name_fi", "name_sv", "name_en")

    class Meta:
        model = Unit
        fields = ["q", "organisation"]


class PersonFilterSet(SearchFilterMixin):
    search_fields = ("first_name", "last_name", "title_fi", "title_sv", "title_en")
    area = django_filters.ModelChoiceFilter(
        label=_("Organising area"), queryset=Organisation.objects.filter(organises_sote=True),
        method="filter_area",
    )

    class Meta:
        model = Person
        fields = ["q", "organisation", "area", "visibility"]

    def filter_area(self, queryset, name, value):
        return queryset.filter(Q(organisation__area=value)) if value else queryset
