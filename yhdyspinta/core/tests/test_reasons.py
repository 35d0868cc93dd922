"""Refusal reasons: English for the CLI and logs, the user's language on pages."""

import pickle

import pytest
from django.utils import translation

from yhdyspinta.core.localize import error_message
from yhdyspinta.core.reasons import Reason, reason, translate
from yhdyspinta.core.tabular import InputError, read_rows


def test_a_reason_is_its_english_text():
    text = reason("unknown column(s): %(columns)s", columns="a, b")
    assert isinstance(text, str) and text == "unknown column(s): a, b"
    assert text.template == "unknown column(s): %(columns)s" and text.params == {"columns": "a, b"}
    assert reason("the file is empty") == "the file is empty"


def test_a_reason_survives_pickling():
    text = pickle.loads(pickle.dumps(reason("no sheet %(sheet)s in the workbook", sheet="'x'")))
    assert isinstance(text, Reason) and text.params == {"sheet": "'x'"}


def test_translate_uses_the_given_catalogue_and_nests():
    catalogue = {"outer %(inner)s": "ULKO %(inner)s", "inner %(n)s": "SISÄ %(n)s"}
    text = reason("outer %(inner)s", inner=reason("inner %(n)s", n=3))
    assert translate(text, lambda s: catalogue.get(s, s)) == "ULKO SISÄ 3"
    assert translate("plain", lambda s: "x") == "plain"  # plain text is data, not a message


def test_a_broken_translation_falls_back_to_english():
    text = reason("expected %(expected)s fields, found %(found)s", expected=3, found=2)
    assert translate(text, lambda s: "%(nonsense)s") == "expected 3 fields, found 2"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "kunnat.csv, rivi 1: sarake 'code' puuttuu"),
        ("sv", "kunnat.csv, rad 1: kolumnen 'code' saknas"),
        ("en", "kunnat.csv, line 1: missing column 'code'"),
    ],
)
def test_an_input_error_is_shown_in_the_user_s_language(language, expected):
    with pytest.raises(InputError) as caught:
        list(read_rows("name\nx\n", name="kunnat.csv", required=("code",)))
    assert str(caught.value) == "kunnat.csv, line 1: missing column 'code'"  # CLI and logs
    assert caught.value.column == "code"
    with translation.override(language):
        assert error_message(caught.value) == expected


def test_whole_file_errors_have_no_line():
    with pytest.raises(InputError) as caught:
        list(read_rows(b"", name="tyhja.csv"))
    with translation.override("fi"):
        assert error_message(caught.value) == "tyhja.csv: tiedosto on tyhjä"


def test_a_reason_round_trips_through_json_data():
    from yhdyspinta.core.reasons import as_data, from_data

    text = reason("outer %(inner)s", inner=reason("inner %(n)s", n=3))
    back = from_data(as_data(text))
    assert isinstance(back, Reason) and back == text and back.params["inner"].template == "inner %(n)s"
    assert as_data("plain") == "plain" and from_data("plain") == "plain"
