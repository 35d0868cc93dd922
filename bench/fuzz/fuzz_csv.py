"""atheris: yhdyspinta/core/tabular.py — read_rows, then parse_date/parse_decimal/parse_int on every cell.

The only accepted refusal is tabular.InputError naming the file; any other exception is a finding.

    .venv/bin/python bench/fuzz/fuzz_csv.py -max_total_time=60
"""

import sys

import _fuzzlib
import atheris

with atheris.instrument_imports(include=["yhdyspinta"]):
    from yhdyspinta.core.tabular import InputError, parse_date, parse_decimal, parse_int, read_rows

NAME = "fuzz.csv"
REQUIRED = ("code", "date", "amount")
ALLOWED = ("code", "name", "date", "amount", "population")


def TestOneInput(data: bytes):
    if not data:
        return
    mode, body = data[0] % 4, data[1:]
    source = body.decode("utf-8", "replace") if mode == 1 else body  # text path (upload forms) or bytes
    try:
        kwargs = {"required": REQUIRED} if mode == 2 else {"allowed": ALLOWED} if mode == 3 else {}
        for line, row in read_rows(source, name=NAME, **kwargs):
            for column, value in row.items():
                for parse in (parse_date, parse_decimal, parse_int):
                    try:
                        parse(value, NAME, line, column)
                    except InputError as exc:
                        _fuzzlib.check_refusal(exc, NAME)
    except InputError as exc:
        _fuzzlib.check_refusal(exc, NAME)


def seeds():
    rows = [["code", "name", "date", "amount", "population"],
            ["091", "Helsinki", "31.12.2021", "1 234,50", "658457"],
            ["049", "Espoo", "2021-12-31", "-12,5", "297132"],
            ["837", "Tampere", "1.1.2022", "1e3", ""]]
    cp = [["code", "name", "date", "amount"], ["020", "Äänekoski", "31.12.2021", "3,14"],
          ["148", "Inari – Anár", "29.2.2020", "0,5"]]
    return {
        "bom-semicolon.csv": b"\x00" + _fuzzlib.finnish_csv(rows),
        "cp1252.csv": b"\x00" + _fuzzlib.finnish_csv(cp, encoding="cp1252"),
        "text-comma.csv": b"\x01" + _fuzzlib.finnish_csv(rows, delimiter=",", encoding="utf-8"),
        "required.csv": b"\x02" + _fuzzlib.finnish_csv(rows[:3]),
        "allowed-quoted.csv": b"\x03" + 'code;name;date;amount\r\n"091";"Helsinki; Helsingfors";31.12.2021;"1\xa0000,00"\r\n'
        .encode("utf-8-sig"),
        "tab.csv": b"\x00" + _fuzzlib.finnish_csv(rows, delimiter="\t", encoding="utf-8"),
    }


if __name__ == "__main__":
    _fuzzlib.run("fuzz_csv", TestOneInput, seeds(), tokens=[*ALLOWED, b"\xa0", b"\xe4"])
    sys.exit(0)
