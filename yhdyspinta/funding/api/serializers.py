from typing import ClassVar

from django.utils.translation import gettext as _
from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedSerializerMixin
from yhdyspinta.core.localize import error_message

from ..compute import FundingInputError, parameter_set_from_dict
from ..models import InputSet, ParameterSet
from ..paramdata import jsonable


class ParameterSetSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    """`data` is the parameter JSON; a bad set is a 400 with compute's exact reason under `data`."""

    name = serializers.SlugField(max_length=100, required=False)
    year = serializers.IntegerField(read_only=True)

    class Meta:
        model = ParameterSet
        fields = ("id", "name", "title_fi", "title_sv", "title_en", "year", "data", "based_on",
                  "is_official_source", "owner", "visibility", "version", "created_at", "updated_at")
        read_only_fields = ("is_official_source", "version", "created_at", "updated_at")
        extra_kwargs: ClassVar[dict] = {"title_fi": {"required": False}}

    def validate_data(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("expected a JSON object"))
        value = jsonable(value)
        try:
            parameter_set_from_dict(value)
        except FundingInputError as exc:
            raise serializers.ValidationError(error_message(exc)) from None
        return value

    def validate(self, attrs):
        data = attrs.get("data")
        if data is not None:
            attrs["year"] = int(data["year"])
            attrs.setdefault("name", str(data["name"])[:100])
            if not attrs.get("title_fi") and not (self.instance and self.instance.title_fi):
                attrs["title_fi"] = str(data["title"])[:300]
        elif self.instance is None:
            raise serializers.ValidationError({"data": ["This field is required."]})
        if "title_fi" in attrs:
            attrs["title"] = attrs["title_fi"]
        return attrs


class InputSetSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = InputSet
        fields = ("id", "kind", "name", "title_fi", "title_sv", "title_en", "illustrative", "source_note_fi",
                  "owner", "visibility", "rows")
        read_only_fields = fields


class ComputeSerializer(RestrictedSerializerMixin, serializers.Serializer):
    parameter_set = serializers.PrimaryKeyRelatedField(queryset=ParameterSet.objects.none())
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    inputs = serializers.PrimaryKeyRelatedField(queryset=InputSet.objects.none(), required=False,
                                                help_text="county input set; default: the first illustrative one")
    # national parameters of the year (compute.NationalLevel); all optional
    level_eur = serializers.DecimalField(max_digits=20, decimal_places=2, required=False,
                                         help_text="national funding level of the year; replaces the build-up")
    price_index_pct = serializers.DictField(child=serializers.DecimalField(max_digits=8, decimal_places=4),
                                            required=False, help_text='{"2024": "2.1", …} price index change')
    service_need_growth_pct = serializers.DictField(
        child=serializers.DecimalField(max_digits=8, decimal_places=4), required=False,
        help_text='{"2024": "1.2", …} service-need growth (the set adds its extra points)')
    new_tasks_eur = serializers.DecimalField(max_digits=20, decimal_places=2, required=False)
    ex_post_correction_eur = serializers.DecimalField(max_digits=20, decimal_places=2, required=False)
    published = serializers.BooleanField(
        required=False, default=False,
        help_text="use the year's published national figures (docs/funding.md) instead of the fields above")

    def __init__(self, *args, user=None, **kwargs):
        self.user = user  # before the fields are built: RestrictedSerializerMixin restricts them for this user
        super().__init__(*args, **kwargs)
        self.fields["parameter_set"].queryset = ParameterSet.objects.restrict(user, "view")
        self.fields["inputs"].queryset = InputSet.objects.restrict(user, "view")

    def validate(self, attrs):
        if attrs.get("inputs") is None:
            attrs["inputs"] = (InputSet.objects.restrict(self.user, "view").filter(kind="county")
                               .order_by("-illustrative", "pk").first())
            if attrs["inputs"] is None:
                raise serializers.ValidationError({"inputs": [_("no county inputs available")]})
        return attrs


NATIONAL_FIELDS = ("level_eur", "price_index_pct", "service_need_growth_pct", "new_tasks_eur",
                   "ex_post_correction_eur")


def national_level(data, year=None):
    """compute.NationalLevel from validated data; None when no national parameter is given.
    Years missing from the yearly maps count as 0 % (the API states every year it wants).
    ``published``: the published figures of ``year`` (FundingInputError when there are none)."""
    from yhdyspinta.core.reasons import reason

    from ..compute import FundingInputError, NationalLevel
    from ..compute.published import published_national

    if data.get("published"):
        found = published_national(year)
        if found is None:
            raise FundingInputError(reason("no published national figures for %(year)s", year=year))
        return found.national
    if not any(name in data for name in NATIONAL_FIELDS):
        return None

    def years(name):
        try:
            return {int(year): value for year, value in data.get(name, {}).items()}
        except ValueError:
            raise serializers.ValidationError({name: [_("keys must be years")]}) from None

    index, growth = years("price_index_pct"), years("service_need_growth_pct")
    return NationalLevel(
        price_index_pct=index, service_need_growth_pct=growth,
        new_tasks_eur=data.get("new_tasks_eur", 0), ex_post_correction_eur=data.get("ex_post_correction_eur", 0),
        level_eur=data.get("level_eur"),
    )


class CompareSerializer(ComputeSerializer):
    base = serializers.PrimaryKeyRelatedField(queryset=ParameterSet.objects.none(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["base"].queryset = ParameterSet.objects.restrict(user, "view")


# ---- answers of compute and compare (the OpenAPI schema) -----------------------------------------
def _amount(**kwargs):
    return serializers.FloatField(allow_null=True, help_text="euros: whole euros; per resident: to the cent",
                                  **kwargs)


class NationalLevelResultSerializer(serializers.Serializer):
    level_eur = _amount()
    price_index_pct = serializers.DictField(child=serializers.FloatField())
    service_need_growth_pct = serializers.DictField(child=serializers.FloatField())
    new_tasks_eur = _amount()
    ex_post_correction_eur = _amount()


class CountyResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    population = serializers.IntegerField()
    computed_funding_eur = _amount()
    computed_per_resident = _amount()
    breakdown = serializers.DictField(child=_amount())
    earlier_costs_indexed_eur = _amount()
    change_per_resident = _amount()
    equalisation_per_resident = _amount()
    equalisation_eur = _amount()
    funding_after_eur = _amount()
    funding_after_per_resident = _amount()


class ComputeResultSerializer(serializers.Serializer):
    parameter_set = serializers.CharField()
    year = serializers.IntegerField()
    total_funding_eur = _amount()
    equalisation_total_eur = _amount()
    base_funding_eur = _amount()
    cost_level_factor = _amount()
    national = NationalLevelResultSerializer(allow_null=True)
    counties = CountyResultSerializer(many=True)
    notice = serializers.CharField()
    illustrative = serializers.BooleanField()


class DifferenceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    population = serializers.IntegerField()
    base_eur = _amount()
    scenario_eur = _amount()
    difference_eur = _amount()
    difference_per_resident = _amount()


class CompareResultSerializer(serializers.Serializer):
    scenario = serializers.IntegerField()
    base = serializers.IntegerField()
    year = serializers.IntegerField()
    differences = DifferenceSerializer(many=True)
