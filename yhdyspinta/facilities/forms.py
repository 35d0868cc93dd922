"""Forms of the facilities pages: link fields offer only what the user may view, organisation
fields only the organisations the user may add for (core.forms.RestrictedFormMixin)."""
from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.models import Visibility
from yhdyspinta.core.uploads import UploadField
from yhdyspinta.core.widgets import DateInput

from .models import (
    Building,
    Lease,
    LeaseOption,
    Premise,
    School,
    SharedUse,
    SupportService,
    WelfareService,
)

DATE = DateInput()


class BuildingForm(RestrictedFormMixin, forms.ModelForm):
    organisation_fields = ("owner",)

    class Meta:
        model = Building
        fields = ("name", "building_id", "address", "municipality", "owner", "floor_area", "use", "visibility")


class PremiseForm(RestrictedFormMixin, forms.ModelForm):
    class Meta:
        model = Premise
        fields = ("building", "name", "area", "use", "user_organisation", "user_unit", "user_service", "visibility")


class LeaseForm(RestrictedFormMixin, forms.ModelForm):
    organisation_fields = ("landlord",)

    class Meta:
        model = Lease
        fields = ("premise", "reference", "landlord", "tenant", "starts_on", "ends_on", "notice_months",
                  "transitional", "rent_basis", "internal_capital_cost", "internal_maintenance_cost",
                  "internal_rent_note", "index_clause", "reminder_days", "visibility")
        widgets: ClassVar[dict] = {"starts_on": DATE, "ends_on": DATE}


class LeaseOptionForm(RestrictedFormMixin, forms.ModelForm):
    class Meta:
        model = LeaseOption
        fields = ("lease", "starts_on", "ends_on", "exercise_by", "statutory")
        widgets: ClassVar[dict] = {"starts_on": DATE, "ends_on": DATE, "exercise_by": DATE}


class SharedUseForm(RestrictedFormMixin, forms.ModelForm):
    class Meta:
        model = SharedUse
        fields = ("premise", "organisation", "unit", "share_of_hours", "share_of_area", "note")


class LeaseImportForm(forms.Form):
    file = UploadField(label=_("Lease list (CSV or XLSX)"), kind="import", formats=("csv", "xlsx"))
    visibility = forms.ChoiceField(choices=Visibility.choices, label=_("Visibility of new records"),
                                   initial=Visibility.PUBLIC,
                                   help_text=_("The rents are internal in any case: only the parties see them."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class SupportServiceForm(RestrictedFormMixin, forms.ModelForm):
    organisation_fields = ("provider",)

    class Meta:
        model = SupportService
        fields = ("kind", "title", "provider", "recipient", "volume", "volume_unit", "unit_price", "annual_value",
                  "starts_on", "ends_on", "contact", "agreement", "visibility")
        widgets: ClassVar[dict] = {"starts_on": DATE, "ends_on": DATE}


class SchoolForm(RestrictedFormMixin, forms.ModelForm):
    organisation_fields = ("municipality",)

    class Meta:
        model = School
        fields = ("unit", "municipality", "level", "school_code", "building", "pupils", "pupils_counted_on",
                  "visibility")
        widgets: ClassVar[dict] = {"pupils_counted_on": DATE}


class WelfareServiceForm(RestrictedFormMixin, forms.ModelForm):
    class Meta:
        model = WelfareService
        fields = ("school", "kind", "provider", "days_per_week", "premise", "note")


class PupilCountImportForm(forms.Form):
    file = UploadField(label=_("Pupil counts (CSV or XLSX)"), kind="import", formats=("csv", "xlsx"),
                       help_text=_("Columns: school code or school and municipality, pupils, counted on. "
                                   "Numbers only: a file with any other column is refused."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
