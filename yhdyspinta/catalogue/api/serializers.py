"""API serializers: the shape of requests and answers only. The rules live in the models' clean()
and in actions.py, which the viewsets call (core.api.views); their refusals are 400s with field
messages (core.api.exceptions)."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from yhdyspinta.accounts.permissions import can_view_internal_of
from yhdyspinta.core.api.serializers import RestrictedSerializerMixin
from yhdyspinta.core.models import translated_names
from yhdyspinta.organisations.models import Person

from ..models import (
    ContactPoint,
    EscalationStep,
    Interface,
    InterfaceResponsibility,
    InterfaceTemplate,
    MappingAnswer,
    MappingRound,
    MaturityAssessment,
    SearchSynonym,
    Service,
    ServicePoint,
)
from ..translation import INTERFACE_TEXTS

_tr = translated_names


class ServiceSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Service
        fields = ["id", "organisation", "unit", "field", *_tr("name", "description", "how_to_get"), "legal_basis",
                  "website", "ptv_id", "visibility", "source_key"]
        read_only_fields = ["source_key"]
        extra_kwargs = {"name_fi": {"required": True, "allow_blank": False}}


class ServicePointSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ServicePoint
        fields = ["id", "service", *_tr("name", "opening_hours", "directions"), "street_address", "postal_code",
                  "post_office", "municipality"]


class SearchSynonymSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = SearchSynonym
        fields = ["id", "language", "phrase", "expands_to", "organisation", "version"]
        read_only_fields = ["version"]


class ContactPointSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ContactPoint
        fields = ["id", "service", *_tr("name"), "phone", "email", "url", *_tr("hours"), "municipality", "ptv_id"]
        read_only_fields = ["ptv_id"]


class ResponsibilitySerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = InterfaceResponsibility
        fields = ["organisation", *_tr("text")]


class EscalationStepSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = EscalationStep
        fields = ["order", *_tr("action", "who"), "time_limit_days"]


class InterfaceSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    """Parties (≥ 2 organisations) and owners (one person per party) are validated by the actions."""

    owners = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Person.objects.all())
    latest_maturity = serializers.SerializerMethodField()
    responsibilities = ResponsibilitySerializer(many=True, required=False,
                                                help_text="Vastuut per party; a given list replaces the stored one.")
    escalation_steps = EscalationStepSerializer(many=True, required=False,
                                                help_text="The escalation route in order; a given list replaces "
                                                          "the stored one (steps are renumbered 1, 2, …).")

    class Meta:
        model = Interface
        fields = ["id", "theme", "client_group", "area", "parties", "services", "owners", *_tr(*INTERFACE_TEXTS),
                  "level_political", "level_management", "level_expert", "level_field", "visibility",
                  "internal_notes", "template", "latest_maturity", "responsibilities", "escalation_steps"]
        read_only_fields = ["template"]
        extra_kwargs = {"title_fi": {"required": True, "allow_blank": False}}

    def get_latest_maturity(self, obj) -> dict[str, int]:
        return {d: a.value for d, a in obj.latest_assessments().items()}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        visible = self._visible_owner_people(instance, user)
        data["owners"] = [o.person_id for o in instance.owners.all() if o.person_id in visible]
        if not can_view_internal_of(user, [p.pk for p in instance.parties.all()]):
            data.pop("internal_notes", None)
        return data

    def _visible_owner_people(self, instance, user) -> set[int]:
        """The owners the user may see, worked out once for the whole page (one query, not one per row)."""
        cache = self.context.setdefault("_visible_owner_people", {})
        if instance.pk not in cache:
            page = getattr(self.parent, "instance", None)
            rows = list(page) if isinstance(page, (list, tuple)) and instance in page else [instance]
            ids = {o.person_id for row in rows for o in row.owners.all()}
            visible = set(Person.objects.restrict(user, "view").filter(pk__in=ids).values_list("pk", flat=True))
            cache.update({row.pk: visible for row in rows})
        return cache[instance.pk]


class AssessmentSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    """An assessment is recorded as the signed-in user: a request naming the assessor is refused (400).

    Retracted assessments stay listed with `retracted_at`, `retracted_by` and `retraction_reason`.
    """

    value = serializers.IntegerField()

    class Meta:
        model = MaturityAssessment
        fields = ["id", "interface", "dimension", "value", "assessed_on", "assessed_by", "recorded_by", "comment",
                  "retracted_at", "retracted_by", "retraction_reason"]
        read_only_fields = ["assessed_by", "recorded_by", "retracted_at", "retracted_by", "retraction_reason"]

    def validate(self, attrs):
        given = getattr(self, "initial_data", None) or {}
        for name in ("assessed_by", "recorded_by"):
            if hasattr(given, "get") and given.get(name) not in (None, ""):
                raise serializers.ValidationError({name: _(
                    "The assessment is recorded as the signed-in user; the assessor cannot be chosen.")})
        return super().validate(attrs)


class RetractSerializer(RestrictedSerializerMixin, serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="Why the assessment was wrong (required; shown in the history).")


class TemplateSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = InterfaceTemplate
        fields = ["id", "key", *_tr("title", "description"), "theme", "client_group", "services", "levels"]


class InstantiateSerializer(RestrictedSerializerMixin, serializers.Serializer):
    county = serializers.IntegerField()
    publish = serializers.BooleanField(default=False)
    keys = serializers.ListField(child=serializers.CharField(), required=False)


class RoundSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    """`is_open` moves only through the close/reopen actions; `state` is not_yet, open or closed
    (the dates count); `include_county` (on opening) makes the county answer for itself too."""

    state = serializers.SerializerMethodField()
    include_county = serializers.BooleanField(required=False, default=False, write_only=True)

    class Meta:
        model = MappingRound
        fields = ["id", "area", "title", "instructions", "opens_on", "closes_on", "is_open", "state", "visibility",
                  "include_county"]
        read_only_fields = ["is_open"]

    def get_state(self, obj) -> str:
        from ..rounds import state

        return state(obj)


class ReopenRoundSerializer(serializers.Serializer):
    closes_on = serializers.DateField(required=False, allow_null=True, default=None)


class AnswerSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = MappingAnswer
        fields = ["id", "round", "interface", "organisation", "exists", "agreed", "works", "problems",
                  "good_practices", "proposals", "answered_by", "answered_at"]
        read_only_fields = ["answered_by", "answered_at"]
        validators = []  # answering again replaces the answer (answer_round), so no unique-together check
