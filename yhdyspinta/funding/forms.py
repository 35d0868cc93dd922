"""Forms of the funding pages; the numbers are checked by compute inside the actions."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.models import Visibility
from yhdyspinta.core.uploads import UploadField
from yhdyspinta.organisations.models import Organisation

from .models import InputKind, InputSet, ParameterSet

# Euro amounts of the page's forms: up to 10^13 € with cents (the national level is ~2.5 × 10^10 €), so
# an amount like 1e30 is refused on its field instead of overflowing the rounding (walk 5 #1).
EURO_DIGITS = 15


class _OtherLanguageTitles(forms.Form):
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)


class OwnedForm(RestrictedFormMixin, forms.Form):
    """The owner: an active organisation the user may add for (core.forms); superusers may also
    choose national (empty)."""

    organisation_fields = ("owner",)
    owner = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"), label=pgettext_lazy("owning organisation", "Owner"), required=False)
    visibility = forms.ChoiceField(choices=Visibility.choices, label=_("Visibility"), initial=Visibility.PUBLIC)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        superuser = getattr(user, "is_superuser", False)
        self.fields["owner"].required = not superuser
        self.fields["owner"].empty_label = _("National (no owner)") if superuser else None


class ImportParameterSetForm(OwnedForm, _OtherLanguageTitles):
    file = UploadField(label=_("JSON file"), required=False, kind="import", formats=("json",))
    text = forms.CharField(label=_("or paste the JSON"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    official = forms.BooleanField(label=_("From public sources (official set)"), required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:  # size and type checked by UploadField
            cleaned["content"] = upload.read()
        elif cleaned.get("text"):
            cleaned["content"] = cleaned["text"]
        else:
            raise forms.ValidationError(_("Choose a file or paste the JSON."))
        if cleaned.get("official") and not getattr(self.user, "is_superuser", False):
            raise forms.ValidationError(_("Only administrators add official sets."))
        return cleaned


class CopyForm(OwnedForm, _OtherLanguageTitles):
    name = forms.SlugField(label=_("Identifier"), max_length=100)
    title = forms.CharField(label=_("Title"), max_length=300)
    field_order = ("name", "title", "title_sv", "title_en")


class SharesForm(forms.Form):
    """One field per criterion share, per group total and the total funding."""

    def __init__(self, *args, params=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.params = params
        self.fields["total_funding"] = forms.DecimalField(
            label=_("Total funding (€)"), initial=params.total_funding_eur, min_value=0, decimal_places=2, localize=True,
            max_digits=EURO_DIGITS)
        for group in params.groups:
            self.fields[f"group_{group.key}"] = forms.DecimalField(
                label=_("Group total: %(label)s (%%)") % {"label": group.label}, initial=group.total_share,
                decimal_places=6, min_value=0, max_value=100, localize=True,
            )
        for crit in params.criteria:
            self.fields[f"share_{crit.key}"] = forms.DecimalField(
                label=_("Share: %(label)s (%%)") % {"label": crit.label}, initial=crit.share,
                decimal_places=6, max_value=100, localize=True,
            )

    def values(self):
        data = self.cleaned_data
        shares = {c.key: data[f"share_{c.key}"] for c in self.params.criteria}
        groups = {g.key: data[f"group_{g.key}"] for g in self.params.groups}
        return shares, groups, data["total_funding"]


class MoveShareForm(forms.Form):
    """Move points to one criterion from others, e.g. hyte +0.5 from population and need."""

    def __init__(self, *args, params=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.params = params
        self.fields["to_key"] = forms.ChoiceField(
            label=_("Move points to"), choices=[(c.key, f"{c.label} ({c.share} %)") for c in params.criteria]
        )
        for crit in params.criteria:
            self.fields[f"from_{crit.key}"] = forms.DecimalField(
                label=_("Points taken from %(label)s") % {"label": crit.label}, required=False,
                decimal_places=6, min_value=0, max_value=100, localize=True,
            )

    def from_points(self):
        return {c.key: self.cleaned_data.get(f"from_{c.key}") for c in self.params.criteria}


class ImportInputsForm(OwnedForm, _OtherLanguageTitles):
    kind = forms.ChoiceField(choices=InputKind.choices, label=_("Kind"))
    file = UploadField(label=_("CSV file"), kind="import", formats=("csv", "txt"))
    name = forms.SlugField(label=_("Identifier"), max_length=100)
    title = forms.CharField(label=_("Title"), max_length=300)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    illustrative = forms.BooleanField(label=_("Illustrative values (not real figures)"), required=False,
                                      initial=True)
    source_note = forms.CharField(label=_("Source of the data"), widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False)
    check_against = forms.ModelChoiceField(
        queryset=ParameterSet.objects.none(), label=_("Check coefficients against parameter set"), required=False
    )
    require_all = forms.BooleanField(
        label=_("Require every organising area (counties 01–21 and Helsinki 90)"), required=False, initial=True
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["check_against"].queryset = ParameterSet.objects.restrict(user, "view")

class CalculatorForm(RestrictedFormMixin, forms.Form):
    """The calculator's choices (a GET form)."""

    parameter_set = forms.ModelChoiceField(queryset=ParameterSet.objects.none(), label=_("Parameter set"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    inputs = forms.ModelChoiceField(queryset=InputSet.objects.none(), label=_("Inputs"))

    level_eur = forms.DecimalField(
        label=_("National funding level of the year (€)"), required=False, min_value=0, localize=True,
        max_digits=EURO_DIGITS, decimal_places=2,
        help_text=_("Empty: the set's total, raised by the price index and service-need growth below if given."))
    price_index_pct = forms.DecimalField(
        label=_("Price index change per year (hyvinvointialueindeksi, %)"), required=False, localize=True,
        min_value=-50, max_value=50)
    service_need_growth_pct = forms.DecimalField(
        label=_("Service-need growth per year (%)"), required=False, localize=True, min_value=-50, max_value=50)
    new_tasks_eur = forms.DecimalField(label=_("New-task funding of the year (€)"), required=False, localize=True,
                                       max_digits=EURO_DIGITS, decimal_places=2)
    ex_post_correction_eur = forms.DecimalField(
        label=_("Ex-post correction of the year (jälkikäteistarkistus, €)"), required=False, localize=True,
        max_digits=EURO_DIGITS, decimal_places=2)
    published = forms.BooleanField(
        label=_("Use the published national figures of the year (Ministry of Finance, state budget)"),
        required=False)

    NATIONAL_FIELDS = ("level_eur", "price_index_pct", "service_need_growth_pct", "new_tasks_eur",
                       "ex_post_correction_eur", "published")

    def __init__(self, *args, user=None, kind=InputKind.COUNTY, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["parameter_set"].queryset = ParameterSet.objects.restrict(user, "view")
        self.fields["inputs"].queryset = InputSet.objects.restrict(user, "view").filter(kind=kind)
        if kind == InputKind.MUNICIPAL:
            del self.fields["year"]
            for name in self.NATIONAL_FIELDS:
                del self.fields[name]

    def national(self, params, year):
        """The year's national parameters (compute.NationalLevel), None when none is given.

        The price index change and the service-need growth apply to every year from the set's price
        level year up to ``year``. With ``published`` the year's published figures
        (``compute.published``) are used instead of the other fields."""
        from yhdyspinta.core.reasons import reason

        from .compute import FundingInputError, NationalLevel
        from .compute.published import published_national

        if self.cleaned_data.get("published"):
            found = published_national(year)
            if found is None:
                raise FundingInputError(reason("no published national figures for %(year)s", year=year))
            return found.national
        data = {name: self.cleaned_data.get(name) for name in self.NATIONAL_FIELDS if name != "published"}
        if all(value is None for value in data.values()):
            return None
        years = range(params.price_level_year + 1, year + 1)
        return NationalLevel(
            price_index_pct={y: data["price_index_pct"] or 0 for y in years},
            service_need_growth_pct={y: data["service_need_growth_pct"] or 0 for y in years},
            new_tasks_eur=data["new_tasks_eur"] or 0, ex_post_correction_eur=data["ex_post_correction_eur"] or 0,
            level_eur=data["level_eur"],
        )
