"""The save button says "Tallenna" / "Spara": our own ("form" context) translation, not Django
admin's "Save" → "Tallenna ja poistu", which wins for the bare msgid (admin is listed first)."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext


def test_save_button_words_are_ours():
    with translation.override("fi"):
        assert pgettext("form", "Save") == "Tallenna"
    with translation.override("sv"):
        assert pgettext("form", "Save") == "Spara"


def test_edit_page_button_in_finnish(world, as_user):
    page = as_user(world.coordinator).get(reverse("notifications:preferences"), HTTP_ACCEPT_LANGUAGE="fi")
    if page.status_code == 302:
        page = as_user(world.coordinator).get(page["Location"])
    text = page.content.decode()
    assert ">Tallenna</button>" in text and "Tallenna ja poistu" not in text
