from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedSerializerMixin

from ..models import Organisation, Person, Unit


class OrganisationSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-organisations:organisation-detail")

    class Meta:
        model = Organisation
        fields = ["id", "url", "kind", "code", "name_fi", "name_sv", "name_en", "short_name_fi", "short_name_sv",
                  "short_name_en", "area", "organises_sote", "area_code", "population", "population_year",
                  "business_id", "website", "description_fi", "description_sv", "description_en",
                  "valid_from", "valid_until", "successor"]
        read_only_fields = ["kind", "code", "name_fi", "name_sv", "name_en", "area", "organises_sote",
                            "area_code", "population", "population_year", "valid_from", "valid_until", "successor"]


class UnitSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "organisation", "parent", "name_fi", "name_sv", "name_en", "description_fi",
                  "description_sv", "description_en"]
        extra_kwargs = {"name_fi": {"required": True, "allow_blank": False}}


class PersonSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "first_name", "last_name", "title_fi", "title_sv", "title_en", "organisation", "unit",
                  "email", "phone", "visibility"]
