"""API serializers: the shape only; rules live in the models' clean() and actions.py."""

from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedSerializerMixin

from ..models import ChecklistItem, ChecklistTemplateItem, InventoryItem, TransferProject


class ProjectSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = TransferProject
        fields = ["id", "title", "description", "transfer_date", "area", "parties", "roadmap_task", "illustrative",
                  "visibility", "version"]
        read_only_fields = ["version"]


class ChecklistItemSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = ["id", "text", "order", "done", "done_at"]
        read_only_fields = fields


class ItemSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    checks = ChecklistItemSerializer(many=True, read_only=True)

    class Meta:
        model = InventoryItem
        fields = ["id", "project", "kind", "title", "from_party", "to_party", "decision", "due_date", "owner",
                  "status", "quantity", "internal_cost", "internal_headcount", "internal_fte", "evidence",
                  "evidence_url", "notes", "visibility", "checks", "version"]
        read_only_fields = ["version"]

    def to_representation(self, instance):
        """Costs and staff figures (`internal_*`) are null for those who may not see them."""
        data = super().to_representation(instance)
        for name in instance.hidden_fields_for(self.restriction_user()):
            if name in data:
                data[name] = None
        return data


class TemplateLineSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ChecklistTemplateItem
        fields = ["id", "kind", "text", "order", "owner"]


class CheckSerializer(serializers.Serializer):
    done = serializers.BooleanField()
