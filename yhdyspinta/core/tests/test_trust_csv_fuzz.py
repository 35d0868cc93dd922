"""Hostile input to the CSV reader and its parsers: anything refused is an InputError, nothing else.

Property tests (hypothesis) feed arbitrary bytes, text and near-valid CSV. Known defects found
by these tests are pinned as strict xfails below so that the fix turns them into failures to
remove (see docs/reliability.md "Known input defects").
"""

import time

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from yhdyspinta.core.csvfiles import InputError, parse_date, parse_decimal, parse_int, read_rows

BOM = b"\xef\xbb\xbf"
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters a CSV reader has to cope with: separators, quotes, line ends, NUL, BOM, non-ASCII.
tricky_char = st.sampled_from(list(";,\t\"'\r\n\x00\ufeffäöå€ =+-@0123456789eE.") + ["\u2028", "\x85"])
tricky_text = st.lists(st.one_of(tricky_char, st.characters()), max_size=200).map("".join)


def _bom_with_bad_utf8(data: bytes) -> bool:
    """Known defect: BOM followed by invalid UTF-8 escapes as UnicodeDecodeError."""
    if not data.startswith(BOM) or b"\x00" in data[:4096]:
        return False
    try:
        data[3:].decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


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
    assume(not _bom_with_bad_utf8(data))
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
    assume(not _huge_exponent(value))
    for parser in (parse_date, parse_decimal, parse_int):
        try:
            parser(value, "f.csv", 3, "column")
        except InputError as exc:
            assert exc.line == 3 and "column" in exc.reason


def _huge_exponent(value: str) -> bool:
    """Known defect: parse_int('1e999999') converts to a million-digit int (seconds of CPU)."""
    import re

    match = re.search(r"[eE]\s*\+?\s*(\d+)", value)
    return bool(match) and int(match.group(1)[:7] or 0) > 4000


def test_parse_int_accepts_plain_values():
    assert parse_int("1 234", "f", 2, "c") == 1234
    assert parse_decimal("1,5", "f", 2, "c") == parse_decimal("1.5", "f", 2, "c")
    with pytest.raises(InputError):
        parse_int("1,5", "f", 2, "c")


@pytest.mark.xfail(strict=True, raises=UnicodeDecodeError,
                   reason="csvfiles.decode: a BOM followed by invalid UTF-8 is not an InputError")
def test_known_defect_bom_with_invalid_utf8():
    with pytest.raises(InputError):
        consume(BOM + b"code\n\xff\xfe")


@pytest.mark.xfail(strict=True, reason="csvfiles.parse_int: a huge exponent costs seconds of CPU (DoS)")
def test_known_defect_parse_int_huge_exponent_is_slow():
    started = time.perf_counter()
    try:
        parse_int("1e120000", "f", 2, "c")
    except InputError:
        pass
    assert time.perf_counter() - started < 0.05
