from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedModelSerializer
from yhdyspinta.organisations.models import Organisation

from ..models import (
    Building,
    Lease,
    LeaseOption,
    Premise,
    School,
    SchoolLevel,
    SharedUse,
    SupportService,
    WelfareService,
)


class BuildingSerializer(RestrictedModelSerializer):
    class Meta:
        model = Building
        fields = ("id", "name", "building_id", "address", "municipality", "owner", "floor_area", "use",
                  "visibility")


class PremiseSerializer(RestrictedModelSerializer):
    class Meta:
        model = Premise
        fields = ("id", "building", "name", "area", "use", "user_organisation", "user_unit", "user_service",
                  "visibility")


class LeaseSerializer(RestrictedModelSerializer):
    notice_deadline = serializers.DateField(read_only=True)

    class Meta:
        model = Lease
        fields = ("id", "premise", "reference", "landlord", "tenant", "starts_on", "ends_on", "notice_months",
                  "notice_deadline", "transitional", "rent_basis", "internal_capital_cost",
                  "internal_maintenance_cost", "internal_rent_note", "index_clause", "reminder_days",
                  "visibility")

    def to_representation(self, instance):
        """The prices (internal_* fields) only for those who may see the lease's internal parts."""
        data = super().to_representation(instance)
        for name in instance.hidden_fields_for(self.restriction_user()):
            if name in data:
                data[name] = None
        return data


class LeaseOptionSerializer(RestrictedModelSerializer):
    class Meta:
        model = LeaseOption
        fields = ("id", "lease", "starts_on", "ends_on", "exercise_by", "statutory")


class SharedUseSerializer(RestrictedModelSerializer):
    class Meta:
        model = SharedUse
        fields = ("id", "premise", "organisation", "unit", "share_of_hours", "share_of_area", "note")


class SupportServiceSerializer(RestrictedModelSerializer):
    class Meta:
        model = SupportService
        fields = ("id", "kind", "title", "provider", "recipient", "volume", "volume_unit", "unit_price", "annual_value",
                  "starts_on", "ends_on", "contact", "agreement", "visibility")


class SchoolSerializer(RestrictedModelSerializer):
    name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = School
        fields = ("id", "name", "unit", "municipality", "level", "school_code", "building", "pupils",
                  "pupils_counted_on", "visibility")


class WelfareServiceSerializer(RestrictedModelSerializer):
    class Meta:
        model = WelfareService
        fields = ("id", "school", "kind", "provider", "days_per_week", "premise", "note")


STAFFING_STATUSES = [(status, status) for status in ("within", "over", "no_staff", "no_pupils")]


class ProximityQuerySerializer(serializers.Serializer):
    county = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.organising_areas(), required=False,
                                                help_text="A wellbeing services county (organising area) id")
    municipality = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(kind="municipality"),
                                                      required=False, help_text="A municipality id")
    level = serializers.ChoiceField(choices=SchoolLevel.choices, required=False)
    table = serializers.ChoiceField(choices=[("schools", "schools"), ("staffing", "staffing")], required=False,
                                    help_text="With ?format=csv|xlsx: the schools (default) or the staffing table "
                                              "(one row per county, municipality and education organiser)")


class ProximityRowSerializer(serializers.Serializer):
    school = serializers.IntegerField()
    name = serializers.CharField()
    municipality = serializers.IntegerField()
    municipality_name = serializers.CharField()
    level = serializers.CharField()
    pupils = serializers.IntegerField(allow_null=True)
    health_days = serializers.DecimalField(max_digits=2, decimal_places=1, allow_null=True)
    curator_days = serializers.DecimalField(max_digits=2, decimal_places=1, allow_null=True)
    psychologist_days = serializers.DecimalField(max_digits=2, decimal_places=1, allow_null=True)
    without = serializers.ListField(child=serializers.CharField())


class LegalBasisSerializer(serializers.Serializer):
    kind = serializers.CharField()
    source = serializers.CharField()
    summary = serializers.CharField()
    verified = serializers.BooleanField()
    url = serializers.CharField()


class StaffingRatioSerializer(serializers.Serializer):
    kind = serializers.CharField()
    max_pupils = serializers.IntegerField(help_text="At most this many pupils per full-time equivalent")
    in_force_from = serializers.DateField()
    source = serializers.CharField()
    summary = serializers.CharField()
    verified = serializers.BooleanField()
    url = serializers.CharField()


class StaffingRowSerializer(serializers.Serializer):
    grouping = serializers.ChoiceField(choices=[("county", "county"), ("municipality", "municipality"),
                                                ("organiser", "organiser")])
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(allow_blank=True)
    schools = serializers.IntegerField()
    counted = serializers.IntegerField(help_text="Schools with a pupil count (only these enter the ratio)")
    pupils = serializers.IntegerField()
    curator_fte = serializers.DecimalField(max_digits=10, decimal_places=2)
    curator_pupils_per_fte = serializers.IntegerField(allow_null=True)
    curator_status = serializers.ChoiceField(choices=STAFFING_STATUSES)
    psychologist_fte = serializers.DecimalField(max_digits=10, decimal_places=2)
    psychologist_pupils_per_fte = serializers.IntegerField(allow_null=True)
    psychologist_status = serializers.ChoiceField(choices=STAFFING_STATUSES)


class StaffingSerializer(serializers.Serializer):
    days_per_fte = serializers.IntegerField(help_text="Days a week on site that make one full-time equivalent")
    ratios = StaffingRatioSerializer(many=True)
    county = StaffingRowSerializer(many=True)
    municipality = StaffingRowSerializer(many=True)
    organiser = StaffingRowSerializer(many=True)


class ProximitySerializer(serializers.Serializer):
    legal_basis = LegalBasisSerializer(many=True)
    totals = serializers.DictField(child=serializers.IntegerField())
    results = ProximityRowSerializer(many=True)
    staffing = StaffingSerializer()
