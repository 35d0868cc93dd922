from django import forms
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.uploads import UploadField
from yhdyspinta.core.widgets import DateInput
from yhdyspinta.organisations.models import Organisation

from .models import ChecklistTemplateItem, InventoryItem, TransferProject


class ProjectForm(RestrictedFormMixin, forms.ModelForm):
    class Meta:
        model = TransferProject
        fields = ["title", "description", "transfer_date", "area", "parties", "roadmap_task", "illustrative",
                  "visibility"]
        widgets = {"transfer_date": DateInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # the giving party is often the state, which the user does not write for: any active organisation
        self.fields["parties"].queryset = Organisation.objects.active()
        self.fields["area"].queryset = Organisation.objects.organising_areas()


class ItemForm(RestrictedFormMixin, forms.ModelForm):
    class Meta:
        model = InventoryItem
        fields = ["project", "kind", "title", "from_party", "to_party", "decision", "due_date", "owner", "status",
                  "quantity", "internal_cost", "internal_headcount", "internal_fte", "evidence", "evidence_url",
                  "notes", "visibility"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        parties = Organisation.objects.filter(transfer_projects__in=self.fields["project"].queryset).distinct()
        for name in ("from_party", "to_party", "owner"):
            self.fields[name].queryset = parties
        if self.instance.pk:  # an item stays in its project
            self.fields["project"].disabled = True


class TemplateLineForm(RestrictedFormMixin, forms.ModelForm):
    organisation_fields = ("owner",)

    class Meta:
        model = ChecklistTemplateItem
        fields = ["kind", "text", "order", "owner"]


class UploadForm(forms.Form):
    """A CSV or XLSX file of inventory items; every line is checked before anything is written."""

    file = UploadField(label=_("CSV or XLSX file"), kind="import", formats=("csv", "xlsx", "txt"))
