"""The facilities API: one RestrictedModelViewSet per model, declared in one table."""

from decimal import Decimal

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
from ..proximity import (
    DAYS_PER_FTE,
    GROUPINGS,
    KINDS,
    LEGAL_BASIS,
    STAFFED_KINDS,
    STAFFING_RATIOS,
    staffing,
    totals,
)
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


STAFFING_COLUMNS = ("grouping", "id", "name", "schools", "counted", "pupils",
                    *(f"{kind}_{part}" for kind in STAFFED_KINDS for part in ("fte", "pupils_per_fte", "status")))


def staffing_record(entry) -> dict:
    record = {"grouping": entry.grouping, "id": entry.key, "name": entry.name, "schools": entry.schools,
              "counted": entry.counted, "pupils": entry.pupils}
    for kind, staff, per, status in entry.cells():
        record.update({f"{kind}_fte": staff.quantize(FTE_PLACES), f"{kind}_pupils_per_fte": None if per is None
                       else int(per), f"{kind}_status": status})
    return record


def staffing_json(record) -> dict:
    """A staffing record as `StaffingRowSerializer` writes it (decimals as text), without running
    the serializer over hundreds of rows (the answer's schema is still that serializer's)."""
    record = dict(record)
    for kind in STAFFED_KINDS:
        record[f"{kind}_fte"] = str(record[f"{kind}_fte"])
    return record


FTE_PLACES = Decimal("0.01")


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
        lacks, with their legal basis; `staffing`: pupils per full-time curator and psychologist on
        site (days a week / 5) per county, municipality and education organiser against the
        statutory ratios; `?format=csv|xlsx` for a file (`&table=staffing` for the staffing table)."""
        query = s.ProximityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        scope = dict(query.validated_data)
        table = scope.pop("table", "schools")
        rows = school_rows(request.user, **scope)
        groups = {grouping: [staffing_record(e) for e in staffing(rows, grouping)] for grouping in GROUPINGS}
        fmt = table_format(request)
        if fmt and table == "staffing":
            meta = metadata_lines(request, title=_("Pupils per full-time curator and psychologist"), extra=[
                f"{r.source}: {r.summary}" for r in STAFFING_RATIOS.values()])
            flat = [record for grouping in GROUPINGS for record in groups[grouping]]
            return table_response(request, fmt, flat, header=STAFFING_COLUMNS, name="proximity-staffing",
                                  model=School, objects=[], metadata=meta,
                                  decimal_names=tuple(f"{kind}_fte" for kind in STAFFED_KINDS))
        results = [proximity_record(row) for row in rows]
        if fmt:
            meta = metadata_lines(request, title=_("Student welfare on site (proximity principle)"), extra=[
                f"{rule.source}: {rule.summary}" for rule in LEGAL_BASIS.values()])
            flat = [{**r, "without": ", ".join(r["without"])} for r in results]
            return table_response(request, fmt, flat, header=PROXIMITY_COLUMNS, name="proximity-check",
                                  model=School, objects=[], metadata=meta, decimal_names=DAY_COLUMNS)
        basis = [{"kind": k, "source": r.source, "summary": str(r.summary), "verified": r.verified, "url": r.url}
                 for k, r in LEGAL_BASIS.items()]
        ratios = [{"kind": k, "max_pupils": r.max_pupils, "in_force_from": r.in_force_from, "source": r.source,
                   "summary": str(r.summary), "verified": r.verified, "url": r.url} for k, r in STAFFING_RATIOS.items()]
        data = s.ProximitySerializer({
            "legal_basis": basis, "totals": totals(rows), "results": results,
            "staffing": {"days_per_fte": int(DAYS_PER_FTE), "ratios": ratios,
                         **{grouping: [] for grouping in GROUPINGS}}}).data
        data["staffing"].update({grouping: [staffing_json(r) for r in groups[grouping]] for grouping in GROUPINGS})
        return Response(data)
WelfareServiceViewSet = viewset(WelfareService, s.WelfareServiceSerializer, f.WelfareServiceFilterSet,
                                ("kind", "days_per_week"))
