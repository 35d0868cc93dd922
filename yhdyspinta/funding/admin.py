from django import forms
from django.contrib import admin

from yhdyspinta.core.localize import error_message

from .compute import FundingInputError, parameter_set_from_dict
from .models import InputSet, ParameterSet, ParameterSetVersion
from .paramdata import jsonable


class ParameterSetAdminForm(forms.ModelForm):
    """The admin edits the JSON too, so it is validated by compute like every other write."""

    class Meta:
        model = ParameterSet
        fields = "__all__"

    def clean_data(self):
        data = jsonable(self.cleaned_data["data"])
        try:
            parameter_set_from_dict(data)
        except FundingInputError as exc:
            raise forms.ValidationError(error_message(exc)) from None
        return data


@admin.register(ParameterSet)
class ParameterSetAdmin(admin.ModelAdmin):
    form = ParameterSetAdminForm
    list_display = ("title", "year", "version", "is_official_source", "owner", "visibility")
    list_filter = ("is_official_source", "visibility", "year")
    readonly_fields = ("version", "created_by")


@admin.register(ParameterSetVersion)
class ParameterSetVersionAdmin(admin.ModelAdmin):
    list_display = ("parameter_set", "version", "saved_at", "saved_by")
    readonly_fields = ("parameter_set", "version", "data", "saved_at", "saved_by")


@admin.register(InputSet)
class InputSetAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "illustrative", "owner", "visibility")
    list_filter = ("kind", "illustrative", "visibility")
