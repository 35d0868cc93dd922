"""`yhdyspinta funding ...` on files: same numbers as compute, bad files refused with the line."""

import csv
import io
import subprocess
import sys
from decimal import Decimal

from yhdyspinta.funding.cli import main
from yhdyspinta.funding.compute import compute_county_funding, load_parameter_set
from yhdyspinta.funding.compute.demo_inputs import demo_county_inputs

from .test_actions import county_csv


def test_county_csv_output_equals_compute(tmp_path, capsys):
    path = tmp_path / "hva.csv"
    path.write_bytes(county_csv())
    assert main(["county", "--parameters", "law_617_2021_level_2022", "--inputs", str(path),
                 "--year", "2026", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    expected = compute_county_funding(load_parameter_set("law_617_2021_level_2022"), demo_county_inputs(), 2026)
    assert len(rows) == 22
    for row, county in zip(rows, expected.counties):
        assert row["code"] == county.code
        assert Decimal(row["funding_after_eur"]) == county.funding_after_eur


def test_bad_file_exits_2_with_line_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "hva.csv"
    path.write_bytes(county_csv(lambda code, row: row[:2] + ["-1"] + row[3:] if code == "02" else row))
    assert main(["county", "--parameters", "law_617_2021_level_2022", "--inputs", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "hva.csv, line 3: population: negative value -1"


def test_scenario_of_the_same_set_is_zero(tmp_path, capsys):
    path = tmp_path / "hva.csv"
    path.write_bytes(county_csv())
    assert main(["scenario", "--base", "seed_004_proposal", "--parameters", "seed_004_proposal",
                 "--inputs", str(path), "--year", "2027", "--format", "json", "--round", "2"]) == 0
    assert '"difference_eur": "0' in capsys.readouterr().out


def test_runs_without_django():
    code = ("import sys; from yhdyspinta.funding.cli import main; main(['sets']); "
            "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "law_617_2021_level_2022" in result.stdout


def test_published_national_figures_of_the_year(tmp_path, capsys):
    from yhdyspinta.funding.compute.published import published_national

    path = tmp_path / "hva.csv"
    path.write_bytes(county_csv())
    assert main(["county", "--parameters", "law_617_2021_level_2022", "--inputs", str(path),
                 "--year", "2023", "--published"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    law = load_parameter_set("law_617_2021_level_2022")
    expected = compute_county_funding(law, demo_county_inputs(), 2023, national=published_national(2023).national)
    assert [Decimal(r["computed_funding_eur"]) for r in rows] == [c.computed_funding_eur for c in expected.counties]
    assert main(["county", "--parameters", "law_617_2021_level_2022", "--inputs", str(path),
                 "--year", "2024", "--published"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.strip() == "no published national figures for 2024"
