
from django import forms
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.uploads import UploadField
from yhdyspinta.core.widgets import DateInput

from .models import Period


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
