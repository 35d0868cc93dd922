import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import RestrictedFilterSet, SearchFilterSet
from yhdyspinta.organisations.models import Organisation

from .models import (
    Building,
    Lease,
    LeaseOption,
    Premise,
    RentBasis,
    School,
    SchoolLevel,
    SharedUse,
    SupportKind,
    SupportService,
    Use,
    WelfareKind,
    WelfareService,
)

AREAS = Organisation.objects.organising_areas()
MUNICIPALITIES = Organisation.objects.filter(kind="municipality")


def _in_county(field_names):
    """Records whose organisations (any of `field_names`) are the county or lie in its area.
    The county's organisations are read first, so the filter is an IN on the records' own foreign
    keys, without joins or DISTINCT (the county premises page at national scale, bench/facilities)."""
    def method(queryset, name, value):
        if not value:
            return queryset
        ids = list(Organisation.objects.filter(Q(pk=value.pk) | Q(area=value)).values_list("pk", flat=True))
        q = Q()
        for field in field_names:
            q |= Q(**{f"{field}__in": ids})
        return queryset.filter(q)
    return method


class BuildingFilterSet(SearchFilterSet):
    search_fields = ("name", "address", "building_id")
    county = django_filters.ModelChoiceFilter(label=_("Wellbeing services county"), queryset=AREAS,
                                              method=lambda qs, n, v: _in_county(("municipality", "owner"))(qs, n, v))
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=MUNICIPALITIES)
    use = django_filters.ChoiceFilter(label=_("Use"), choices=Use.choices)

    class Meta:
        model = Building
        fields = ("q", "county", "municipality", "owner", "use", "visibility")


class PremiseFilterSet(SearchFilterSet):
    search_fields = ("name", "building__name")
    county = django_filters.ModelChoiceFilter(
        label=_("Wellbeing services county"), queryset=AREAS,
        method=lambda qs, n, v: _in_county(("building__municipality", "user_organisation"))(qs, n, v))
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=MUNICIPALITIES,
                                                    field_name="building__municipality")
    # By the building's id (its page links here, the API filters by it): a select of every building
    # of the country would be 20 000 options on the county page (bench/facilities); `q` finds by name.
    building = django_filters.NumberFilter(field_name="building", widget=forms.HiddenInput)

    class Meta:
        model = Premise
        fields = ("q", "county", "municipality", "building", "use", "user_organisation", "visibility")


class LeaseFilterSet(SearchFilterSet):
    search_fields = ("reference", "premise__name", "premise__building__name")
    county = django_filters.ModelChoiceFilter(label=_("Wellbeing services county"), queryset=AREAS,
                                              method=lambda qs, n, v: _in_county(("landlord", "tenant"))(qs, n, v))
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=MUNICIPALITIES,
                                                    field_name="premise__building__municipality")
    rent_basis = django_filters.ChoiceFilter(label=_("Rent basis"), choices=RentBasis.choices)
    ends_before = django_filters.DateFilter(label=_("Term ends before"), field_name="ends_on", lookup_expr="lt")

    class Meta:
        model = Lease
        fields = ("q", "county", "municipality", "landlord", "tenant", "transitional", "rent_basis", "ends_before",
                  "visibility")


class LeaseOptionFilterSet(RestrictedFilterSet):
    class Meta:
        model = LeaseOption
        fields = ("lease", "statutory")


class SharedUseFilterSet(RestrictedFilterSet):
    class Meta:
        model = SharedUse
        fields = ("premise", "organisation")


class SupportServiceFilterSet(SearchFilterSet):
    search_fields = ("title",)
    county = django_filters.ModelChoiceFilter(label=_("Wellbeing services county"), queryset=AREAS,
                                              method=lambda qs, n, v: _in_county(("provider", "recipient"))(qs, n, v))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SupportKind.choices)

    class Meta:
        model = SupportService
        fields = ("q", "county", "kind", "provider", "recipient", "visibility")


def _without_on_site(queryset, name, value):
    """Schools without an on-site service of the kind `value`."""
    if not value:
        return queryset
    return queryset.exclude(welfare_services__kind=value)


class SchoolFilterSet(SearchFilterSet):
    search_fields = ("unit__name", "school_code")
    county = django_filters.ModelChoiceFilter(label=_("Wellbeing services county"), queryset=AREAS,
                                              field_name="municipality__area")
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=MUNICIPALITIES)
    level = django_filters.ChoiceFilter(label=_("Level of education"), choices=SchoolLevel.choices)
    without = django_filters.ChoiceFilter(label=_("Without on site"), choices=WelfareKind.choices,
                                          method=_without_on_site)

    class Meta:
        model = School
        fields = ("q", "county", "municipality", "level", "without", "visibility")


class WelfareServiceFilterSet(RestrictedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Service"), choices=WelfareKind.choices)

    class Meta:
        model = WelfareService
        fields = ("school", "kind", "provider")
