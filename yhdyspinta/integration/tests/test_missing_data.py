"""Missing data in the boundary: unknown pairs, `other` parties, one n < 5 rule in CLI and web."""

import csv
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for

from .. import analysis
from ..cli import main
from ..compute.analyse import analyse
from ..compute.parties import default_fixed
from .factories import StudyFactory
from .helpers import long_csv

GROUPS = {"2.1": 8, "2.4": 3, "2.12": 6}
PARTIES = ("2.2", "2.12", "2.13", "2.1", "2.4")


@pytest.fixture
def data():
    return long_csv(GROUPS, parties=PARTIES)


@pytest.fixture
def study(world, data):
    study = StudyFactory(owner=world.a1, visibility="public")
    response = client_for(world.editor).post(f"/integration/{study.pk}/import/",
                                             {"file": SimpleUploadedFile("a.csv", data), "kind": "long"})
    assert response.status_code == 302
    study.refresh_from_db()
    return study


def fixed_file(tmp_path, codes):
    path = tmp_path / "FIXED.csv"
    table = default_fixed()
    path.write_text("node,organiser,fixed\n" + "".join(
        f"{c},{table[c][0] if table[c][0] != 'other' else 'municipality'},{'no' if c in ('2.2', '2.13') else 'yes'}\n"
        for c in codes))
    return path


def test_cli_and_web_use_the_same_needs_and_flags(study, data, tmp_path):
    web = analysis.results(study)
    responses = tmp_path / "RESPONSES.csv"
    responses.write_bytes(data)
    cli = analyse(str(responses))  # --min-n 5 by default, as the web's n < 5 rule
    assert {(s["a"], s["b"]): s["need"] for s in cli["symmetric"]} == pytest.approx(
        {(s["a"], s["b"]): s["need"] for s in web["symmetric"]}, abs=1e-3)
    shown = [c for c in web["cells"] if not c["suppressed"] and c["mean_index"] > study.flag_above]
    assert len(cli["flags"]) == len(shown)
    everything = analyse(str(responses), min_n=1)
    assert len(everything["symmetric"]) > len(cli["symmetric"])  # 2.4's three respondents count


def test_the_boundary_page_lists_unknown_and_hidden_pairs(study):
    result = analysis.boundary(study, with_sides=False)
    assert result["error"] is None and result["unknown_pairs_treatment"] == "ignore"
    why = {(a, b): w for a, b, w in result["unknown_pairs"]}
    # 2.4's answers come from 3 respondents: its pairs are hidden, not unmeasured
    assert why[("2.2", "2.4")] == "hidden"
    assert "none" in why.values()
    page = client_for(None).get(f"/integration/{study.pk}/boundary/").content.decode()
    assert 'id="unknown-pairs"' in page and "2.4" in page
    zero = client_for(None).get(f"/integration/{study.pk}/boundary/", {"unknown_pairs": "zero"})
    assert zero.status_code == 200
    assert analysis.boundary(study, unknown_pairs="zero", with_sides=False)["unknown_pairs_treatment"] == "zero"
    bad = client_for(None).get(f"/integration/{study.pk}/boundary/", {"unknown_pairs": "guess"})
    assert bad.status_code == 200 and "guess" in bad.content.decode()  # a field error, not a 500


