from django import forms
from django.utils.translation import gettext_lazy as _

from yhdyspinta.accounts.permissions import ALL, org_ids
from yhdyspinta.core.forms import RestrictedFormMixin

from .models import Organisation, Person, Unit


class UserScopedForm(RestrictedFormMixin, forms.ModelForm):
    """Offers only organisations the user may write for (and other links the user may view)."""

    org_field = "organisation"

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is not None and self.org_field in self.fields:
            ids = org_ids(user, "add")
            qs = Organisation.objects.active()
            self.fields[self.org_field].queryset = qs if ids is ALL else qs.filter(pk__in=ids)


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

    def clean(self):
        data = super().clean()
        parent, org = data.get("parent"), data.get("organisation")
        if parent and org and parent.organisation_id != org.pk:
            self.add_error("parent", _("The parent unit must belong to the same organisation."))
        return data


class PersonForm(UserScopedForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title_fi", "title_sv", "title_en", "organisation", "unit",
                  "email", "phone", "visibility"]

    def clean(self):
        data = super().clean()
        unit, org = data.get("unit"), data.get("organisation")
        if unit and org and unit.organisation_id != org.pk:
            self.add_error("unit", _("The unit must belong to the person's organisation."))
        return data
