"""Pure computation: finder relevance with Finnish word forms, maturity summaries, round summaries."""

from yhdyspinta.catalogue import compute
from yhdyspinta.catalogue.choices import Dimension

DIMS = Dimension.values


def test_inflected_and_compound_queries_match():
    assert compute.relevance("neuvolaan", [("Neuvola", 1)]) > 0
    assert compute.relevance("lastenneuvolassa", [("Lastenneuvola", 1)]) > 0
    assert compute.relevance("koulukuraattori", [("Kuraattori", 1)]) > 0
    assert compute.relevance("kuraattorille", [("Koulukuraattorit ja koulupsykologit", 1)]) > 0
    assert compute.relevance("koulukuraattori", [("School curators and psychologists", 1)]) > 0
    assert compute.relevance("kurator", [("Koulukuraattorit", 1)]) > 0
    assert compute.relevance("neuvolaan", [("Kotihoito", 1)]) == 0
    assert compute.relevance("mihin otan yhteyttä kun", [("Neuvola", 1)]) == 0  # only stop words


def test_ranking_prefers_the_better_match():
    items = [("Kotihoito",), ("Koulukuraattorit",), ("Kuraattoripalvelujen kehittämishanke kirjastossa",)]
    ranked = compute.rank("koulukuraattori", items, lambda i: [(i[0], 1.0)])
    assert ranked[0] == ("Koulukuraattorit",)
    assert ("Kotihoito",) not in ranked


def test_weights_order_fields():
    title_hit = compute.relevance("neuvola", [("Neuvola", 3.0), ("muuta", 1.0)])
    description_hit = compute.relevance("neuvola", [("Muu", 3.0), ("neuvola", 1.0)])
    assert title_hit > description_hit > 0


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