def test_cli_options_notes_and_index_file(data, tmp_path, capsys):
    responses = tmp_path / "RESPONSES.csv"
    responses.write_bytes(data)
    fixed = fixed_file(tmp_path, PARTIES)
    index = tmp_path / "INDEX.csv"
    code = main(["analyse", "--responses", str(responses), "--fixed", str(fixed), "--format", "json",
                 "--index-out", str(index)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "pairs nobody rated, treated as 'ignore'" in err and "fewer than 5 answers" in err
    default = json.loads(out)["boundary"]
    with index.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert set(rows[0]) == {"respondent_id", "group", "party", "index"}
    assert len(rows) == json.loads(out)["answers_used"] + json.loads(out)["answers_dropped"]
    code = main(["analyse", "--responses", str(responses), "--fixed", str(fixed), "--format", "json",
                 "--unknown-pairs", "zero"])
    out, err = capsys.readouterr()
    assert code == 0 and "treated as 'zero'" in err
    zero = json.loads(out)["boundary"]
    assert zero["damage"] <= default["damage"]  # every unknown separated pair now earns −baseline
    assert main(["analyse", "--responses", str(responses), "--format", "json",
                 "--unknown-pairs", "guess"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_fixed_may_say_other_and_the_cli_reports_its_needs(data, tmp_path, capsys):
    responses = tmp_path / "RESPONSES.csv"
    responses.write_bytes(data)
    fixed = fixed_file(tmp_path, PARTIES)
    fixed.write_text(fixed.read_text().replace("2.13,municipality,no", "2.13,muu,ei"))
    code = main(["analyse", "--responses", str(responses), "--fixed", str(fixed), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["boundary"]["assignment"]["2.13"] == "other"
    assert "2.13 is 'other': need" in err
    fixed.write_text(fixed.read_text().replace("2.13,muu,ei", "2.13,valtio?,ei"))
    assert main(["analyse", "--responses", str(responses), "--fixed", str(fixed), "--format", "json"]) == 2
    assert "FIXED.csv:" in capsys.readouterr().err


def test_the_analysis_page_shows_reliability_and_response_by_group(study):
    res = analysis.results(study)
    assert 0 < res["reliability"]["answers"] <= res["answers_used"]
    assert set(res["reliability"]["item_total"]) == {"frequency", "mutuality", "need"}
    by_group = {g["group"]: g for g in res["response_by_group"]}
    assert by_group["2.4"] == {"group": "2.4", "started": 3, "submitted": 3, "completion": 1.0}
    page = client_for(None).get(f"/integration/{study.pk}/analysis/").content.decode()
    assert 'id="reliability"' in page and "Cronbach" in page


def test_the_matrix_is_a_heat_map_ordered_by_cluster_with_distinct_marks(study):
    from ..compute import heat
    from ..views_results import grid
    res = analysis.results(study)
    out = grid(study, res, {})
    rows = out["grid_rows"]
    clusters = [k for _g, _label, k, _cells in rows]
    assert clusters == sorted(clusters, key=lambda k: (k is None, k or 0))
    kinds = {type(c).__name__ if c != "diagonal" else "diagonal" for _g, _l, _k, cells in rows for c in cells}
    assert "diagonal" in kinds
    steps = {c["heat"] for *_x, cells in rows for c in cells if isinstance(c, dict) and "heat" in c}
    assert 0 in steps and len(heat.STEPS) - 1 in steps  # the smallest and greatest need at the ends
    page = client_for(None).get(f"/integration/{study.pk}/analysis/").content.decode()
    assert "int-heat-0" in page and "╳" in page and "int-heat-legend" in page
    css = (Path(__file__).parents[1] / "static/integration/integration.css").read_text()
    assert heat.css() in css  # the stylesheet carries the scale the code computes
    assert all(max(heat.contrast(c, "#000000"), heat.contrast(c, "#FFFFFF")) >= 4.5 for c in heat.STEPS)


def test_any_attribute_compared_per_group_cell_and_cluster(study):
    by_group = analysis.comparison(study, "size_group", "large", "group")
    assert {r["group"] for r in by_group} >= {"2.1"}
    row = next(r for r in by_group if r["group"] == "2.1")  # 8 respondents: 4 large, 4 other
    assert row["suppressed"] is True  # fewer than 5 on a side: hidden
    per_cell = analysis.comparison(study, "municipality", "Kunta1", "cell")
    assert per_cell and all(r["party"] for r in per_cell)
    per_cluster = analysis.comparison(study, "size_group", "large", "cluster")
    clusters = {str(k) for k in analysis.results(study)["clusters"].values()}
    assert {r["group"] for r in per_cluster} <= clusters
    unsuppressed = [r for r in per_cluster if not r["suppressed"]]
    for r in unsuppressed:
        assert r["respondents_a"] >= 5 and r["respondents_b"] >= 5
        assert r["ci_low"] <= r["diff"] <= r["ci_high"]
    assert analysis.comparison(study, "password", "x") == []  # only the offered attributes
    page = client_for(None).get(f"/integration/{study.pk}/analysis/",
                                {"attribute": "size_group", "level": "large", "by": "cluster"}).content.decode()
    section = page[page.index('id="compare"'):]
    assert "<table" in section and ("n &lt; 5" in section or " … " in section)


BAD_FILES = {
    "a duplicate respondent × party": ("R1,2.1,2.2,1,1,1\nR1,2.1,2.2,2,1,1\n", 3, "twice"),
    "two task groups": ("R1,2.1,2.2,1,1,1\nR1,2.4,2.13,2,1,1\n", 3, "more than one task group"),
    "an unknown party": ("R1,2.1,2.99,1,1,1\n", 2, "is not a party"),
    "a self-rating": ("R1,2.1,2.2,1,1,1\nR1,2.1,2.1,3,2,4\n", 3, "own task group"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_the_cli_and_the_web_refuse_the_same_files_with_the_same_line(case, world, tmp_path, capsys):
    from django.utils import translation

    from ..models import Respondent
    body, line, words = BAD_FILES[case]
    content = "respondent_id,group,party,frequency,mutuality,need\n" + body
    path = tmp_path / "RESPONSES.csv"
    path.write_text(content)
    assert main(["analyse", "--responses", str(path), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and f"RESPONSES.csv:{line}:" in err and words in err
    study = StudyFactory(owner=world.a1, visibility="public")
    with translation.override("en"):
        response = client_for(world.editor).post(
            f"/integration/{study.pk}/import/", {"file": SimpleUploadedFile("RESPONSES.csv", content.encode()),
                                                 "kind": "long"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code in (200, 400)
    assert "RESPONSES.csv" in response.content.decode()
    assert not Respondent.objects.filter(study=study).exists()  # nothing saved


def test_an_empty_own_group_row_is_dropped_not_refused(tmp_path):
    content = ("respondent_id,group,party,frequency,mutuality,need\n"
               + "\n".join(f"R{k},2.1,2.2,{k % 5},{k % 3},{(k * 3) % 5}\nR{k},2.1,2.1,,," for k in range(6)) + "\n")
    path = tmp_path / "RESPONSES.csv"
    path.write_text(content)
    assert analyse(str(path))["answers_used"] == 6


def test_importing_the_same_respondents_again_is_refused_or_replaces_them(study, data, world):
    from ..models import Answer, Respondent
    before = Respondent.objects.filter(study=study).count()
    assert set(Respondent.objects.filter(study=study).values_list("source_id", flat=True)) >= {"R1", "R2"}
    client = client_for(world.editor)
    url = f"/integration/{study.pk}/import/"
    again = client.post(url, {"file": SimpleUploadedFile("a.csv", data), "kind": "long"})
    assert again.status_code in (200, 400) and "R1" in again.content.decode()
    assert Respondent.objects.filter(study=study).count() == before  # nothing doubled
    answers = Answer.objects.filter(respondent__study=study).count()
    replaced = client.post(url, {"file": SimpleUploadedFile("a.csv", data), "kind": "long", "replace": "on"})
    assert replaced.status_code == 302
    assert Respondent.objects.filter(study=study).count() == before
    assert Answer.objects.filter(respondent__study=study).count() == answers
