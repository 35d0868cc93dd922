"""CLI contract of `yhdyspinta integration analyse`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from yhdyspinta.integration.cli import main
from yhdyspinta.integration.compute.parties import default_fixed
from yhdyspinta.integration.compute.synthetic import synthetic_study

KEYS = ["answers_used", "answers_dropped", "index", "cells", "symmetric", "clusters",
        "modularity", "flags"]
BOUNDARY_KEYS = {"baseline", "assignment", "damage", "cut", "cut_share", "current_damage",
                 "current_cut", "current_cut_share", "exact"}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    resp = d / "RESPONSES.csv"
    synthetic_study(seed=4).answers.write_csv(resp)
    fixed = d / "FIXED.csv"
    lines = ["node,organiser,fixed"]
    for k, (org, fx) in default_fixed().items():
        free = k in ("2.3", "2.16", "2.17", "2.2")
        lines.append(f"{k},{'municipality' if org == 'other' else org},"
                     f"{'no' if free else ('kyllä' if fx else 'ei')}")
    fixed.write_text("\n".join(lines) + "\n")
    return d, resp, fixed


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_happy_path_every_key(files, capsys):
    _d, resp, fixed = files
    code, out, err = run(["analyse", "--responses", str(resp), "--fixed", str(fixed),
                          "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == KEYS + ["boundary"]
    assert data["answers_used"] + data["answers_dropped"] == 268 * 20
    assert data["answers_dropped"] > 0
    assert data["index"] == {"mean": 100.0, "sd": 40.0}
    cell = data["cells"][0]
    assert set(cell) == {"group", "party", "n", "mean_index"}
    assert sum(c["n"] for c in data["cells"]) == data["answers_used"]
    for s in data["symmetric"]:
        assert set(s) == {"a", "b", "need"} and s["a"] < s["b"]
    assert set(data["clusters"]) == {f"2.{k}" for k in range(1, 22)}
    assert sorted(set(data["clusters"].values())) == [1, 2]
    assert data["clusters"]["2.18"] == data["clusters"]["2.3"] == data["clusters"]["2.17"]
    assert data["clusters"]["2.1"] != data["clusters"]["2.18"]
    assert 0 < data["modularity"] < 1
    assert data["flags"] and all(f["mean_index"] > 140 for f in data["flags"])
    b = data["boundary"]
    assert set(b) == BOUNDARY_KEYS
    assert b["exact"] is True and b["baseline"] == 100.0
    assert b["damage"] <= b["current_damage"] + 1e-6
    assert 0 <= b["cut_share"] <= 1 and 0 <= b["current_cut_share"] <= 1
    assert b["assignment"]["2.1"] == "county" and b["assignment"]["2.12"] == "municipality"
    assert b["assignment"]["2.17"] == "municipality"
    total = sum(max(0, s["need"]) for s in data["symmetric"])
    assert b["cut"] / total == pytest.approx(b["cut_share"], abs=1e-5)


def test_options_and_no_fixed(files, capsys):
    _d, resp, _fixed = files
    code, out, _ = run(["analyse", "--responses", str(resp), "--flag-above", "1000",
                        "--resolution", "0.5", "--seed", "3", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and "boundary" not in data and data["flags"] == []
    assert list(data) == KEYS


def test_module_entry_point(files):
    _d, resp, fixed = files
    proc = subprocess.run([sys.executable, "-m", "yhdyspinta.integration.cli", "analyse",
                           "--responses", str(resp), "--fixed", str(fixed), "--format",
                           "json"], capture_output=True, text=True, check=False, cwd=Path(__file__)
                          .resolve().parents[3], timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["boundary"]["exact"] is True  # stdout is only JSON


def bad(files, capsys, content, name="bad.csv", fixed=True):
    d, _resp, fx = files
    p = d / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    argv = ["analyse", "--responses", str(p), "--format", "json"]
    if fixed:
        argv += ["--fixed", str(fx)]
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    return err


HEAD = "respondent_id,group,party,frequency,mutuality,need\n"


def test_missing_column(files, capsys):
    err = bad(files, capsys, "respondent_id,group,party,frequency,need\nr,2.1,2.2,1,1\n")
    assert "bad.csv:1:" in err and "missing column" in err and "mutuality" in err


def test_non_numeric_rating(files, capsys):
    err = bad(files, capsys, HEAD + "r1,2.1,2.2,1,1,1\nr1,2.1,2.3,1,x,1\n")
    assert "bad.csv:3:" in err and "non-numeric" in err


def test_party_unknown_in_fixed(files, capsys):
    err = bad(files, capsys, HEAD + "r1,2.1,2.2,1,1,1\nr2,2.1,9.9,1,2,0\nr3,2.2,2.1,4,2,4\n")
    assert "bad.csv:3:" in err and "9.9" in err and "FIXED.csv" in err


def test_not_a_csv(files, capsys):
    err = bad(files, capsys, b"\x89PNG\r\n\x1a\n\x00\x00\x00", name="kuva.png")
    assert "kuva.png:0:" in err and "not a CSV" in err


def test_value_outside_scale(files, capsys):
    err = bad(files, capsys, HEAD + "r1,2.1,2.2,7,1,1\n")
    assert "bad.csv:2:" in err and "outside" in err


def test_bad_fixed_file(files, capsys):
    d, resp, _fx = files
    f = d / "F2.csv"
    f.write_text("node,organiser\n2.1,county\n")
    code, out, err = run(["analyse", "--responses", str(resp), "--fixed", str(f), "--format",
                          "json"], capsys)
    assert code == 2 and out == "" and "F2.csv:1:" in err


def test_zero_spread_is_exit_2(files, capsys):
    err = bad(files, capsys, HEAD + "r1,2.1,2.2,1,1,1\nr2,2.2,2.1,1,1,1\n", fixed=False)
    assert "zero spread" in err


def test_missing_format_is_usage_error(files, capsys):
    _d, resp, _fx = files
    code, out, err = run(["analyse", "--responses", str(resp)], capsys)
    assert code == 2 and out == "" and "--format" in err
