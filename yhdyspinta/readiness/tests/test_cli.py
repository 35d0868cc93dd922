"""The `readiness report` command-line contract."""

import subprocess
import sys
from pathlib import Path

import pytest

from yhdyspinta.readiness.cli import main

ROADMAP = """task_id,area,subarea,title,due
T1,Hallinto,A,Task 1,2021-06-30
T2,Hallinto,A,Task 2,2021-12-31
T3,Hallinto,B,Task 3,2022-06-30
T4,ICT,,Task 4,2021-09-30
T5,ICT,,Task 5,2023-06-30
"""
STATUSES = """region,task_id,status
Alue2,T1,done
Alue2,T2,in_progress
Alue2,T4,not_applicable
Alue1,T1,on_schedule
Alue1,T3,done
Alue1,T5,in_progress
"""
# counted by hand; Alue1 has no rows for T2 and T4 (not started), T5 is after the target
EXPECTED = """region,area,subarea,applicable,in_progress_pct,done_pct,due,progress_pct
Alue2,Hallinto,,3,33,33,2,100
Alue2,Hallinto,A,2,50,50,2,100
Alue2,Hallinto,B,1,0,0,0,
Alue2,ICT,,0,,,0,
Alue2,,,3,33,33,2,100
Alue1,Hallinto,,3,33,33,2,50
Alue1,Hallinto,A,2,50,0,2,50
Alue1,Hallinto,B,1,0,100,0,
Alue1,ICT,,1,0,0,1,0
Alue1,,,4,25,25,3,33
"""


def _write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def _run(tmp_path, capsys, roadmap=ROADMAP, statuses=STATUSES, extra=("--target", "2023-01-01")):
    r = _write(tmp_path / "ROADMAP.csv", roadmap)
    s = _write(tmp_path / "STATUSES.csv", statuses)
    code = main(["report", "--roadmap", str(r), "--statuses", str(s),
                 "--period-end", "2021-12-31", *extra, "--format", "csv"])
    out, err = capsys.readouterr()
    return code, out, err


def test_happy_path(tmp_path, capsys):
    code, out, err = _run(tmp_path, capsys)
    assert (code, err) == (0, "")
    assert out == EXPECTED


def test_without_target_every_task_counts(tmp_path, capsys):
    code, out, _ = _run(tmp_path, capsys, extra=())
    assert code == 0
    assert "Alue1,ICT,,2,50,0,1,0\n" in out and "Alue1,,,5,40,20,3,33\n" in out


def test_semicolon_bom_windows1252_finnish_names_and_dates(tmp_path, capsys):
    roadmap = ("\ufeff" + ROADMAP.replace(",", ";")
               .replace("2021-06-30", "30.6.2021").replace("2021-12-31", "31.12.2021"))
    statuses = (STATUSES.replace(",", ";").replace("Alue2", "Päijät-Häme")
                .replace("done", "valmis").replace("in_progress", "käynnissä")
                .replace("not_applicable", "ei_koske").replace("on_schedule",
                                                               "valmistuu_aikataulussa"))
    code, out, err = _run(tmp_path, capsys, roadmap.encode("utf-8"), statuses.encode("cp1252"))
    assert (code, err) == (0, "")
    assert out == EXPECTED.replace("Alue2", "Päijät-Häme")


BAD_CASES = {
    "unknown column": ("STATUSES.csv", ROADMAP, STATUSES.replace("status", "state", 1), 1,
                       "unknown column 'state'"),
    "missing column": ("ROADMAP.csv", ROADMAP.replace(",due", "", 1), STATUSES, 1,
                       "missing column 'due'"),
    "short row": ("STATUSES.csv", ROADMAP, STATUSES.replace("Alue1,T5,in_progress", "Alue1,T5"),
                  7, "expected 3 fields, got 2"),
    "unknown status": ("STATUSES.csv", ROADMAP, STATUSES.replace("Alue2,T2,in_progress",
                                                                 "Alue2,T2,started"), 3,
                       "unknown status 'started'"),
    "unknown task id": ("STATUSES.csv", ROADMAP, STATUSES.replace("Alue1,T3", "Alue1,T9"), 6,
                        "unknown task id 'T9'"),
    "bad date": ("ROADMAP.csv", ROADMAP.replace("2022-06-30", "30.2.2022"), STATUSES, 4,
                 "not a date: '30.2.2022'"),
    "duplicate region-task": ("STATUSES.csv", ROADMAP, STATUSES + "Alue2,T1,valmis\n", 8,
                              "duplicate row for region 'Alue2' and task 'T1' (first on line 2)"),
    "duplicate task id": ("ROADMAP.csv", ROADMAP + "T2,ICT,,again,2021-01-01\n", STATUSES, 7,
                          "duplicate task id 'T2'"),
    "not a CSV (binary)": ("STATUSES.csv", ROADMAP, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1,
                           "not a CSV"),
    "not a CSV (prose)": ("ROADMAP.csv", "Tiekartta 2021\nEi taulukko\n", STATUSES, 1,
                          "not a CSV"),
}


@pytest.mark.parametrize("case", BAD_CASES, ids=list(BAD_CASES))
def test_bad_input_exits_2_with_file_line_reason_and_no_table(tmp_path, capsys, case):
    name, roadmap, statuses, line, reason = BAD_CASES[case]
    code, out, err = _run(tmp_path, capsys, roadmap, statuses)
    assert code == 2
    assert out == ""
    assert f"{tmp_path / name}:{line}: " in err
    assert reason in err


def test_missing_file(tmp_path, capsys):
    code = main(["report", "--roadmap", str(tmp_path / "nope.csv"), "--statuses",
                 str(tmp_path / "nope2.csv"), "--period-end", "2021-12-31"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "nope.csv" in err and "cannot read" in err


@pytest.mark.parametrize("args", [
    [],
    ["report", "--roadmap", "r.csv", "--statuses", "s.csv"],
    ["report", "--roadmap", "r.csv", "--statuses", "s.csv", "--period-end", "huomenna"],
    ["report", "--roadmap", "r.csv", "--statuses", "s.csv", "--period-end", "2021-12-31",
     "--format", "xlsx"],
])
def test_argument_errors_exit_2(args, capsys):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and "usage:" in err


def test_python_dash_m(tmp_path):
    r = _write(tmp_path / "ROADMAP.csv", ROADMAP)
    s = _write(tmp_path / "STATUSES.csv", STATUSES)
    proc = subprocess.run(
        [sys.executable, "-m", "yhdyspinta.readiness.cli", "report", "--roadmap", str(r),
         "--statuses", str(s), "--period-end", "2021-12-31", "--target", "2023-01-01",
         "--format", "csv"],
        capture_output=True, text=True, encoding="utf-8", check=False,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, EXPECTED, "")
