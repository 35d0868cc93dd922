"""atheris: yhdyspinta/core/xlsxsafe.py — check_archive, open_workbook_safely and iter_sheet_rows.

Input: a mode byte, then either the raw file (mode 0) or one XML part that replaces the same part
of a small valid workbook written by xlsxwriter (modes 1–6, re-zipped with correct CRCs so the
XML itself gets mutated). The only accepted refusal is tabular.InputError naming the file.

    .venv/bin/python bench/fuzz/fuzz_xlsx.py -max_total_time=60
"""

import sys
from datetime import date

import _fuzzlib
import atheris

with atheris.instrument_imports(include=["yhdyspinta", "openpyxl"]):
    import openpyxl  # noqa: F401 - instrumented: coverage of the XML reader guides the fuzzer

    from yhdyspinta.core.tabular import InputError
    from yhdyspinta.core.xlsxsafe import check_archive, iter_sheet_rows, open_workbook_safely

NAME = "fuzz.xlsx"
ROWS = [["code", "name", "due", "amount"], ["091", "Helsinki", "31.12.2021", 1234.5],
        ["049", "Espoo", date(2021, 12, 31).isoformat(), -12], ["020", "Äänekoski", "", 0.25]]
SEED = _fuzzlib.xlsx_bytes(ROWS, sheet="Tiedot")
TEMPLATE = _fuzzlib.xlsx_parts(SEED)


def TestOneInput(data: bytes):
    file = _fuzzlib.xlsx_from_fuzz(data, TEMPLATE)
    try:
        check_archive(file, name=NAME)
        book = open_workbook_safely(file, name=NAME)
        try:
            for _number, values in iter_sheet_rows(book, name=NAME):
                [str(v) for v in values]
            for sheet in book.sheetnames[:3]:
                for _number, _values in iter_sheet_rows(book, name=NAME, sheet=sheet):
                    pass
        finally:
            book.close()
    except InputError as exc:
        _fuzzlib.check_refusal(exc, NAME)


if __name__ == "__main__":
    _fuzzlib.run("fuzz_xlsx", TestOneInput, _fuzzlib.xlsx_seeds("tiedot", SEED),
                  tokens=["PK\x03\x04", "<!ENTITY", "<!DOCTYPE", 't="s"', 't="n"', 't="d"', "<v>", "<c r=",
                          "<row r=", '<dimension ref="', "<sheet ", "r:id="])
    sys.exit(0)
