"""Hostile input to the CSV reader and its parsers: anything refused is an InputError, nothing else.

Property tests (hypothesis) feed arbitrary bytes, text and near-valid CSV. Defects these tests
found are fixed; the examples that found them stay as regression tests.
"""


import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from yhdyspinta.core.tabular import InputError, parse_date, parse_decimal, parse_int, read_rows

BOM = b"\xef\xbb\xbf"
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters a CSV reader has to cope with: separators, quotes, line ends, NUL, BOM, non-ASCII.
tricky_char = st.sampled_from(list(";,\t\"'\r\n\x00\ufeffäöå€ =+-@0123456789eE.") + ["\u2028", "\x85"])
# codec="utf-8": text read from a file never holds a lone surrogate.
tricky_text = st.lists(st.one_of(tricky_char, st.characters(codec="utf-8")), max_size=200).map("".join)


def consume(source, **kwargs):
    return list(read_rows(source, **kwargs))


@FAST
@given(st.binary(max_size=2000))
@example(b"")
@example(b"\x00\x01")
@example(BOM)
@example(b"a;b\n" + b"x" * 200_000)
@example(b'a;b\n"unterminated')
def test_read_rows_on_arbitrary_bytes_refuses_only_with_input_error(data):
    try:
        rows = consume(data, required=("a",))
    except InputError as exc:
        assert exc.file and exc.reason
    else:
        for number, row in rows:
            assert number >= 2 and "a" in row


@FAST
@given(tricky_text)
def test_read_rows_on_arbitrary_text_refuses_only_with_input_error(text):
    try:
        consume(text, required=("code",), allowed=("code", "name"))
    except InputError as exc:
        assert exc.reason


@FAST
@given(
    st.lists(st.sampled_from(["code", "name", "population", "", "code ", "\ufeffcode"]), min_size=1, max_size=5),
    st.lists(st.lists(tricky_text, max_size=6), max_size=8),
    st.sampled_from([";", ",", "\t"]),
)
def test_near_valid_csv_never_escapes(header, rows, delimiter):
    text = "\n".join(delimiter.join(r) for r in [header, *rows])
    try:
        for number, row in consume(text.encode("utf-8"), required=("code",)):
            assert set(row) == {h.strip().lstrip("\ufeff") for h in header}
            assert number >= 2
    except InputError as exc:
        assert exc.reason


@FAST
@given(tricky_text)
@example("1e999")
@example("NaN")
@example("-Infinity")
@example("1,5e-3")
@example("31.02.2021")
def test_parsers_refuse_only_with_input_error(value):
    for parser in (parse_date, parse_decimal, parse_int):
        try:
            parser(value, "f.csv", 3, "column")
        except InputError as exc:
            assert exc.line == 3 and "column" in exc.reason


def test_parse_int_accepts_plain_values():
    assert parse_int("1 234", "f", 2, "c") == 1234
    assert parse_decimal("1,5", "f", 2, "c") == parse_decimal("1.5", "f", 2, "c")
    with pytest.raises(InputError):
        parse_int("1,5", "f", 2, "c")


def test_bom_with_invalid_utf8_is_refused():
    with pytest.raises(InputError):
        consume(BOM + b"code\n\xff\xfe")


def test_parse_int_refuses_a_huge_exponent():
    """Refused before the number is built (time: bench/trust/bench_limits.py)."""
    with pytest.raises(InputError, match="too large"):
        parse_int("1e120000", "f", 2, "c")
