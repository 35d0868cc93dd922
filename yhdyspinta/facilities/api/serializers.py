from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedModelSerializer

from ..models import Building, Lease, LeaseOption, Premise, SharedUse, SupportService


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
