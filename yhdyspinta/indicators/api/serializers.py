from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedSerializerMixin
from yhdyspinta.core.models import translated_names

from ..models import (
    Composite,
    CompositeComponent,
    GoalActor,
    GoalIndicator,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    Measure,
    ReportSection,
    SharedGoal,
    WelfareReport,
)

tr = translated_names


class IndicatorSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ("id", "source", "source_id", *tr("title", "description", "unit", "source_organisation"),
                  "decimals", "region_levels", "first_year", "last_year", "data_updated")


class IndicatorValueSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_kind = serializers.CharField(source="region.kind", read_only=True)
    provenance = serializers.SerializerMethodField()

    def get_provenance(self, obj) -> dict | None:
        """Where the value came from: the import's file or API calls and its time (the user is in
        the import run, for administrators: values are public, accounts are not)."""
        run = obj.import_run
        if run is None:
            return None
        return {"import_run": run.pk, "source": run.source, "calls": run.calls.splitlines(),
                "imported_at": run.started, "illustrative": run.illustrative}

    class Meta:
        model = IndicatorValue
        fields = ("id", "indicator", "region", "region_code", "region_kind", "level", "year", "sex", "value",
                  "abs_value", "provenance")


class IndicatorSetSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = IndicatorSet
        fields = ("id", "organisation", *tr("name", "description"), "followed", "indicators")
        extra_kwargs = {"name_fi": {"required": True, "allow_blank": False}}


class GoalActorSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = GoalActor
        fields = ("id", "actor_type", "organisation", *tr("role"))


class GoalIndicatorSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = GoalIndicator
        fields = ("id", "goal", "indicator", "region", "baseline_year", "baseline_value", "target_year",
                  "target_value", "direction")


class SharedGoalSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    actors = GoalActorSerializer(many=True, read_only=True)
    goal_indicators = GoalIndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = SharedGoal
        fields = ("id", "organisation", *tr("title", "description"), "visibility", "interfaces", "forums", "actors",
                  "goal_indicators")
        extra_kwargs = {"title_fi": {"required": True, "allow_blank": False}}

    def to_representation(self, instance):
        """Linked interfaces and forums only as far as the reader may see them."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for name in ("interfaces", "forums"):
            if name in data:
                data[name] = list(getattr(instance, name).restrict(user, "view").values_list("pk", flat=True))
        return data


class MeasureSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ("id", "goal", *tr("title", "resources"), "owner", "owner_organisation", "start", "end",
                  "status", "indicators")
        extra_kwargs = {"title_fi": {"required": True, "allow_blank": False}}


class CompositeComponentSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = CompositeComponent
        fields = ("id", "indicator", "lower", "upper", "weight", "direction")


class CompositeSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    components = CompositeComponentSerializer(many=True, read_only=True)

    class Meta:
        model = Composite
        fields = ("id", "organisation", *tr("name", "description"), "level", "year", "visibility", "components")
        extra_kwargs = {"name_fi": {"required": True, "allow_blank": False}}


class ReportSectionSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ReportSection
        fields = ("id", "theme", *tr("title", "analysis"), "indicators", "order")


class WelfareReportSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    sections = ReportSectionSerializer(many=True, read_only=True)

    class Meta:
        model = WelfareReport
        fields = ("id", "organisation", "kind", *tr("title", "summary"), "year", "term_start", "term_end",
                  "status", "visibility", "approved_on", "goals", "sections")
        # status moves only through the submit / return / approve actions (their pages), which
        # check who may approve and notify the approvers: the API shows it but cannot set it
        read_only_fields = ("visibility", "status", "approved_on")
        extra_kwargs = {"title_fi": {"required": True, "allow_blank": False}}


# ---- answers of the actions (the OpenAPI schema; the views build plain dicts) -------------------
class ProgressStateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=("on_track", "behind", "no_data"))
    year = serializers.IntegerField(allow_null=True, help_text="year of the latest value compared")
    value = serializers.FloatField(allow_null=True)
    path_value = serializers.FloatField(allow_null=True, help_text="the path's value in that year")


class MunicipalProgressSerializer(ProgressStateSerializer):
    region = serializers.IntegerField(help_text="organisation id")


class GoalIndicatorProgressSerializer(ProgressStateSerializer):
    goal_indicator = serializers.IntegerField()
    indicator = serializers.IntegerField()
    region = serializers.IntegerField(help_text="organisation id")
    municipalities = MunicipalProgressSerializer(many=True, help_text="an area goal's indicator without a region")


class GoalProgressSerializer(serializers.Serializer):
    goal = serializers.IntegerField()
    status = serializers.ChoiceField(choices=("on_track", "behind", "no_data"))
    indicators = GoalIndicatorProgressSerializer(many=True)


class CompositeRowSerializer(serializers.Serializer):
    region = serializers.IntegerField(help_text="organisation id")
    region_code = serializers.CharField()
    index = serializers.FloatField(allow_null=True, help_text="null when a component is missing")
    scores = serializers.DictField(child=serializers.FloatField(), help_text="indicator id → score 0–100")
    missing = serializers.ListField(child=serializers.IntegerField(), help_text="indicator ids without a value")


class CompositeResultsSerializer(serializers.Serializer):
    composite = serializers.IntegerField()
    method = serializers.CharField()
    results = CompositeRowSerializer(many=True)


class AreasQuerySerializer(serializers.Serializer):
    """The query of one indicator across the organising areas: an unknown sex or a bad year is a 400."""

    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200,
                                    help_text="default: the latest year with county values")
    sex = serializers.ChoiceField(choices=("total", "male", "female"), required=False, default="total")


class AreaValueSerializer(serializers.Serializer):
    region = serializers.IntegerField(allow_null=True, help_text="organisation id")
    region_code = serializers.CharField(help_text="county code 01–21, Helsinki 90; '' for the whole country")
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=("area", "country"))
    year = serializers.IntegerField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    previous = serializers.FloatField(allow_null=True, help_text="the year before")
    change = serializers.FloatField(allow_null=True)


class AreasSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    sotkanet_id = serializers.CharField(help_text="the id in the indicator's source")
    illustrative = serializers.BooleanField()
    years = serializers.ListField(child=serializers.IntegerField())
    year = serializers.IntegerField(allow_null=True)
    sex = serializers.CharField()
    results = AreaValueSerializer(many=True)
