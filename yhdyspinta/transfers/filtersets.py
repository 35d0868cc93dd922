import django_filters
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import SearchFilterSet
from yhdyspinta.organisations.models import Organisation

from .models import Decision, InventoryItem, ItemKind, ItemStatus, TransferProject


class ProjectFilterSet(SearchFilterSet):
    search_fields = ("title", "description")
    organisation = django_filters.ModelChoiceFilter(label=_("Party"), field_name="parties",
                                                    queryset=Organisation.objects.active())
    area = django_filters.ModelChoiceFilter(label=_("County"), queryset=Organisation.objects.organising_areas())

    class Meta:
        model = TransferProject
        fields = ["q", "organisation", "area", "visibility"]


class ItemFilterSet(SearchFilterSet):
    search_fields = ("title", "evidence", "notes")
    project = django_filters.ModelChoiceFilter(label=_("Transfer project"), queryset=TransferProject.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ItemKind.choices)
    decision = django_filters.ChoiceFilter(label=_("Decision"), choices=Decision.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ItemStatus.choices)
    owner = django_filters.ModelChoiceFilter(label=_("Owner organisation"), queryset=Organisation.objects.active())
    due_before = django_filters.DateFilter(label=_("Due on or before"), field_name="due_date", lookup_expr="lte")

    class Meta:
        model = InventoryItem
        fields = ["q", "project", "kind", "decision", "status", "owner", "due_before", "visibility"]

