import django_filters
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import RestrictedFilterSet, SearchFilterSet

from .models import InputKind, InputSet, ParameterSet


class ParameterSetFilterSet(SearchFilterSet):
    search_fields = ("title_fi", "title_sv", "title_en", "name")
    year = django_filters.NumberFilter(label=_("Year"))
    is_official_source = django_filters.BooleanFilter(label=_("From public sources"))

    class Meta:
        model = ParameterSet
        fields = ("q", "year", "is_official_source")


class InputSetFilterSet(RestrictedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InputKind.choices)

    class Meta:
        model = InputSet
        fields = ("kind", "illustrative")
