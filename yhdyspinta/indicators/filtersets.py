import django_filters
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import (
    KnownValuesFilter,
    RestrictedFilterSet,
    SearchFilterSet,
    known_values,
)
from yhdyspinta.organisations.models import Organisation

from .models import (
    Composite,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    Measure,
    SharedGoal,
    WelfareReport,
)


def areas():
    return Organisation.objects.organising_areas()


class IndicatorFilterSet(SearchFilterSet):
    search_fields = ("title_fi", "title_sv", "title_en", "source_id")

    class Meta:
        model = Indicator
        fields = ("q", "source", "source_id")


class IndicatorValueFilterSet(RestrictedFilterSet):
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte", label=_("From year"))
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label=_("To year"))
    area = django_filters.ModelChoiceFilter(label=_("Organising area"), queryset=areas(), field_name="region__area")
    # several values (comma-separated or repeated); an unknown one is a 400 naming it
    indicator = KnownValuesFilter(field_name="indicator", label=_("Indicator"), what=_("indicator"),
                                  known=known_values(lambda: Indicator.objects.all(), "pk"))
    sotkanet_id = KnownValuesFilter(
        field_name="indicator__source_id", label=_("Sotkanet indicator id"), what=_("Sotkanet indicator id"),
        known=known_values(lambda: Indicator.objects.filter(source="sotkanet"), "source_id"))
    region = KnownValuesFilter(field_name="region", label=_("Region"), what=_("region"),
                               known=known_values(lambda: Organisation.objects.all(), "pk"))
    region_code = KnownValuesFilter(field_name="region__code", label=_("Region code"), what=_("region code"),
                                    known=known_values(lambda: Organisation.objects.all(), "code"))

    class Meta:
        model = IndicatorValue
        fields = ("indicator", "sotkanet_id", "region", "region_code", "area", "year", "year_from", "year_to",
                  "sex")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("sotkanet_id"):
            queryset = queryset.filter(indicator__source="sotkanet")
        return queryset


class IndicatorSetFilterSet(SearchFilterSet):
    search_fields = ("name_fi", "name_sv", "name_en")

    class Meta:
        model = IndicatorSet
        fields = ("q", "organisation", "followed")


class SharedGoalFilterSet(SearchFilterSet):
    search_fields = ("title_fi", "title_sv", "title_en")
    area = django_filters.ModelChoiceFilter(label=_("Organising area"), queryset=areas(),
                                            field_name="organisation__area")

    class Meta:
        model = SharedGoal
        fields = ("q", "organisation", "area", "visibility")


class MeasureFilterSet(SearchFilterSet):
    search_fields = ("title_fi", "title_sv", "title_en")

    class Meta:
        model = Measure
        fields = ("q", "goal", "status")


class CompositeFilterSet(SearchFilterSet):
    search_fields = ("name_fi", "name_sv", "name_en")

    class Meta:
        model = Composite
        fields = ("q", "organisation", "level")


class WelfareReportFilterSet(SearchFilterSet):
    search_fields = ("title_fi", "title_sv", "title_en")
    area = django_filters.ModelChoiceFilter(label=_("Organising area"), queryset=areas(),
                                            field_name="organisation__area")

    class Meta:
        model = WelfareReport
        fields = ("q", "organisation", "area", "kind", "year", "status")
