"""Translatable texts on forms: Finnish, Swedish and English as language tabs, Finnish selected
unless another language has an error (then that tab says so); other fields as Django renders them."""

import re

from django import forms
from django.utils import translation

from yhdyspinta.catalogue.forms import InterfaceForm
from yhdyspinta.core.templatetags.form_layout import language_groups


class TextForm(forms.Form):
    name_fi = forms.CharField(label="nimi [fi]")
    name_sv = forms.CharField(label="nimi [sv]", required=False, max_length=3)
    name_en = forms.CharField(label="nimi [en]", required=False, max_length=3)
    code = forms.CharField(label="tunnus")
    notes_sv = forms.CharField(label="lisätiedot [sv]", required=False)  # no Finnish field: stays as it is
    token = forms.CharField(widget=forms.HiddenInput, initial="x")


def _groups(html):
    return re.findall(r'<div class="langtabs" data-langtabs>(.*?)\n  </div>\n', html, re.DOTALL)


def _tabs(group):
    """[(tab text, aria-selected, tabindex, aria-controls)] of a group's tab list."""
    return [(re.sub(r"<[^>]+>", "", text).strip(), selected, index, controls) for controls, selected, index, text in
            re.findall(r'<button type="button" role="tab" id="[^"]+" aria-controls="([^"]+)" '
                       r'aria-selected="(true|false)" tabindex="(0|-1)">(.*?)</button>', group)]


def test_finnish_swedish_and_english_are_tabs_of_one_group():
    with translation.override("fi"):
        html = str(TextForm())
    [group] = _groups(html)
    assert 'role="tablist"' in group and 'aria-label="nimi: kieli"' in group
    assert _tabs(group) == [("Suomi", "true", "0", "id_name_fi-panel"), ("Svenska", "false", "-1", "id_name_sv-panel"),
                            ("English", "false", "-1", "id_name_en-panel")]
    assert '<span lang="sv">Svenska</span>' in group and '<span lang="en">English</span>' in group
    # every field is in its own panel, in the page without script (no panel is hidden by the server)
    for language in ("fi", "sv", "en"):
        panel = re.search(rf'<div id="id_name_{language}-panel" class="langtabs-panel">(.*?)</div>', group, re.DOTALL)
        assert f'name="name_{language}"' in panel.group(1) and f'for="id_name_{language}"' in panel.group(1)
    assert "hidden" not in group.replace('aria-label="nimi: kieli" hidden', "")  # only the list, until the script
    assert html.index('name="name_fi"') < html.index('name="name_en"') < html.index('name="code"')
    assert 'name="notes_sv"' in html.split('data-langtabs>')[1].split("\n  </div>\n", 1)[1]  # not in a group
    assert html.count('type="hidden"') == 1


def test_an_error_selects_its_languages_tab_and_the_tab_says_so():
    form = TextForm({"name_fi": "Nimi", "name_sv": "Namnet", "name_en": "Names", "code": "A", "token": "x"})
    assert not form.is_valid()
    with translation.override("fi"):
        [group] = _groups(str(form))
    tabs = _tabs(group)
    assert tabs[1] == ("Svenska (sisältää virheitä)", "true", "0", "id_name_sv-panel")  # the first with an error
    assert tabs[2][0] == "English (sisältää virheitä)" and tabs[2][1:3] == ("false", "-1")
    assert tabs[0][:3] == ("Suomi", "false", "-1")
    rows = language_groups([(form[name], form.errors.get(name)) for name in form.fields])
    assert [r["field"].name for r in rows] == ["name_fi", "code", "notes_sv", "token"]
    assert rows[0]["open"] and [f.name for f, _e in rows[0]["translations"]] == ["name_sv", "name_en"]
    assert [t["code"] for t in rows[0]["languages"]] == ["fi", "sv", "en"] and rows[1]["languages"] == []


def test_a_finnish_error_keeps_finnish_selected():
    form = TextForm({"name_fi": "", "name_sv": "Namnet", "code": "A", "token": "x"})
    assert not form.is_valid()
    with translation.override("sv"):
        [group] = _groups(str(form))
    assert [t[:2] for t in _tabs(group)] == [("Suomi (innehåller fel)", "true"), ("Svenska (innehåller fel)", "false"),
                                             ("English", "false")]


def test_the_interface_form_is_a_third_as_long(world):
    html = str(InterfaceForm(user=world.editor))
    groups = _groups(html)
    assert len(groups) >= 8  # title, client group, aims … each with its three languages in one group
    for group in groups:
        assert [t[0] for t in _tabs(group)] == ["Suomi", "Svenska", "English"]
        assert len(re.findall(r'name="\w+_(fi|sv|en)"', group)) == 3


class TitleForm(forms.Form):
    """A form field named without `_fi` (a plain form's Finnish title) with its `_sv` and `_en`."""

    title = forms.CharField(label="Otsikko")
    title_sv = forms.CharField(label="Otsikko ruotsiksi", required=False)
    title_en = forms.CharField(label="Otsikko englanniksi", required=False)
    titles = forms.CharField(label="Muu", required=False)


def test_a_plain_field_with_its_sv_and_en_is_a_tab_group_too():
    with translation.override("fi"):
        [group] = _groups(str(TitleForm()))
    assert [t[0] for t in _tabs(group)] == ["Suomi", "Svenska", "English"]
    assert 'aria-label="Otsikko: kieli"' in group and 'name="titles"' not in group
