"""Research exports: matrix, nodes, edges, boundary, VOSviewer, GEXF, methods, per-answer index."""

import csv
import io
import re
import zipfile

import networkx as nx
import pytest

from conftest import client_for

from .. import analysis
from ..compute import research
from .test_missing_data import data, study  # noqa: F401  (fixtures)

RESULTS = {"symmetric": [{"a": "2.1", "b": "2.2", "need": 150.5}, {"a": "2.1", "b": "2.10", "need": 80.0},
                         {"a": "2.2", "b": "2.10", "need": -3.0}],
           "clusters": {"2.1": 1, "2.2": 1, "2.10": 2}, "positions": {"2.1": [0.1, 0.2], "2.2": [0.3, -0.4]}}
LABELS = {"2.1": "Ikääntyneet", "2.2": "Vammaiset", "2.10": "Koulut; \"lukiot\""}


def test_wide_matrix_in_both_conventions():
    header, rows = research.matrix_rows(RESULTS)
    assert header == ["node", "2.1", "2.2", "2.10"]  # natural order
    assert rows[0] == ["2.1", None, 150.5, 80.0] and rows[2][1:] == [80.0, -3.0, None]
    fi = list(csv.reader(io.StringIO(research.csv_text(header, rows)), delimiter=";"))
    assert fi[1] == ["2.1", "", "150,5", "80"]
    intl = list(csv.reader(io.StringIO(research.csv_text(header, rows, "intl"))))
    assert intl[1] == ["2.1", "", "150.5", "80"]


def test_nodes_edges_and_vosviewer_files():
    header, rows = research.node_table(RESULTS, LABELS, {"2.1": 12, "2.2": None})
    by = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert by["2.1"]["total_need"] == 230.5 and by["2.10"]["total_need"] == 80.0  # negatives clipped
    assert by["2.10"]["x"] is None and by["2.1"]["respondents"] == 12
    assert research.edge_table(RESULTS)[1][0] == ["2.1", "2.2", 150.5]
    # 2.10 has no position: the coordinates are left out (VOSviewer lays the map out itself)
    items = read_vosviewer_map(research.vosviewer_map(RESULTS, LABELS))
    assert list(items[0]) == ["id", "label", "cluster", "weight<Total need>"]
    assert items[0]["label"] == "2.1 Ikääntyneet" and items[0]["cluster"] == 1
    assert items[2]["label"] == '2.10 Koulut; "lukiot"'
    placed = {**RESULTS, "positions": {**RESULTS["positions"], "2.10": [0.5, 0.5]}}
    items = read_vosviewer_map(research.vosviewer_map(placed, {**LABELS, "2.2": "Vammaiset, aikuiset"}))
    assert list(items[0]) == ["id", "label", "x", "y", "cluster", "weight<Total need>"]
    assert items[0]["x"] == 0.1 and items[1]["label"] == "2.2 Vammaiset, aikuiset"
    network = read_vosviewer_network(research.vosviewer_network(RESULTS), {item["id"] for item in items})
    assert network == [(1, 2, 150.5), (1, 3, 80.0)]  # ids of the map; no zero or negative link


def read_vosviewer_map(text):
    """VOSviewer's map-file rules (app.vosviewer.com, "VOSviewer map and network files"): a header
    of known attributes; tab, comma or semicolon columns, so a label with , or ; must be quoted;
    integer ids; numeric x and y; a cluster an integer 1–1000; a weight a non-negative number."""
    lines = text.splitlines()
    header = lines[0].split("\t")
    known = {"id", "label", "description", "url", "x", "y", "cluster"}
    assert all(h in known or re.fullmatch(r"(weight|score)<[^<>]+>", h) for h in header), header
    items = []
    for line in lines[1:]:
        [row] = csv.reader([line], delimiter="\t")
        raw = line.split("\t")
        assert len(row) == len(header), line
        item = dict(zip(header, row, strict=True))
        label_raw = raw[header.index("label")]
        if any(ch in item["label"] for ch in ",;"):
            assert label_raw.startswith('"') and label_raw.endswith('"'), line
        item["id"] = int(item["id"])
        for key in ("x", "y"):
            if key in item:
                item[key] = float(item[key])
        if "cluster" in item:
            item["cluster"] = int(item["cluster"])
            assert 1 <= item["cluster"] <= 1000
        for key in header:
            if key.startswith("weight<"):
                item[key] = float(item[key])
                assert item[key] >= 0
        items.append(item)
    assert len({item["id"] for item in items}) == len(items)
    return items


