
from django import forms
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.uploads import UploadField
from yhdyspinta.core.widgets import DateInput

from .models import Period, ReportingRegion


class UploadForm(forms.Form):
    """A CSV or XLSX file; the importer checks every line before writing anything."""

    # size, extension and content checked before the importer reads it (core.uploads)
    file = UploadField(label=_("CSV or XLSX file"), kind="import", formats=("csv", "xlsx", "txt"))


class PeriodForm(RestrictedFormMixin, forms.ModelForm):
    class Meta:
        model = Period
        fields = ["code", "end_date", "progress_end"]
        widgets = {"end_date": DateInput(),
                   "progress_end": DateInput()}


class ReportingRegionForm(RestrictedFormMixin, forms.ModelForm):
    """Add a reporting region: an organisation that does not report yet, and its table label."""

    class Meta:
        model = ReportingRegion
        fields = ["organisation", "label"]

    def __init__(self, *args, roadmap=None, **kwargs):
        super().__init__(*args, **kwargs)
        if roadmap is not None:
            from .actions import region_choices

            self.fields["organisation"].queryset = region_choices(roadmap)


class RegionLabelForm(RestrictedFormMixin, forms.ModelForm):
    """A region's label and place in the tables (one row of the regions table: its inputs belong
    to the row's form by the HTML `form` attribute)."""

    class Meta:
        model = ReportingRegion
        fields = ["label", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["form"] = f"region-{self.instance.pk}"
