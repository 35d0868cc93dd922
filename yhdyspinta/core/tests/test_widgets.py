"""The shared date picker keeps ISO values whatever the language (a localised value empties it)."""

from datetime import date

from django.utils import translation

from yhdyspinta.core.widgets import DateInput


def test_date_picker_value_is_iso_in_every_language():
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            html = DateInput().render("on", date(2021, 12, 31))
        assert 'type="date"' in html and 'value="2021-12-31"' in html, (language, html)
