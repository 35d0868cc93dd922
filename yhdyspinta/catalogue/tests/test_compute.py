"""Pure computation: maturity summaries, round summaries (finder relevance: core/tests/test_textsearch.py)."""

from yhdyspinta.catalogue import compute
from yhdyspinta.catalogue.choices import Dimension

DIMS = Dimension.values


def test_maturity_cell_uses_minimum_and_mean():
    cell = compute.maturity_cell({"processes": 3, "resourcing": 1, "shared_goals": 2}, DIMS)
    assert cell == {"min": 1, "mean": 2.0, "assessed": 3, "total": 9}
    assert compute.maturity_cell({}, DIMS)["min"] is None


def test_weakest_first_puts_unassessed_then_lowest():
    order = compute.weakest_first({d: 2 for d in DIMS[:7]} | {"escalation": 0}, DIMS)
    assert order[0] == ("forums", None)
    assert order[1] == ("escalation", 0)
    assert order[-1][1] == 2


def test_matrix_rows_and_missing_cells():
    rows = compute.matrix({("A", 1): {"processes": 1}, ("A", 2): {}}, ["A"], [1, 2, 3], DIMS)
    cells = dict(rows[0]["cells"])
    assert cells[1]["min"] == 1 and cells[2]["min"] is None and cells[3] is None


def test_mapping_summary():
    expected = {(1, 10), (1, 20), (2, 10), (2, 30)}
    answers = [
        {"interface": 1, "organisation": 10, "exists": "yes", "agreed": "yes", "works": "yes", "proposals": ""},
        {"interface": 1, "organisation": 20, "exists": "yes", "agreed": "no", "works": "partly",
         "proposals": "Yhteinen palaveri", "good_practices": ""},
    ]
    summary = compute.mapping_summary(expected, answers)
    assert summary["expected"] == 4 and summary["answered"] == 2
    assert summary["missing"] == [(2, 10), (2, 30)]
    assert len(summary["gaps"]) == 1 and summary["gaps"][0]["organisation"] == 20
    assert len(summary["proposals"]) == 1
