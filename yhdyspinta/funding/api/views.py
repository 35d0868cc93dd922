"""API of the funding calculator: parameter sets (CRUD with validation), inputs, compute, compare."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from yhdyspinta.core.api.views import RestrictedModelViewSet
from yhdyspinta.core.audit import log_internal_reads
from yhdyspinta.core.localize import error_message

from ..compute import FundingInputError, compare_counties, compute_county_funding
from ..models import InputKind, InputSet, ParameterSet
from .serializers import (
    CompareResultSerializer,
    CompareSerializer,
    ComputeResultSerializer,
    ComputeSerializer,
    InputSetSerializer,
    ParameterSetSerializer,
    national_level,
)


class ParameterSetFilter(filters.FilterSet):
    class Meta:
        model = ParameterSet
        fields = ("year", "is_official_source", "owner", "based_on")


class ParameterSetViewSet(RestrictedModelViewSet):
    queryset = ParameterSet.objects.select_related("owner")
    serializer_class = ParameterSetSerializer
    filterset_class = ParameterSetFilter
    ordering_fields = ("year", "title", "version")

    def perform_create(self, serializer):
        if serializer.validated_data.get("owner") is None and not self.request.user.is_superuser:
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied
        serializer.validated_data["created_by"] = self.request.user
        super().perform_create(serializer)

    def perform_update(self, serializer):
        serializer.instance._actor = self.request.user  # recorded on the version snapshot
        super().perform_update(serializer)


class InputSetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InputSetSerializer
    filterset_fields = ("kind", "illustrative")

    def get_queryset(self):
        return InputSet.objects.restrict(self.request.user, "view")


def _number(value: Decimal | None, places: int = 6):
    """A JSON number (never a string, never 0E-21), to `places` decimals, half away from zero."""
    if value is None:
        return None
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return float(rounded) if places else int(rounded)


def _eur(value: Decimal | None):
    """Euros as the law's decisions give them: whole euros (ROUND_HALF_UP)."""
    return _number(value, 0)


def _per_resident(value: Decimal | None):
    return _number(value, 2)


def _sum_of_rows(rows, name, fallback):
    """A total equal to the sum of its rounded rows (rows rounded first, then summed)."""
    values = [row[name] for row in rows]
    return fallback if any(v is None for v in values) else sum(values)


def county_result_json(result):
    counties = [{
        "code": c.code, "name": c.name, "population": c.population,
        "computed_funding_eur": _eur(c.computed_funding_eur),
        "computed_per_resident": _per_resident(c.computed_per_resident),
        "breakdown": {b.key: _eur(b.amount_eur) for b in c.breakdown},
        "earlier_costs_indexed_eur": _eur(c.earlier_costs_indexed_eur),
        "change_per_resident": _per_resident(c.change_per_resident),
        "equalisation_per_resident": _per_resident(c.equalisation_per_resident),
        "equalisation_eur": _eur(c.equalisation_eur),
        "funding_after_eur": _eur(c.funding_after_eur),
        "funding_after_per_resident": _per_resident(c.funding_after_per_resident),
    } for c in result.counties]
    return {
        "parameter_set": result.parameter_set, "year": result.year,
        "total_funding_eur": _sum_of_rows(counties, "computed_funding_eur", _eur(result.total_funding_eur)),
        "equalisation_total_eur": _eur(result.equalisation_total_eur),
        "base_funding_eur": _eur(result.base_funding_eur),
        "cost_level_factor": _number(result.cost_level_factor),
        "national": None if result.national is None else {
            "level_eur": _eur(result.national.level_eur),
            "price_index_pct": {str(y): _number(v, 4) for y, v in result.national.price_index_pct.items()},
            "service_need_growth_pct": {str(y): _number(v, 4)
                                        for y, v in result.national.service_need_growth_pct.items()},
            "new_tasks_eur": _eur(result.national.new_tasks_eur),
            "ex_post_correction_eur": _eur(result.national.ex_post_correction_eur),
        },
        "counties": counties,
        "notice": _("Not official figures: the official funding calculations are made by the Ministry of Finance."),
        "illustrative": True,
    }


class _ComputeBase(APIView):
    serializer = ComputeSerializer

    def inputs(self, request):
        serializer = self.serializer(data=request.data, user=request.user)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["inputs"].kind != InputKind.COUNTY:
            return None, Response({"inputs": [_("county inputs expected")]}, status=status.HTTP_400_BAD_REQUEST)
        for record in (data["parameter_set"], data["inputs"], data.get("base")):
            if record is not None:
                log_internal_reads(request, type(record), [record], detail=request.get_full_path())
        return data, None


class ComputeView(_ComputeBase):
    """POST {parameter_set, year, inputs} → the county results: euros as whole-euro numbers, per-resident
    amounts to the cent; totals are the sums of the rounded rows."""

    @extend_schema(request=ComputeSerializer, responses={200: ComputeResultSerializer, 400: OpenApiTypes.OBJECT})
    def post(self, request):
        data, error = self.inputs(request)
        if error:
            return error
        ps = data["parameter_set"]
        try:
            result = compute_county_funding(ps.parameters(), data["inputs"].county_inputs(),
                                            data.get("year") or ps.year,
                                            national=national_level(data, data.get("year") or ps.year))
        except FundingInputError as exc:
            return Response({"non_field_errors": [error_message(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(county_result_json(result))


class CompareView(_ComputeBase):
    """POST {parameter_set (scenario), base (default: its base), year, inputs} → differences per county."""

    serializer = CompareSerializer

    @extend_schema(request=CompareSerializer, responses={200: CompareResultSerializer, 400: OpenApiTypes.OBJECT})
    def post(self, request):
        data, error = self.inputs(request)
        if error:
            return error
        scenario = data["parameter_set"]
        base = data.get("base")
        if base is None:
            base = ParameterSet.objects.restrict(request.user, "view").filter(pk=scenario.based_on_id).first()
        if base is None:
            return Response({"base": [_("no base: give one")]}, status=status.HTTP_400_BAD_REQUEST)
        year = data.get("year") or scenario.year
        counties = data["inputs"].county_inputs()
        try:
            national = national_level(data, year)
            diffs = compare_counties(compute_county_funding(base.parameters(), counties, year, national=national),
                                     compute_county_funding(scenario.parameters(), counties, year,
                                                            national=national))
        except FundingInputError as exc:
            return Response({"non_field_errors": [error_message(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response({
            "scenario": scenario.pk, "base": base.pk, "year": year,
            "differences": [{"code": d.code, "name": d.name, "population": d.population,
                             "base_eur": _eur(d.base_eur), "scenario_eur": _eur(d.scenario_eur),
                             "difference_eur": _eur(d.scenario_eur) - _eur(d.base_eur),
                             "difference_per_resident": _per_resident(d.difference_per_resident)}
                            for d in diffs],
        })
