from django import forms

from yhdyspinta.core.forms import RestrictedFormMixin

from .models import Organisation, Person, Unit


class UserScopedForm(RestrictedFormMixin, forms.ModelForm):
    """Offers only organisations the user may write for (and other links the user may view)."""

    organisation_fields = ("organisation",)  # core.forms: active organisations the user may add for


class OrganisationForm(RestrictedFormMixin, forms.ModelForm):
    """Descriptive fields an organisation's admin keeps; codes and names come from reference data."""

    class Meta:
        model = Organisation
        fields = ["short_name_fi", "short_name_sv", "short_name_en", "website", "business_id",
                  "description_fi", "description_sv", "description_en"]


class UnitForm(UserScopedForm):
    class Meta:
        model = Unit
        fields = ["organisation", "parent", "name_fi", "name_sv", "name_en", "description_fi",
                  "description_sv", "description_en"]


class PersonForm(UserScopedForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title_fi", "title_sv", "title_en", "organisation", "unit",
                  "email", "phone", "visibility"]
