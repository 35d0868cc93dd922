
from django import forms
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.widgets import DateInput

from .models import Period

MAX_UPLOAD = 50 * 1024 * 1024


class UploadForm(forms.Form):
    """A CSV or XLSX file; the importer checks every line before writing anything."""

    file = forms.FileField(label=_("CSV or XLSX file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large (at most 50 MB)."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class PeriodForm(RestrictedFormMixin, forms.ModelForm):
    class Meta:
        model = Period
        fields = ["code", "end_date", "progress_end"]
        widgets = {"end_date": DateInput(),
                   "progress_end": DateInput()}
