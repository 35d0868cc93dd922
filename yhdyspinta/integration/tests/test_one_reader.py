"""One reader: `integration analyse` (CLI), the CSV upload and the XLSX upload read answer files
through the same core.tabular header and row checks, so they accept and refuse alike."""

import polars as pl
import pytest

from yhdyspinta.core.exports import rows_to_xlsx
from yhdyspinta.integration import importing
from yhdyspinta.integration.cli import main
from yhdyspinta.integration.compute.errors import IntegrationInputError
from yhdyspinta.integration.compute.io import read_fixed, read_responses

HEADER = ["Respondent_ID", "GROUP", "party", "Frequency", "mutuality", "NEED"]
ROWS = [["r1", "2.1", "2.2", "3", "1", "4"], ["r1", "2.1", "2.3", "0", "2", ""], ["r2", "2.3", "2.1", "4", "0", "1"]]
CORE = ["respondent_id", "group", "party", "frequency", "mutuality", "need"]


def _csv(header, rows, delimiter=";", encoding="utf-8-sig"):
    return "\r\n".join(delimiter.join(r) for r in [header, *rows]).encode(encoding) + b"\r\n"


def _web(data, name):
    frame, _lines = importing.read_long(importing.to_csv_bytes(data, name), name)
    return frame.select(CORE)


@pytest.mark.parametrize("delimiter, encoding", [(";", "utf-8-sig"), (",", "utf-8"), ("\t", "cp1252")])
def test_the_same_answers_from_cli_reader_csv_upload_and_xlsx_upload(tmp_path, delimiter, encoding):
    path = tmp_path / "RESPONSES.csv"
    path.write_bytes(_csv(HEADER, ROWS, delimiter, encoding))
    cli = read_responses(str(path)).select(CORE)
    assert cli.columns == CORE and cli.height == 3
    for frame in (_web(_csv(HEADER, ROWS, delimiter, encoding), "answers.csv"),
                  _web(rows_to_xlsx(HEADER, ROWS), "answers.xlsx")):
        assert frame.equals(cli.with_columns(pl.col("respondent_id", "group", "party").cast(pl.String)))


BAD = {
    "missing column": (HEADER[:-1], [r[:-1] for r in ROWS], 1, "missing column 'need'"),
    "value outside the scale": (HEADER, [ROWS[0], ["r1", "2.1", "2.3", "7", "1", "1"]], 3, "outside the frequency scale"),
    "non-numeric rating": (HEADER, [ROWS[0], ["r1", "2.1", "2.3", "x", "1", "1"]], 3, "non-numeric rating"),
    "empty group": (HEADER, [["r1", "", "2.2", "1", "1", "1"]], 2, "empty group"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_answer_file_is_refused_alike(tmp_path, capsys, case):
    header, rows, line, text = BAD[case]
    path = tmp_path / "bad.csv"
    path.write_bytes(_csv(header, rows))
    assert main(["analyse", "--responses", str(path), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert f"bad.csv:{line}: " in err and text in err
    refusals = []
    for data, name in ((_csv(header, rows), "bad.csv"), (rows_to_xlsx(header, rows), "bad.xlsx")):
        with pytest.raises(IntegrationInputError) as caught:
            _web(data, name)
        refusals.append((caught.value.line, str(caught.value.reason)))
    assert {r for r in refusals} == {refusals[0]} and refusals[0][0] == line
    assert text in refusals[0][1] and f"bad.csv:{line}: {refusals[0][1]}" in err

def test_a_short_long_form_row_is_empty_answers_in_cli_csv_and_xlsx_alike(tmp_path):
    """As in an XLSX sheet (no cells after the last value): the missing cells are "don't know"."""
    rows = [ROWS[0], ROWS[1][:4], ROWS[2]]
    path = tmp_path / "short.csv"
    path.write_bytes(_csv(HEADER, rows))
    cli = read_responses(str(path)).select(CORE)
    assert cli.row(1) == ("r1", "2.1", "2.3", 0.0, None, None)
    for frame in (_web(_csv(HEADER, rows), "short.csv"), _web(rows_to_xlsx(HEADER, rows), "short.xlsx")):
        assert frame.equals(cli)


def test_fixed_file_header_is_matched_like_every_other():
    assert read_fixed(b"Node;ORGANISER;Fixed\n2.1;county;kyll\xc3\xa4\n") == {"2.1": ("county", True)}
    with pytest.raises(IntegrationInputError) as caught:
        read_fixed(b"node;organiser\n2.1;county\n")
    assert str(caught.value) == "<input>:1: missing column 'fixed'"
