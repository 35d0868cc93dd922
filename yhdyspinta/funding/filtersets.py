import django_filters
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import RestrictedFilterSet
from yhdyspinta.core.search import text_filter

from .models import InputKind, InputSet, ParameterSet


class ParameterSetFilterSet(RestrictedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    year = django_filters.NumberFilter(label=_("Year"))
    is_official_source = django_filters.BooleanFilter(label=_("From public sources"))

    class Meta:
        model = ParameterSet
        fields = ("q", "year", "is_official_source")

    def search(self, queryset, name, value):
        return queryset.filter(text_filter(("title_fi", "title_sv", "title_en", "name"), value))


class InputSetFilterSet(RestrictedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InputKind.choices)

    class Meta:
        model = InputSet
        fields = ("kind", "illustrative")
