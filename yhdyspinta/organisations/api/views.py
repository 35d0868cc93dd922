from yhdyspinta.core.api.views import RestrictedModelViewSet

from .. import actions
from ..filtersets import OrganisationFilterSet, PersonFilterSet, UnitFilterSet
from ..models import Organisation, Person, Unit
from .serializers import OrganisationSerializer, PersonSerializer, UnitSerializer


class OrganisationViewSet(RestrictedModelViewSet):
    """Organisations are reference data: created by the classification loader, edited by their admins."""

    queryset = Organisation.objects.select_related("area")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    ordering_fields = ["name", "code", "population", "kind"]
    http_method_names = ["get", "patch", "put", "head", "options"]
    update_action = actions.update_organisation  # its admins only, as on the page


class UnitViewSet(RestrictedModelViewSet):
    queryset = Unit.objects.select_related("organisation")
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    ordering_fields = ["name", "organisation"]


class PersonViewSet(RestrictedModelViewSet):
    queryset = Person.objects.select_related("organisation")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["last_name", "first_name", "organisation"]
