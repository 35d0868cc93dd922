"""The facilities API: one RestrictedModelViewSet per model, declared in one table."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from yhdyspinta.core.api.formats import (
    FORMAT_PARAMETERS,
    metadata_lines,
    table_format,
    table_response,
)
from yhdyspinta.core.api.views import RestrictedModelViewSet

from .. import filtersets as f
from ..models import (
    Building,
    Lease,
    LeaseOption,
    Premise,
    School,
    SharedUse,
    SupportService,
    WelfareService,
)
from ..proximity import KINDS, LEGAL_BASIS, totals
from ..queries import school_rows
from . import serializers as s

DAY_COLUMNS = tuple(f"{kind}_days" for kind in KINDS)
PROXIMITY_COLUMNS = ("school", "name", "municipality", "municipality_name", "level", "pupils", *DAY_COLUMNS,
                     "without")


def proximity_record(row) -> dict:
    return {"school": row.pk, "name": row.name, "municipality": row.municipality_id,
            "municipality_name": row.municipality, "level": row.level, "pupils": row.pupils,
            **{f"{kind}_days": row.days.get(kind) for kind in KINDS},
            "without": [kind for kind in KINDS if not row.on_site(kind)]}


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


class SchoolViewSet(viewset(School, s.SchoolSerializer, f.SchoolFilterSet, ("pupils", "school_code"))):
    """Schools; `?without=curator` lists those without an on-site curator. `proximity`: the check."""

    @extend_schema(parameters=[s.ProximityQuerySerializer, *FORMAT_PARAMETERS], responses=s.ProximitySerializer)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def proximity(self, request):
        """The proximity check: every school the user may view (of `?county=` / `?municipality=` /
        `?level=`) with the days a week each student-welfare service is on site and the kinds it
        lacks, with their legal basis; `?format=csv|xlsx` for a file."""
        query = s.ProximityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = school_rows(request.user, **query.validated_data)
        results = [proximity_record(row) for row in rows]
        fmt = table_format(request)
        if fmt:
            meta = metadata_lines(request, title=_("Student welfare on site (proximity principle)"), extra=[
                f"{rule.source}: {rule.summary}" for rule in LEGAL_BASIS.values()])
            flat = [{**r, "without": ", ".join(r["without"])} for r in results]
            return table_response(request, fmt, flat, header=PROXIMITY_COLUMNS, name="proximity-check",
                                  model=School, objects=[], metadata=meta, decimal_names=DAY_COLUMNS)
        basis = [{"kind": k, "source": r.source, "summary": str(r.summary), "verified": r.verified, "url": r.url}
                 for k, r in LEGAL_BASIS.items()]
        return Response(s.ProximitySerializer({"legal_basis": basis, "totals": totals(rows), "results": results}).data)
WelfareServiceViewSet = viewset(WelfareService, s.WelfareServiceSerializer, f.WelfareServiceFilterSet,
                                ("kind", "days_per_week"))
