"""The generated 10/2021 data reproduces VM's published tables cell by cell."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from yhdyspinta.readiness import reference_2021 as ref
from yhdyspinta.readiness.cli import main
from yhdyspinta.readiness.compute import NOT_APPLICABLE, STATUS_RANK

SHARED = Path("/work/shared/data")
AREA_CODES = ["hallinto_talous_tukipalvelut", "johtaminen_osaaminen",
              "palveluiden_jarjestaminen", "yhdyspinnat", "ict"]


@pytest.fixture(scope="module")
def published():
    return ref.load_published()


@pytest.fixture(scope="module")
def figures():
    return ref.figures("2021-10")


def _by_key(figures, level):
    return {(f.region, f.subarea if level == "subarea" else f.area): f
            for f in figures if f.level == level and f.reported}


def test_readiness_table_cell_by_cell(published, figures):
    rows = _by_key(figures, "area")
    assert set(published["readiness"]) == set(rows)
    wrong = {k: ((f := rows[k]).in_progress_pct, f.done_pct, v)
             for k, v in published["readiness"].items()
             if (rows[k].in_progress_pct, rows[k].done_pct) != v}
    assert wrong == {}


def test_progress_table_cell_by_cell(published, figures):
    rows = _by_key(figures, "area")
    assert set(published["progress"]) == set(rows)
    wrong = {k: (rows[k].roadmap_due, rows[k].progress_pct, v)
             for k, v in published["progress"].items()
             if (rows[k].roadmap_due, rows[k].progress_pct) != v}
    assert wrong == {}


def test_yhdyspinnat_sub_area_table_cell_by_cell(published, figures):
    rows = {k: f for k, f in _by_key(figures, "subarea").items() if f.area == "yhdyspinnat"}
    rows |= {(r, "total"): f for (r, a), f in _by_key(figures, "area").items()
             if a == "yhdyspinnat"}
    assert set(published["yhdyspinnat"]) == set(rows)
    wrong = {k: (rows[k].roadmap_due, rows[k].progress_pct, v)
             for k, v in published["yhdyspinnat"].items()
             if (rows[k].roadmap_due, rows[k].progress_pct) != v}
    assert wrong == {}


def test_hus_reported_nothing(published, figures):
    hus = [f for f in figures if f.region == "HUS"]
    assert hus and not any(f.reported for f in hus)
    assert all(f.in_progress_pct is None and f.done_pct is None and f.progress_pct is None
               for f in hus)
    assert not any(r == "HUS" for table in published.values() for r, _ in table)
    assert ref.build_statuses("2021-10")["HUS"] == {}


def test_helsinki_43_percent_needs_not_applicable_tasks(figures):
    row = _by_key(figures, "area")[("Helsinki", "palveluiden_jarjestaminen")]
    assert (row.roadmap_due, row.due, row.started, row.progress_pct) == (17, 14, 6, 43)
    statuses = ref.build_statuses("2021-10")
    assert {r for r, s in statuses.items() if NOT_APPLICABLE in s.values()} == {"Helsinki"}


def test_roadmap_shape():
    tasks = ref.build_roadmap()
    assert len({t.task_id for t in tasks}) == len(tasks) == 362
    assert [a.code for a in ref.AREAS] == AREA_CODES
    assert ["".join(s.letter for s in a.subareas) for a in ref.AREAS] == [
        "ABCDEFGH", "ABCDE", "ABCDEFG", "ABCDE", "ABCDE"]
    end = ref.PERIODS["2021-10"].progress_end
    due = Counter(t.area for t in tasks if t.due <= end)
    assert [due[a] for a in AREA_CODES] == [69, 30, 17, 20, 55]
    yp = Counter(t.subarea[0] for t in tasks if t.area == "yhdyspinnat" and t.due <= end)
    assert [yp[x] for x in "ABCDE"] == [5, 1, 7, 2, 5]
    assert all(t.due < ref.TARGET for t in tasks)
    assert all(t.title and t.title_sv and t.title_en for t in tasks)
    assert len({t.title for t in tasks}) == len(tasks)
    assert any(t.critical for t in tasks) and not all(t.critical for t in tasks)


def test_regions(published):
    assert len(ref.REGIONS) == 23 and "HUS" in ref.REGIONS and "Helsinki" in ref.REGIONS
    assert {r for r, _ in published["readiness"]} == set(ref.REGIONS) - {"HUS"}
    counties = SHARED / "wellbeing_services_counties_2021.csv"
    if counties.exists():  # 21 counties; the table spells Vantaa ja Kerava "Vantaa-Kerava"
        with open(counties, encoding="utf-8") as f:
            names = {r["short_name_fi"].replace(" ja ", "-") for r in csv.DictReader(f)
                     if r["code"] < "90"}
        assert names == set(ref.REGIONS) - {"HUS", "Helsinki"}


def test_deterministic():
    first = ref.build_statuses("2021-10")
    assert first == ref.build_statuses("2021-10")
    assert all(len(s) == 362 for r, s in first.items() if r != "HUS")


def test_november_only_moves_forward():
    october, november = ref.build_statuses("2021-10"), ref.build_statuses("2021-11")
    assert october.keys() == november.keys() and november["HUS"] == {}
    moved = 0
    for region, before in october.items():
        after = november[region]
        assert after.keys() == before.keys()
        for task_id, status in before.items():
            if status == NOT_APPLICABLE:
                assert after[task_id] == NOT_APPLICABLE
            else:
                assert STATUS_RANK[after[task_id]] >= STATUS_RANK[status]
                moved += STATUS_RANK[after[task_id]] > STATUS_RANK[status]
    assert moved > 100


def test_unknown_period():
    with pytest.raises(ValueError, match="2021-12"):
        ref.build_statuses("2021-12")


def test_published_copies_are_byte_identical():
    if not SHARED.exists():
        pytest.skip("shared data not available")
    for name in ("readiness_2021_10.csv", "progress_2021_q4.csv",
                 "progress_2021_q4_yhdyspinnat.csv"):
        assert (ref.PUBLISHED_DIR / name).read_bytes() == (SHARED / name).read_bytes()


def test_written_csvs_through_the_cli_reproduce_the_tables(tmp_path, capsys, published):
    roadmap, october, _november, _regions = ref.write_csvs(tmp_path)
    code = main(["report", "--roadmap", str(roadmap), "--statuses", str(october),
                 "--period-end", "2021-12-31", "--target", "2023-01-01", "--format", "csv"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["region"] == ref.REGIONS[0]
    got = {(r["region"], r["area"]): (int(r["in_progress_pct"]), int(r["done_pct"]),
                                      int(r["progress_pct"]))
           for r in rows if r["area"] and not r["subarea"]}
    expected = {k: (*v, published["progress"][k][1]) for k, v in published["readiness"].items()}
    assert got == expected
