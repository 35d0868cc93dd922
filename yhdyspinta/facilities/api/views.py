from yhdyspinta.core.api.views import RestrictedModelViewSet

from ..filtersets import (
    BuildingFilterSet,
    LeaseFilterSet,
    LeaseOptionFilterSet,
    PremiseFilterSet,
    SharedUseFilterSet,
    SupportServiceFilterSet,
)
from ..models import Building, Lease, LeaseOption, Premise, SharedUse, SupportService
from . import serializers as s


class BuildingViewSet(RestrictedModelViewSet):
    queryset = Building.objects.all()
    serializer_class = s.BuildingSerializer
    filterset_class = BuildingFilterSet
    ordering_fields = ("name", "floor_area")


class PremiseViewSet(RestrictedModelViewSet):
    queryset = Premise.objects.all()
    serializer_class = s.PremiseSerializer
    filterset_class = PremiseFilterSet
    ordering_fields = ("name", "area")


class LeaseViewSet(RestrictedModelViewSet):
    queryset = Lease.objects.all()
    serializer_class = s.LeaseSerializer
    filterset_class = LeaseFilterSet
    ordering_fields = ("starts_on", "ends_on")


class LeaseOptionViewSet(RestrictedModelViewSet):
    queryset = LeaseOption.objects.all()
    serializer_class = s.LeaseOptionSerializer
    filterset_class = LeaseOptionFilterSet
    ordering_fields = ("starts_on",)


class SharedUseViewSet(RestrictedModelViewSet):
    queryset = SharedUse.objects.all()
    serializer_class = s.SharedUseSerializer
    filterset_class = SharedUseFilterSet
    ordering_fields = ("share_of_hours", "share_of_area")


class SupportServiceViewSet(RestrictedModelViewSet):
    queryset = SupportService.objects.all()
    serializer_class = s.SupportServiceSerializer
    filterset_class = SupportServiceFilterSet
    ordering_fields = ("title", "annual_value")
