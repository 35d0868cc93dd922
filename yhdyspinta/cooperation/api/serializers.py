"""API serializers: the shape of requests and answers only. The rules (Model.clean(), the
agreement's legal checks) run in the actions the viewsets call (core.api.views), the same as the
pages'; their refusals are 400s with field messages (core.api.exceptions)."""
from typing import ClassVar

from rest_framework import serializers

from yhdyspinta.accounts.permissions import can_view_internal_of
from yhdyspinta.core.api.serializers import RestrictedModelSerializer, RestrictedSerializerMixin
from yhdyspinta.core.visibility import account_label
from yhdyspinta.organisations.models import Organisation

from ..models import (
    AgendaItem,
    Agreement,
    Decision,
    Duty,
    DutyEvidence,
    DutyRule,
    Escalation,
    FollowUpAction,
    Forum,
    ForumMember,
    Meeting,
)
from ..models.common import forum_org_ids


class ForumSerializer(RestrictedModelSerializer):
    class Meta:
        model = Forum
        fields = ("id", "name_fi", "name_sv", "name_en", "level", "kind", "mandate_fi", "mandate_sv", "mandate_en",
                  "area", "organisations", "parent", "meetings_min", "meetings_max", "work_packages", "interfaces",
                  "visibility")
        extra_kwargs: ClassVar[dict] = {"name_fi": {"required": True, "allow_blank": False}}


class ForumMemberSerializer(RestrictedModelSerializer):
    class Meta:
        model = ForumMember
        fields = ("id", "forum", "person", "organisation", "role", "field", "term_start", "term_end",
                  "outside_expert")


class MeetingSerializer(RestrictedModelSerializer):
    minutes_checked_by = serializers.SerializerMethodField()
    minutes_approved_by = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ("id", "forum", "starts_at", "ends_at", "place", "language", "participants", "minutes",
                  "minutes_checked_on", "minutes_state", "minutes_checked_by", "minutes_checked_at",
                  "minutes_approved_by", "minutes_approved_at", "visibility")
        # the minutes' way moves only through POST meetings/<id>/check-minutes/ and approve-minutes/
        # (actions.mark_minutes_checked / approve_minutes, as the page's buttons)
        read_only_fields = ("minutes_state", "minutes_checked_at", "minutes_approved_at")

    def _account(self, account) -> str | None:
        """Who moved the minutes, printed by the account rule (core.visibility.account_label)."""
        if account is None:
            return None
        labels = self.context.setdefault("_account_labels", {})  # shared by a list's rows
        if account.pk not in labels:
            request = self.context.get("request")
            labels[account.pk] = account_label(getattr(request, "user", None), account)
        return labels[account.pk]

    def get_minutes_checked_by(self, obj) -> str | None:
        return self._account(obj.minutes_checked_by)

    def get_minutes_approved_by(self, obj) -> str | None:
        return self._account(obj.minutes_approved_by)

    def to_representation(self, instance):
        """Unchecked minutes are shown only to the forum's organisations."""
        data = super().to_representation(instance)
        if not instance.minutes_public() and not _insider(self.context, instance.forum):
            data["minutes"] = None
        return data


class AgendaItemSerializer(RestrictedModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ("id", "meeting", "number", "title", "body", "body_visibility", "interfaces")

    def to_representation(self, instance):
        """The title is always public; an internal body only for the forum's organisations."""
        data = super().to_representation(instance)
        if instance.body_visibility == "internal" and not _insider(self.context, instance.meeting.forum):
            data["body"] = None
        return data


class DecisionSerializer(RestrictedModelSerializer):
    class Meta:
        model = Decision
        fields = ("id", "meeting", "item", "resolution", "text")

    def to_representation(self, instance):
        """The decision's text is public with the minutes (Decision.hidden_fields_for)."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        if "text" in instance.hidden_fields_for(getattr(request, "user", None)):
            data["text"] = None
        return data


class FollowUpActionSerializer(RestrictedModelSerializer):
    is_late = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpAction
        fields = ("id", "decision", "title", "owner", "deadline", "status", "is_late")

    def get_is_late(self, obj) -> bool:
        return obj.is_late()


class EscalationSerializer(RestrictedModelSerializer):
    class Meta:
        model = Escalation
        fields = ("id", "raised_by", "source_item", "to_forum", "interface", "title", "description", "state",
                  "reason", "agenda_item", "raised_on", "closed_on", "visibility")
        read_only_fields = ("state", "reason", "agenda_item", "closed_on")


class TransitionSerializer(RestrictedSerializerMixin, serializers.Serializer):
    target = serializers.ChoiceField(choices=Escalation._meta.get_field("state").choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    agenda_item = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.all(), required=False,
                                                     allow_null=True)


class DutySerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    state = serializers.SerializerMethodField()
    rule_key = serializers.CharField(source="rule.key", read_only=True)

    class Meta:
        model = Duty
        fields = ("id", "rule", "rule_key", "county", "municipality", "period_start", "period_end", "period_label",
                  "due_date", "required_count", "state")
        read_only_fields = fields

    def get_state(self, obj) -> str:
        return obj.state()


class DutyEvidenceSerializer(RestrictedModelSerializer):
    class Meta:
        model = DutyEvidence
        fields = ("id", "duty", "kind", "agenda_item", "decision", "agreement", "url", "title", "date")


class BulkEvidenceSerializer(RestrictedSerializerMixin, serializers.Serializer):
    """The same evidence for the duty of `rule` of every listed municipality of `county` whose
    period includes `date` (actions.add_evidence_in_bulk)."""

    county = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    rule = serializers.SlugRelatedField(slug_field="key", queryset=DutyRule.objects.filter(active=True))
    municipalities = serializers.PrimaryKeyRelatedField(many=True, queryset=Organisation.objects.all(),
                                                        required=False, default=list)
    kind = serializers.ChoiceField(choices=DutyEvidence._meta.get_field("kind").choices)
    agenda_item = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.all(), required=False,
                                                     allow_null=True, default=None)
    decision = serializers.PrimaryKeyRelatedField(queryset=Decision.objects.all(), required=False,
                                                  allow_null=True, default=None)
    agreement = serializers.PrimaryKeyRelatedField(queryset=Agreement.objects.all(), required=False,
                                                   allow_null=True, default=None)
    url = serializers.URLField(required=False, allow_blank=True, default="")
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    date = serializers.DateField()


class AgreementSerializer(RestrictedModelSerializer):
    parties = serializers.PrimaryKeyRelatedField(many=True, queryset=Organisation.objects.all())
    internal_part = serializers.CharField(required=False, allow_blank=True)

    class Meta:
        model = Agreement
        fields = ("id", "title_fi", "title_sv", "title_en", "kind", "parties", "interfaces", "forums",
                  "description_fi", "description_sv", "description_en", "internal_part", "valid_from",
                  "valid_until", "notice_months", "renewal_date", "reminder_days", "has_funding_clause",
                  "visibility")
        extra_kwargs: ClassVar[dict] = {"title_fi": {"required": True, "allow_blank": False}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not can_view_internal_of(getattr(request, "user", None), {p.pk for p in instance.parties.all()}):
            data["internal_part"] = None
        return data


def _insider(context, forum) -> bool:
    request = context.get("request")
    return can_view_internal_of(getattr(request, "user", None), forum_org_ids(forum))  # as views.common.insider
