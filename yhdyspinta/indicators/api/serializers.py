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
