import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.collation import CollatedModelChoiceFilter
from yhdyspinta.core.filtersets import RestrictedFilterSet, SearchFilterSet
from yhdyspinta.organisations.models import Organisation

from .choices import ClientGroup, Dimension, Level, ServiceField, Theme
from .models import (
    Interface,
    MappingRound,
    MaturityAssessment,
    OrganisationContact,
    SearchSynonym,
    Service,
)


class ServiceFilterSet(SearchFilterSet):
    search_fields = ("name_fi", "name_sv", "name_en", "description_fi", "legal_basis")
    field = django_filters.ChoiceFilter(label=pgettext_lazy("service field", "Field"), choices=ServiceField.choices)
    organisation = CollatedModelChoiceFilter(label=_("Organiser"), queryset=Organisation.objects.active())
    area = CollatedModelChoiceFilter(label=_("Area"), field_name="organisation__area",
                                            queryset=Organisation.objects.organising_areas())

    class Meta:
        model = Service
        fields = ["q", "field", "organisation", "area", "visibility"]


class InterfaceFilterSet(SearchFilterSet):
    search_fields = ("title_fi", "title_sv", "title_en", "summary_fi", "summary_sv", "summary_en")
    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=Theme.choices)
    client_group = django_filters.ChoiceFilter(label=_("Client group"), choices=ClientGroup.choices)
    level = django_filters.ChoiceFilter(label=_("Cooperation level"), choices=Level.choices, method="filter_level")
    organisation = CollatedModelChoiceFilter(label=_("Organisation"), field_name="parties",
                                                    queryset=Organisation.objects.active())
    area = CollatedModelChoiceFilter(label=_("Area"), queryset=Organisation.objects.organising_areas())

    class Meta:
        model = Interface
        fields = ["q", "theme", "client_group", "level", "organisation", "area", "visibility"]

    def filter_level(self, queryset, name, value):
        return queryset.filter(**{f"level_{value}": True}) if value in Level.values else queryset


class AssessmentFilterSet(RestrictedFilterSet):
    dimension = django_filters.ChoiceFilter(label=_("Dimension"), choices=Dimension.choices)
    retracted = django_filters.BooleanFilter(label=_("Retracted"), method="filter_retracted")
    area = CollatedModelChoiceFilter(label=_("Area"), field_name="interface__area",
                                            queryset=Organisation.objects.organising_areas())

    class Meta:
        model = MaturityAssessment
        fields = ["interface", "dimension", "value", "area", "retracted"]

    def filter_retracted(self, queryset, name, value):
        """?retracted=false: the assessments that still count; true: the retracted ones."""
        return queryset if value is None else queryset.filter(retracted_at__isnull=not value)


class RoundFilterSet(RestrictedFilterSet):
    area = CollatedModelChoiceFilter(label=_("Wellbeing services county"),  # not every organisation (walk 6 #17)
                                     queryset=Organisation.objects.organising_areas())

    class Meta:
        model = MappingRound
        fields = ["area", "is_open"]


class OrganisationContactFilterSet(SearchFilterSet):
    search_fields = ("organisation__name_fi", "organisation__name_sv", "phone", "email")
    area = CollatedModelChoiceFilter(label=_("Area"), field_name="organisation__area",
                                            queryset=Organisation.objects.organising_areas())

    class Meta:
        model = OrganisationContact
        fields = ["q", "area"]


class SearchSynonymFilterSet(SearchFilterSet):
    search_fields = ("phrase", "expands_to")
    language = django_filters.ChoiceFilter(label=_("Language"), choices=SearchSynonym.Language.choices)

    class Meta:
        model = SearchSynonym
        fields = ["q", "language", "organisation"]
