from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from yhdyspinta.accounts.permissions import can_view_internal_of
from yhdyspinta.core.api.serializers import RestrictedSerializerMixin
from yhdyspinta.organisations.models import Person

from .. import actions
from ..models import (
    ContactPoint,
    EscalationStep,
    Interface,
    InterfaceResponsibility,
    InterfaceTemplate,
    MappingAnswer,
    MappingRound,
    MaturityAssessment,
    Service,
    ServicePoint,
)
from ..translation import INTERFACE_TEXTS

LANGS = ("fi", "sv", "en")


def _tr(*names):
    return [f"{n}_{lang}" for n in names for lang in LANGS]


def _raise(exc: DjangoValidationError):
    raise serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


class ServiceSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Service
        fields = ["id", "organisation", "unit", "field", *_tr("name", "description", "how_to_get"), "legal_basis",
                  "website", "visibility", "source_key"]
        read_only_fields = ["source_key"]
        extra_kwargs = {"name_fi": {"required": True, "allow_blank": False}}

    def validate(self, attrs):
        unit = attrs.get("unit", getattr(self.instance, "unit", None))
        org = attrs.get("organisation", getattr(self.instance, "organisation", None))
        if unit and org and unit.organisation_id != org.pk:
            raise serializers.ValidationError({"unit": "The unit must belong to the organiser."})
        return attrs


class ServicePointSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ServicePoint
        fields = ["id", "service", *_tr("name", "opening_hours", "directions"), "street_address", "postal_code",
                  "post_office", "municipality"]


class ContactPointSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ContactPoint
        fields = ["id", "service", *_tr("name"), "phone", "email", "url", "hours"]


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

    @staticmethod
    def _nested(validated_data):
        """Plain dicts for the actions; the keys are left out when the request did not give them."""
        out = {}
        for key in ("responsibilities", "escalation_steps"):
            if key in validated_data:
                out[key] = [dict(item) for item in validated_data.pop(key)]
        return out

    def create(self, validated_data):
        parties = validated_data.pop("parties", [])
        owners = validated_data.pop("owners", [])
        services = validated_data.pop("services", [])
        validated_data = {**validated_data, **self._nested(validated_data)}
        try:
            return actions.create_interface(self.context["request"].user, parties=parties, owners=owners,
                                            services=services, **validated_data)
        except DjangoValidationError as exc:
            _raise(exc)

    def update(self, instance, validated_data):
        parties = validated_data.pop("parties", None)
        owners = validated_data.pop("owners", None)
        services = validated_data.pop("services", None)
        validated_data = {**validated_data, **self._nested(validated_data)}
        try:
            instance = actions.update_interface(instance, self.context["request"].user, parties=parties,
                                                owners=owners, **validated_data)
        except DjangoValidationError as exc:
            _raise(exc)
        if services is not None:
            instance.services.set(services)
        return instance


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

    def create(self, validated_data):
        interface = validated_data.pop("interface")
        try:
            return actions.assess_maturity(interface, self.context["request"].user, **validated_data)
        except DjangoValidationError as exc:
            _raise(exc)

    def update(self, instance, validated_data):
        """Only the comment changes; a new value is a new assessment."""
        if "comment" in validated_data:
            instance.comment = validated_data["comment"]
            instance.save(update_fields=["comment"])
        return instance


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
    class Meta:
        model = MappingRound
        fields = ["id", "area", "title", "instructions", "opens_on", "closes_on", "is_open", "visibility"]


class AnswerSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = MappingAnswer
        fields = ["id", "round", "interface", "organisation", "exists", "agreed", "works", "problems",
                  "good_practices", "proposals", "answered_by", "answered_at"]
        read_only_fields = ["answered_by", "answered_at"]
        validators = []  # answering again replaces the answer (answer_round), so no unique-together check

    def create(self, validated_data):
        round_ = validated_data.pop("round")
        try:
            return actions.answer_round(round_, self.context["request"].user, **validated_data)
        except DjangoValidationError as exc:
            _raise(exc)
