"""Translatable texts on forms: Finnish first, Swedish and English folded under it, opened by
an error in them; other fields as Django renders them."""

import re

from django import forms

from yhdyspinta.catalogue.forms import InterfaceForm
from yhdyspinta.core.templatetags.form_layout import language_groups


class TextForm(forms.Form):
    name_fi = forms.CharField(label="nimi [fi]")
    name_sv = forms.CharField(label="nimi [sv]", required=False, max_length=3)
    name_en = forms.CharField(label="nimi [en]", required=False)
    code = forms.CharField(label="tunnus")
    notes_sv = forms.CharField(label="lisätiedot [sv]", required=False)  # no Finnish field: stays as it is
    token = forms.CharField(widget=forms.HiddenInput, initial="x")


def test_swedish_and_english_fold_under_the_finnish_field():
    html = str(TextForm())
    [details] = re.findall(r"<details class=\"translations\">(.*?)</details>", html, re.DOTALL)
    assert 'name="name_sv"' in details and 'name="name_en"' in details and 'name="name_fi"' not in details
    assert "nimi [fi]: in Swedish and English" in details or "nimi [fi]: ruotsiksi ja englanniksi" in details
    assert html.index('name="name_fi"') < html.index("<details") < html.index('name="code"')
    assert 'name="notes_sv"' in html.split("</details>")[1]  # outside any disclosure
    assert html.count('type="hidden"') == 1


def test_an_error_in_a_translation_opens_it():
    form = TextForm({"name_fi": "Nimi", "name_sv": "Namnet", "code": "A", "token": "x"})
    assert not form.is_valid()
    assert '<details class="translations" open>' in str(form)
    rows = language_groups([(form[name], form.errors.get(name)) for name in form.fields])
    assert [r["field"].name for r in rows] == ["name_fi", "code", "notes_sv", "token"]
    assert rows[0]["open"] and [f.name for f, _e in rows[0]["translations"]] == ["name_sv", "name_en"]


def test_the_interface_form_is_a_third_as_long(world):
    html = str(InterfaceForm(user=world.editor))
    folded = re.findall(r"<details class=\"translations\">.*?</details>", html, re.DOTALL)
    assert len(folded) >= 8  # title, client group, aims … each with sv and en folded
    assert all("_sv" in block and "_en" in block and "_fi\"" not in block for block in folded)
