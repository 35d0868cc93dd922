"""The facilities API: one RestrictedModelViewSet per model, declared in one table."""

from yhdyspinta.core.api.views import RestrictedModelViewSet

from .. import filtersets as f
from ..models import Building, Lease, LeaseOption, Premise, SharedUse, SupportService
from . import serializers as s


def viewset(model, serializer_class, filterset_class, ordering_fields) -> type:
    """`<Model>ViewSet`: restricted reads, read logging, audited writes (core), this model's parts."""
    return type(f"{model.__name__}ViewSet", (RestrictedModelViewSet,), {
        "__module__": __name__, "queryset": model.objects.all(), "serializer_class": serializer_class,
        "filterset_class": filterset_class, "ordering_fields": ordering_fields})


BuildingViewSet = viewset(Building, s.BuildingSerializer, f.BuildingFilterSet, ("name", "floor_area"))
PremiseViewSet = viewset(Premise, s.PremiseSerializer, f.PremiseFilterSet, ("name", "area"))
LeaseViewSet = viewset(Lease, s.LeaseSerializer, f.LeaseFilterSet, ("starts_on", "ends_on"))
LeaseOptionViewSet = viewset(LeaseOption, s.LeaseOptionSerializer, f.LeaseOptionFilterSet, ("starts_on",))
SharedUseViewSet = viewset(SharedUse, s.SharedUseSerializer, f.SharedUseFilterSet,
                           ("share_of_hours", "share_of_area"))
SupportServiceViewSet = viewset(SupportService, s.SupportServiceSerializer, f.SupportServiceFilterSet,
                                ("title", "annual_value"))
