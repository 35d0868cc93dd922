"""Page forms; writes go through actions.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.models import translated_names
from yhdyspinta.core.uploads import UploadField
from yhdyspinta.core.widgets import DateInput
from yhdyspinta.organisations.models import Organisation, Person

from .choices import Answer, Dimension, Maturity
from .models import (
    ContactPoint,
    EscalationStep,
    Interface,
    MappingAnswer,
    MappingRound,
    OrganisationContact,
    SearchSynonym,
    Service,
    ServicePoint,
)
from .translation import INTERFACE_TEXTS

LANGS = ("fi", "sv", "en")

_tr = translated_names


class ServiceForm(RestrictedFormMixin, forms.ModelForm):
    organisation_fields = ("organisation",)  # core.forms: active organisations the user may add for

    class Meta:
        model = Service
        fields = ["organisation", "unit", "field", *_tr("name", "description", "how_to_get"), "legal_basis",
                  "website", "ptv_id", "visibility"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["name_fi"].required = True


class _ServicePartForm(RestrictedFormMixin, forms.ModelForm):
    """A point or contact of a service the user may change."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["service"].queryset = Service.objects.restrict(user, "change").select_related("organisation")
        self.fields["name_fi"].required = True


class ServicePointForm(_ServicePartForm):
    class Meta:
        model = ServicePoint
        fields = ["service", *_tr("name"), "street_address", "postal_code", "post_office", "municipality",
                  *_tr("opening_hours", "directions")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Organisation.objects.municipalities().order_by("name")


class ContactPointForm(_ServicePartForm):
    class Meta:
        model = ContactPoint
        fields = ["service", *_tr("name"), "phone", "email", "url", *_tr("hours"), "municipality"]


class OrganisationContactForm(RestrictedFormMixin, forms.ModelForm):
    """An organisation's general contacts (the finder's fallback), for the organisation's editors."""

    organisation_fields = ("organisation",)  # core.forms: active organisations the user may add for

    class Meta:
        model = OrganisationContact
        fields = ["organisation", "phone", "email", "url", "address", *_tr("hours"), "social_emergency_phone",
                  "ptv_id"]


class SearchSynonymForm(RestrictedFormMixin, forms.ModelForm):
    """A search synonym, kept by an organisation the user edits for."""

    organisation_fields = ("organisation",)

    class Meta:
        model = SearchSynonym
        fields = ["language", "phrase", "expands_to", "organisation"]


class InterfaceForm(RestrictedFormMixin, forms.ModelForm):
    """Every part of the seeds' structure in three languages, parties, owners and levels."""

    owners = forms.ModelMultipleChoiceField(
        label=_("owners"), queryset=Person.objects.none(), required=False,
        help_text=_("One person per party organisation."),
    )

    class Meta:
        model = Interface
        fields = ["theme", "client_group", "parties", "services", *_tr(*INTERFACE_TEXTS),
                  "level_political", "level_management", "level_expert", "level_field", "visibility",
                  "internal_notes"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["title_fi"].required = True
        self.fields["parties"].queryset = Organisation.objects.active()
        self.fields["services"].queryset = Service.objects.restrict(user, "view").select_related("organisation")
        self.fields["owners"].queryset = Person.objects.restrict(user, "view").select_related("organisation")
        if self.instance.pk:
            self.fields["owners"].initial = [o.person_id for o in self.instance.owners.all()]
            texts = {r.organisation_id: r for r in self.instance.responsibilities.all()}
            for party in self.instance.parties.all():
                for lang in LANGS:
                    self.fields[f"resp_{party.pk}_{lang}"] = forms.CharField(
                        label=_("Responsibilities of %(org)s (%(lang)s)") % {"org": party, "lang": lang},
                        required=False, widget=forms.Textarea(attrs={"rows": 2}),
                        initial=getattr(texts.get(party.pk), f"text_{lang}", "") or "")

    def responsibility_texts(self):
        """{organisation id: {"text_fi": …, …}} from the per-party fields (existing interfaces only)."""
        out = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("resp_"):
                _prefix, org_id, lang = name.split("_")
                out.setdefault(int(org_id), {})[f"text_{lang}"] = value or ""
        return out


EscalationStepFormSet = forms.inlineformset_factory(
    Interface, EscalationStep, fields=["order", *_tr("action", "who"), "time_limit_days"], extra=1,
    can_delete=True,
)



class AssessmentForm(forms.Form):
    """Assess all nine dimensions at once; a blank value leaves that dimension unassessed.

    The assessor is the signed-in user (assess_maturity records it); the date may not be in the future.
    """

    assessed_on = forms.DateField(label=_("date"), widget=DateInput(),
                                  help_text=_("The day of the assessment: today or earlier."))
    comment = forms.CharField(label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, interface=None, user=None, **kwargs):
        from .models import helsinki_today

        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].widget.attrs["max"] = helsinki_today().isoformat()
        latest = interface.latest_assessments()
        choices = [("", _("not assessed"))] + [(str(v), f"{v} – {label}") for v, label in Maturity.choices]
        for dimension, label in Dimension.choices:
            current = latest.get(dimension)
            self.fields[f"dim_{dimension}"] = forms.TypedChoiceField(
                label=label, choices=choices, required=False, coerce=int, empty_value=None,
                initial=str(current.value) if current else "",
            )

    def dimension_values(self):
        return {d: self.cleaned_data.get(f"dim_{d}") for d in Dimension.values
                if self.cleaned_data.get(f"dim_{d}") is not None}


class RetractAssessmentForm(forms.Form):
    reason = forms.CharField(label=_("reason for retraction"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Why the assessment was wrong; shown in the history."))


class ServiceImportForm(forms.Form):
    file = UploadField(label=_("CSV or XLSX file"), kind="import", formats=("csv", "xlsx"))


class TemplateInstantiateForm(RestrictedFormMixin, forms.Form):
    organisation_fields = ("county",)  # core.forms: the organising areas the user may add for
    county = forms.ModelChoiceField(label=_("county"), queryset=Organisation.objects.organising_areas())
    publish = forms.BooleanField(label=_("publish the new interfaces"), required=False)


class RoundForm(RestrictedFormMixin, forms.ModelForm):
    organisation_fields = ("area",)  # core.forms: the organising areas the user may add for

    class Meta:
        model = MappingRound
        fields = ["area", "title", "instructions", "opens_on", "closes_on", "visibility"]
        widgets = {"opens_on": DateInput(),
                   "closes_on": DateInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["area"].queryset = Organisation.objects.organising_areas()


class AnswerForm(RestrictedFormMixin, forms.ModelForm):
    # No lost update: the version of the answer this form showed (0: there was none yet).
    loaded_version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version if self.instance.pk else 0

    class Meta:
        model = MappingAnswer
        fields = ["exists", "agreed", "works", "problems", "good_practices", "proposals"]
        widgets = {f: forms.Textarea(attrs={"rows": 2}) for f in ("problems", "good_practices", "proposals")}


__all__ = ["Answer"]
