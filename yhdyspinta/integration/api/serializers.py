from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedSerializerMixin

from ..models import Study, StudyParty


class StudySerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Study
        fields = ["id", "title_fi", "title_sv", "title_en", "owner", "area", "description_fi", "description_sv",
                  "description_en", "visibility", "status", "invited", "flag_above", "baseline", "resolution",
                  "seed", "cluster_names"]
        extra_kwargs = {"title_fi": {"required": True, "allow_blank": False}}


    def validate_cluster_names(self, value):
        """{party code: {"fi": name, "sv": name, "en": name}}."""
        ok = isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, dict) and all(
                lang in ("fi", "sv", "en") and isinstance(n, str) for lang, n in v.items())
            for k, v in value.items())
        if not ok:
            raise serializers.ValidationError('Expected {"2.1": {"fi": "...", "sv": "...", "en": "..."}}.')
        return value


class StudyPartySerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = StudyParty
        fields = ["id", "study", "code", "label_fi", "label_sv", "label_en", "organiser", "fixed_by_law",
                  "is_group", "order"]
