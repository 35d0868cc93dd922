from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Kind, Mode


class PreferencesForm(forms.Form):
    """One radio group per kind (a fieldset with its legend), and the e-mail language."""

    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, modes, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[f"kind_{kind.value}"] = forms.ChoiceField(
                label=kind.label, choices=Mode.choices, initial=modes[kind.value], widget=forms.RadioSelect)

    def modes(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[f"kind_{kind.value}"] for kind in Kind}

    def kind_fields(self):
        return [self[f"kind_{kind.value}"] for kind in Kind]
