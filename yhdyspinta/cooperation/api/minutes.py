"""API of what the minutes record beyond items and decisions: attendance rows, corrections of
approved minutes and the DOCX templates of the meeting documents.

Serializers give the shape only; every write is the action the pages use (the viewsets'
create_action / update_action / delete_action hooks, core.api.views): an attendance row goes
through set_attendance with the meeting's other rows, a correction through correct_minutes, a
template through documents.check_template."""

from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedModelSerializer
from yhdyspinta.core.api.views import RestrictedModelViewSet

from .. import actions
from ..filtersets import AttendanceFilterSet, CorrectionFilterSet, DocumentTemplateFilterSet
from ..models import Attendance, Correction, DocumentTemplate, Resolution


class AttendanceSerializer(RestrictedModelSerializer):
    class Meta:
        model = Attendance
        fields = ("id", "meeting", "person", "role", "checks_minutes")
        validators = ()  # a person recorded twice is refused by the action, naming the person


class CorrectionSerializer(RestrictedModelSerializer):
    """`resolution`, `text` and `minutes` are written only: the decision's new resolution and
    wording, or the minutes' new text; the entry's `what` records the old and new wording."""

    resolution = serializers.ChoiceField(choices=Resolution.choices, required=False, allow_blank=True,
                                         write_only=True)
    text = serializers.CharField(required=False, allow_blank=True, write_only=True)
    minutes = serializers.CharField(required=False, allow_blank=True, write_only=True)

    class Meta:
        model = Correction
        fields = ("id", "meeting", "decision", "what", "why", "made_by", "made_at", "resolution", "text", "minutes")
        read_only_fields = ("made_by", "made_at")

    def to_representation(self, instance):
        """What and why follow the minutes' publicity; who: insiders (Correction.hidden_fields_for)."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        for name in instance.hidden_fields_for(getattr(request, "user", None)) & set(data):
            data[name] = None
        return data


class DocumentTemplateSerializer(RestrictedModelSerializer):
    file = serializers.FileField(use_url=False)

    class Meta:
        model = DocumentTemplate
        fields = ("id", "area", "forum", "kind", "file")


class AttendanceViewSet(RestrictedModelViewSet):
    """Who attended a meeting in which role (or was absent) and who checks the minutes."""

    queryset = Attendance.objects.select_related("meeting", "person")
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilterSet
    ordering_fields = ("role",)
    create_action = actions.add_attendance
    update_action = actions.update_attendance
    delete_action = actions.delete_attendance


class CorrectionViewSet(RestrictedModelViewSet):
    """Corrections of approved minutes: created and read, never changed or removed."""

    queryset = Correction.objects.select_related("meeting", "made_by")
    serializer_class = CorrectionSerializer
    filterset_class = CorrectionFilterSet
    ordering_fields = ("made_at",)
    http_method_names = ("get", "post", "head", "options")
    create_action = actions.add_correction


class DocumentTemplateViewSet(RestrictedModelViewSet):
    """A forum's or county's DOCX templates of the notice, agenda and minutes (multipart upload)."""

    queryset = DocumentTemplate.objects.select_related("area", "forum")
    serializer_class = DocumentTemplateSerializer
    filterset_class = DocumentTemplateFilterSet
    ordering_fields = ("kind",)
    create_action = actions.create_document_template
    update_action = actions.update_document_template
