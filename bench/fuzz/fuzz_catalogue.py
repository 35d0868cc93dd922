"""atheris: yhdyspinta/catalogue/importers.py — the parsing part of `import_services`.

`import_services` reads CSV or XLSX with `core.tabular.read_rows` (the catalogue's
REQUIRED/OPTIONAL columns) and only then looks organisations up and saves; the harness reads
every row the same way, no database. Mode byte, then the body:
0 a CSV upload; 1 an XLSX upload (next byte: `_fuzzlib.xlsx_from_fuzz` mode — the raw file or one
XML part replaced inside a valid workbook). Refusal: core.tabular.InputError naming the file.

Needs Django settings (importers.py imports models); no database access.

    .venv/bin/python bench/fuzz/fuzz_catalogue.py -max_total_time=60
"""

import sys

import _fuzzlib
import atheris

with atheris.instrument_imports(include=["yhdyspinta"]):
    _fuzzlib.django_setup()
    from yhdyspinta.catalogue.importers import OPTIONAL, REQUIRED
    from yhdyspinta.core.tabular import InputError, read_rows

ROWS = [["organisation_code", "field", "name_fi", "name_sv", "visibility", "point_name", "postal_code",
         "opening_hours_fi"],
        ["091", "social", "Sosiaalipäivystys", "Socialjour", "public", "Kallion toimipiste", "00530",
         "ma–pe 8–16"],
        ["837", "health", "Hammashoito – päivystys", "", "internal", "", "", ""]]
TEMPLATE = _fuzzlib.xlsx_parts(_fuzzlib.xlsx_bytes(ROWS, sheet="Palvelut"))


def _parse(data: bytes, name: str):
    """import_services' reader (kept in step with importers.import_services)."""
    return read_rows(data, name=name, required=REQUIRED, allowed=REQUIRED + OPTIONAL)


def TestOneInput(data: bytes):
    if not data:
        return
    if data[0] % 2:
        name, body = "palvelut.xlsx", _fuzzlib.xlsx_from_fuzz(data[1:], TEMPLATE)
    else:
        name, body = "palvelut.csv", data[1:]
    try:
        for _line, row in _parse(body, name):
            row["organisation_code"], row["field"], row["name_fi"]  # what import_services reads first
    except InputError as exc:
        _fuzzlib.check_refusal(exc, name)


def seeds():
    xlsx = {k: b"\x01" + v for k, v in _fuzzlib.xlsx_seeds("palvelut", _fuzzlib.xlsx_bytes(ROWS)).items()}
    return {
        "services-bom.csv": b"\x00" + _fuzzlib.finnish_csv(ROWS),
        "services-cp1252.csv": b"\x00" + _fuzzlib.finnish_csv(ROWS[:1] + [[c.replace("–", "-") for c in ROWS[1]]],
                                                              encoding="cp1252"),
        "services-comma.csv": b"\x00" + _fuzzlib.finnish_csv(ROWS, delimiter=",", encoding="utf-8"),
        **xlsx,
    }


if __name__ == "__main__":
    _fuzzlib.run("fuzz_catalogue", TestOneInput, seeds(), tokens=[*REQUIRED, *OPTIONAL, "PK\x03\x04"])
    sys.exit(0)
