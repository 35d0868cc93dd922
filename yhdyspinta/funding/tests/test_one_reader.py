"""One reader: `funding county` (CLI) and the input import page read a county file through the same
core.tabular reader and funding.inputs row parser: the same header rules, the same refusals."""

import pytest
from django.core.exceptions import ValidationError

from yhdyspinta.core.exports import rows_to_xlsx
from yhdyspinta.funding import actions
from yhdyspinta.funding.cli import main
from yhdyspinta.funding.inputs import read_county_csv, to_rows

from .test_actions import county_csv


def _web(world, content, filename="hva.csv"):
    return actions.import_inputs(actor=world.editor, kind="county", content=content, filename=filename, name="x",
                                 title="X", owner=world.a1)


def _rows(data: bytes):
    lines = data.decode("utf-8").split("\n")
    return lines[0].split(";"), [line.split(";") for line in lines[1:]]


def test_header_case_and_xlsx_are_read_alike(world, tmp_path, capsys):
    header, rows = _rows(county_csv())
    shouted = (";".join(h.upper() for h in header) + "\n" + "\n".join(";".join(r) for r in rows)).encode("cp1252")
    path = tmp_path / "hva.csv"
    path.write_bytes(shouted)
    assert main(["county", "--parameters", "law_617_2021_level_2022", "--inputs", str(path), "--year", "2026"]) == 0
    assert capsys.readouterr().out.count("\n") == 23  # header and 22 organising areas
    cli = to_rows(read_county_csv(path))
    assert to_rows(_web(world, shouted).county_inputs()) == cli
    assert to_rows(_web(world, rows_to_xlsx([h.title() for h in header], rows), "hva.xlsx").county_inputs()) == cli


@pytest.mark.parametrize("mutate, line, reason", [
    (lambda code, row: row[:2] + ["-1"] + row[3:] if code == "02" else row, 3, "population: negative value -1"),
    (lambda code, row: row[:3] + ["paljon"] + row[4:] if code == "05" else row, 6,
     "service_need_coefficient: 'paljon' is not a number"),
    (lambda code, row: row[:5] if code == "03" else row, 4, "expected 13 fields, got 5"),
])
def test_a_bad_county_file_is_refused_alike(world, tmp_path, capsys, mutate, line, reason):
    path = tmp_path / "hva.csv"
    path.write_bytes(county_csv(mutate))
    assert main(["county", "--parameters", "law_617_2021_level_2022", "--inputs", str(path)]) == 2
    assert capsys.readouterr().err.strip() == f"hva.csv, line {line}: {reason}"
    with pytest.raises(ValidationError) as caught:
        _web(world, county_csv(mutate))
    assert f"hva.csv, rivi {line}: " in caught.value.messages[0]
