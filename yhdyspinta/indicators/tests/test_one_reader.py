"""One reader: the long indicator CSV goes through core.tabular — header case, tabs and XLSX read
alike, and `import_indicator_values` (a path) and the upload page refuse a file alike."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yhdyspinta.core.exports import rows_to_xlsx
from yhdyspinta.core.tabular import InputError
from yhdyspinta.indicators import actions
from yhdyspinta.indicators.compute.parsing import parse_long_csv

HEADER = ["Indicator_ID", "REGION_CODE", "region_category", "Year", "sex", "value"]
ROWS = [["127", "837", "KUNTA", "2023", "total", "12,5"], ["127", "20", "MAA", "2023", "", "1 234"]]


def test_header_case_tabs_and_xlsx_read_alike():
    text = "\n".join("\t".join(r) for r in [HEADER, *ROWS]).encode("cp1252")
    from_csv = parse_long_csv(text, name="v.csv", max_year=2100)
    from_xlsx = parse_long_csv(rows_to_xlsx(HEADER, ROWS), name="v.xlsx", max_year=2100)
    assert [r[:7] for r in from_csv] == [r[:7] for r in from_xlsx]
    assert [(r.region, r.value) for r in from_csv] == [(("municipality", "837"), 12.5), (("country", "SSS"), 1234.0)]


def test_command_and_upload_refuse_a_file_alike(world, tmp_path):
    data = ("\n".join(";".join(r) for r in [HEADER, ROWS[0], ROWS[1][:4]]) + "\n").encode()
    path = tmp_path / "values.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as command:
        actions.import_file(path)
    with pytest.raises(InputError) as upload:
        actions.import_upload(SimpleUploadedFile("values.csv", data), actor=world.admin)
    assert (command.value.file, command.value.line, command.value.reason) == \
        (upload.value.file, upload.value.line, upload.value.reason) == ("values.csv", 3, "expected 6 fields, got 4")
