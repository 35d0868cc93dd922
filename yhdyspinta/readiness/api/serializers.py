"""API serializers: the shape of requests and answers only; the rules (an open period, the
region's own editors, task and region on the roadmap) are in actions.set_status, which the
viewsets call, the same as the pages."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedSerializerMixin

from ..models import Period, ReportingRegion, Roadmap, RoadmapTask, StatusReport


class RoadmapSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Roadmap
        fields = ["id", "name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en",
                  "owner", "target_date", "visibility"]
        extra_kwargs = {"name_fi": {"required": True, "allow_blank": False}}


class TaskSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    area = serializers.CharField(source="area.code", read_only=True)
    subarea = serializers.CharField(source="subarea.code", read_only=True, default="")

    class Meta:
        model = RoadmapTask
        fields = ["id", "roadmap", "code", "title_fi", "title_sv", "title_en", "area", "subarea", "due_date",
                  "critical", "applies_to"]


class PeriodSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "roadmap", "code", "end_date", "progress_end", "closed", "closed_at"]
        read_only_fields = ["closed", "closed_at"]


class ReportingRegionSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    """A reporting region of a roadmap; written through actions.add/change/remove_reporting_region."""

    class Meta:
        model = ReportingRegion
        fields = ["id", "roadmap", "organisation", "label", "order"]
        extra_kwargs = {"order": {"required": False}}


class StatusReportSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    task_code = serializers.CharField(source="task.code", read_only=True)

    class Meta:
        model = StatusReport
        fields = ["id", "period", "region", "task", "task_code", "status", "comment", "updated_at"]
        read_only_fields = ["updated_at"]

    def validate(self, attrs):
        """Shape: a report's key (period, region, task) is given when it is created and fixed after."""
        if self.instance is not None:
            for name in ("period", "region", "task"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: _("Cannot be changed; report the other one instead.")})
        return attrs


LEVELS = ("region", "area", "subarea")
NATIONAL = "national"  # the whole country's row: the reporting regions' counts summed (readiness.national)


class FiguresQuerySerializer(serializers.Serializer):
    """The figures action's query: unknown values are a 400 naming the allowed ones."""

    region = serializers.CharField(required=False, help_text="organisation ids of regions, comma-separated")
    level = serializers.CharField(required=False, help_text="region, area or subarea; comma-separated")

    def _split(self, value):
        return [v.strip() for v in value.split(",") if v.strip()]

    def validate_level(self, value):
        levels = self._split(value)
        unknown = [v for v in levels if v not in LEVELS]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown level '%(value)s'; use one of: %(allowed)s.")
                % {"value": unknown[0], "allowed": ", ".join(LEVELS)})
        return levels

    def validate_region(self, value):
        regions = self._split(value)
        if not all(v.isdigit() or v == NATIONAL for v in regions):
            raise serializers.ValidationError(_("Give regions as organisation ids (numbers) or 'national', "
                                                "comma-separated."))
        return regions


class TrendQuerySerializer(FiguresQuerySerializer):
    """The trend's query: regions (default: the whole country) and levels (region total, area)."""

    region = serializers.CharField(required=False, help_text="'national' (default) and/or organisation ids, "
                                                             "comma-separated")
    level = serializers.CharField(required=False, help_text="region or area; comma-separated")


class FigureRowSerializer(serializers.Serializer):
    region = serializers.IntegerField(allow_null=True, help_text="organisation id; null on the national row "
                                                                 "(?region=national)")
    region_label = serializers.CharField()
    area = serializers.CharField(help_text="'' on the region total")
    subarea = serializers.CharField(help_text="'' on area rows")
    level = serializers.ChoiceField(choices=LEVELS)
    reported = serializers.BooleanField(help_text="false: the region reported nothing; counts are null")
    applicable = serializers.IntegerField(allow_null=True)
    in_progress_pct = serializers.IntegerField(allow_null=True)
    done_pct = serializers.IntegerField(allow_null=True)
    due = serializers.IntegerField(allow_null=True)
    progress_pct = serializers.IntegerField(allow_null=True)
    roadmap_tasks = serializers.IntegerField()
    roadmap_due = serializers.IntegerField()


class FiguresSerializer(serializers.Serializer):
    period = serializers.CharField()
    progress_end = serializers.DateField()
    target_date = serializers.DateField(allow_null=True)
    results = FigureRowSerializer(many=True)


class TrendRowSerializer(serializers.Serializer):
    period = serializers.CharField()
    progress_end = serializers.DateField()
    region = serializers.IntegerField(allow_null=True, help_text="organisation id; null on the national row")
    region_label = serializers.CharField()
    area = serializers.CharField(help_text="'' on the region total")
    level = serializers.ChoiceField(choices=("region", "area"))
    reported = serializers.BooleanField()
    reporting_regions = serializers.IntegerField(help_text="regions whose counts the row sums (1 or 0 for a region)")
    applicable = serializers.IntegerField(allow_null=True)
    in_progress_pct = serializers.IntegerField(allow_null=True)
    done_pct = serializers.IntegerField(allow_null=True)
    due = serializers.IntegerField(allow_null=True)
    progress_pct = serializers.IntegerField(allow_null=True)


class TrendSerializer(serializers.Serializer):
    roadmap = serializers.IntegerField()
    target_date = serializers.DateField(allow_null=True)
    results = TrendRowSerializer(many=True)