def read_vosviewer_network(text, ids):
    """A network file: no header, id id [strength], the ids those of the map file."""
    links = []
    for line in text.splitlines():
        a, b, strength = line.split("\t")
        assert int(a) in ids and int(b) in ids and float(strength) > 0
        links.append((int(a), int(b), float(strength)))
    return links


def test_gexf_opens_in_networkx():
    graph = nx.read_gexf(io.BytesIO(research.gexf(RESULTS, LABELS, "Tutkimus").encode()))
    assert set(graph.nodes) == {"2.1", "2.2", "2.10"}
    assert graph.nodes["2.10"]["label"] == '2.10 Koulut; "lukiot"'
    assert graph.nodes["2.1"]["cluster"] == 1 and graph.nodes["2.1"]["total_need"] == 230.5
    assert graph["2.1"]["2.2"]["weight"] == 150.5 and not graph.has_edge("2.2", "2.10")


@pytest.mark.django_db
def test_the_package_holds_every_file_and_only_published_figures(study, world):  # noqa: F811
    response = client_for(None).get(f"/integration/{study.pk}/research/", {"file": "package"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"matrix.csv", "nodes.csv", "edges.csv", "vosviewer-map.txt", "vosviewer-network.txt",
            "gexf.gexf", "methods.md", "boundary.csv"} <= names
    assert "index.csv" not in names  # an anonymous visitor gets no per-answer file
    matrix = archive.read("matrix.csv").decode("utf-8-sig")
    assert matrix.startswith("node;")
    res = analysis.results(study)
    published = {(s["a"], s["b"]) for s in res["symmetric"]}
    edges = list(csv.reader(io.StringIO(archive.read("edges.csv").decode("utf-8-sig")), delimiter=";"))[1:]
    assert {(a, b) for a, b, _ in edges} == published  # 2.4's hidden cells never appear
    nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig")), delimiter=";"))
    assert all(row["respondents"] != "3" for row in nodes)  # 2.4 has 3 respondents: hidden
    methods = archive.read("methods.md").decode()
    assert "n < 5" in methods and "polars" in methods
    nx.read_gexf(io.BytesIO(archive.read("gexf.gexf")))
    editor = client_for(world.editor).get(f"/integration/{study.pk}/research/", {"file": "index",
                                                                                "convention": "intl"})
    assert editor.status_code == 200
    rows = list(csv.reader(io.StringIO(editor.content.decode("utf-8-sig"))))
    assert rows[0] == ["respondent_id", "group", "party", "index"] and len(rows) > 50
    assert client_for(None).get(f"/integration/{study.pk}/research/", {"file": "index"}).status_code == 404
    assert client_for(None).get(f"/integration/{study.pk}/research/", {"file": "nope"}).status_code == 404
    page = client_for(world.editor).get(f"/integration/{study.pk}/analysis/").content.decode()
    assert "?file=index" in page and "?file=package" in page


@pytest.mark.django_db
def test_the_pdf_has_the_boundary_no_keyboard_advice_and_no_page_without_content(study):  # noqa: F811
    from pypdf import PdfReader

    response = client_for(None).get(f"/integration/{study.pk}/analysis/", {"export": "pdf"},
                                    HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    text = "\n".join(pages)
    assert "Where the boundary does the least damage" in text or "vähiten vaurioita" in text
    assert "keyboard" not in text.lower() and "näppäimistö" not in text.lower()
    assert all(len(page.split()) > 15 for page in pages)  # no page with a lone heading
