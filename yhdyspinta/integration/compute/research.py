"""Research exports of a study's results: plain text in the formats analysts' tools read.

The symmetric need matrix in wide form, nodes and edges (CSV), VOSviewer map and network
files, GEXF for Gephi, the boundary table and the methods appendix. Input is the published
results dict (integration.analysis.results / boundary) or the CLI's, so every file holds
only what the page shows: cells below the n < 5 rule never reach them. No Django imports.

CSV convention: "fi" (`;`, decimal comma, as Finnish Excel and R's read.csv2 read it) or
"intl" (`,`, decimal point, read.csv). Text files are UTF-8; the caller adds a BOM for Excel.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from xml.etree import ElementTree as ET

from .parties import node_sort_key

CONVENTIONS = {"fi": (";", ","), "intl": (",", ".")}


def number(value, decimal: str = ",", digits: int = 3) -> str:
    """A number as text in the convention; None and NaN are empty (missing, not zero)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", decimal) if text not in ("", "-0") else "0"


def csv_text(header: list[str], rows: Iterable[Iterable], convention: str = "fi") -> str:
    """Rows as CSV text; numbers in the convention's decimal mark."""
    delimiter, decimal = CONVENTIONS[convention]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([number(v, decimal) if isinstance(v, int | float) or v is None else v
                         for v in row])
    return out.getvalue()


def _needs(results: Mapping) -> dict[tuple[str, str], float]:
    return {(s["a"], s["b"]): float(s["need"]) for s in results.get("symmetric", [])}


def nodes_of(results: Mapping) -> list[str]:
    """Every node with a published need, in natural order (2.2 before 2.10)."""
    return sorted({v for pair in _needs(results) for v in pair}, key=node_sort_key)


def matrix_rows(results: Mapping) -> tuple[list[str], list[list]]:
    """The symmetric need matrix in wide form: a row and a column per node, empty = unknown."""
    needs = _needs(results)
    nodes = nodes_of(results)
    rows = []
    for a in nodes:
        row = [a]
        for b in nodes:
            row.append(None if a == b else needs.get((a, b), needs.get((b, a))))
        rows.append(row)
    return ["node", *nodes], rows


def node_table(results: Mapping, labels: Mapping[str, str],
               respondents: Mapping[str, int | None] | None = None) -> tuple[list[str], list[list]]:
    """Nodes: label, cluster, x, y (the map), total need (Σ over its pairs) and respondents
    (of its own task group; None where fewer than 5 or not a task group)."""
    needs = _needs(results)
    total: dict[str, float] = {}
    for (a, b), v in needs.items():
        total[a] = total.get(a, 0.0) + max(0.0, v)
        total[b] = total.get(b, 0.0) + max(0.0, v)
    clusters = results.get("clusters") or {}
    positions = results.get("positions") or {}
    rows = []
    for v in nodes_of(results):
        x, y = positions.get(v, (None, None))
        rows.append([v, labels.get(v, ""), clusters.get(v), x, y, total.get(v, 0.0),
                     (respondents or {}).get(v)])
    return ["node", "label", "cluster", "x", "y", "total_need", "respondents"], rows


def edge_table(results: Mapping) -> tuple[list[str], list[list]]:
    """Edges: one row per pair with a published need, largest first."""
    rows = sorted(([a, b, v] for (a, b), v in _needs(results).items()),
                  key=lambda r: (-r[2], node_sort_key(r[0]), node_sort_key(r[1])))
    return ["source", "target", "need"], rows


def vosviewer_map(results: Mapping, labels: Mapping[str, str]) -> str:
    """VOSviewer map file (app.vosviewer.com "map and network files"): tab-separated id, label,
    x, y, cluster, weight<Total need>. A label with a comma, semicolon or quote is enclosed in
    double quotes (VOSviewer also reads , and ; as delimiters). When a node has no position (no
    usable answers), the x and y columns are left out and VOSviewer lays the map out itself:
    an empty coordinate is not a number VOSviewer reads (likewise the cluster column when a node
    has none: a cluster is an integer 1–1000)."""
    _h, rows = node_table(results, labels)
    positioned = all(x is not None and y is not None for _c, _l, _k, x, y, _t, _n in rows)
    clustered = all(cluster is not None for _c, _l, cluster, _x, _y, _t, _n in rows)
    header = ["id", "label", *(("x", "y") if positioned else ()), *(("cluster",) if clustered else ()),
              "weight<Total need>"]
    lines = ["\t".join(header)]
    for k, (code, label, cluster, x, y, total, _n) in enumerate(rows, start=1):
        text = f"{code} {label}".strip().replace("\t", " ").replace("\n", " ")
        if any(ch in text for ch in ',;"'):
            text = '"' + text.replace('"', '""') + '"'
        coordinates = [number(x, ".", 6), number(y, ".", 6)] if positioned else []
        lines.append("\t".join([str(k), text, *coordinates, *([str(cluster)] if clustered else []),
                                 number(total, ".", 3)]))
    return "\n".join(lines) + "\n"


def vosviewer_network(results: Mapping) -> str:
    """VOSviewer network file: tab-separated id, id, strength (positive needs only)."""
    ids = {v: k for k, v in enumerate(nodes_of(results), start=1)}
    lines = [f"{ids[a]}\t{ids[b]}\t{number(v, '.', 3)}" for a, b, v in edge_table(results)[1] if v > 0]
    return "\n".join(lines) + ("\n" if lines else "")


def gexf(results: Mapping, labels: Mapping[str, str], title: str = "") -> str:
    """GEXF 1.3 for Gephi: undirected weighted graph with cluster, total need and position."""
    ns = "http://gexf.net/1.3"
    viz = "http://gexf.net/1.3/viz"
    ET.register_namespace("", ns)
    ET.register_namespace("viz", viz)
    root = ET.Element(f"{{{ns}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{ns}}}meta")
    ET.SubElement(meta, f"{{{ns}}}creator").text = "Yhdyspinta"
    ET.SubElement(meta, f"{{{ns}}}description").text = title or "Integration need network"
    graph = ET.SubElement(root, f"{{{ns}}}graph", {"defaultedgetype": "undirected", "mode": "static"})
    attrs = ET.SubElement(graph, f"{{{ns}}}attributes", {"class": "node", "mode": "static"})
    ET.SubElement(attrs, f"{{{ns}}}attribute", {"id": "cluster", "title": "cluster", "type": "integer"})
    ET.SubElement(attrs, f"{{{ns}}}attribute", {"id": "total_need", "title": "total_need", "type": "double"})
    nodes_el = ET.SubElement(graph, f"{{{ns}}}nodes")
    for code, label, cluster, x, y, total, _n in node_table(results, labels)[1]:
        node = ET.SubElement(nodes_el, f"{{{ns}}}node", {"id": code, "label": f"{code} {label}".strip()})
        values = ET.SubElement(node, f"{{{ns}}}attvalues")
        if cluster is not None:
            ET.SubElement(values, f"{{{ns}}}attvalue", {"for": "cluster", "value": str(cluster)})
        ET.SubElement(values, f"{{{ns}}}attvalue", {"for": "total_need", "value": repr(float(total))})
        if x is not None and y is not None:
            ET.SubElement(node, f"{{{viz}}}position", {"x": repr(float(x) * 100), "y": repr(float(y) * 100),
                                                       "z": "0.0"})
    edges_el = ET.SubElement(graph, f"{{{ns}}}edges")
    for k, (a, b, v) in enumerate(edge_table(results)[1]):
        if v > 0:
            ET.SubElement(edges_el, f"{{{ns}}}edge", {"id": str(k), "source": a, "target": b,
                                                      "weight": repr(float(v))})
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def boundary_table(boundary: Mapping, labels: Mapping[str, str]) -> tuple[list[str], list[list]]:
    """The boundary per node: present and optimal side, cost of moving alone, share of
    resamples on the county side, and the node's unknown pairs."""
    unknown: dict[str, list[str]] = {}
    for a, b, *_why in boundary.get("unknown_pairs") or []:
        unknown.setdefault(a, []).append(b)
        unknown.setdefault(b, []).append(a)
    shares = boundary.get("side_share") or {}
    rows = []
    for v in sorted(boundary.get("assignment") or {}, key=node_sort_key):
        rows.append([v, labels.get(v, ""), (boundary.get("current_assignment") or {}).get(v),
                     boundary["assignment"][v], (boundary.get("move_cost") or {}).get(v),
                     (shares.get(v) or {}).get("county"),
                     " ".join(sorted(unknown.get(v, []), key=node_sort_key))])
    return (["node", "label", "present_side", "optimal_side", "cost_of_moving", "county_share_in_resamples",
             "unknown_pairs_with"], rows)


def methods_appendix(*, respondents: int, min_n: int, baseline: float, flag_above: float,
                     unknown_pairs: str, n_boot: int, side_boot: int, seed: int,
                     resolution: float, versions: Mapping[str, str]) -> str:
    """The methods appendix (Markdown): formulae, the n < 5 rule, missing data, software."""
    software = "\n".join(f"- {name} {version}" for name, version in sorted(versions.items()))
    return f"""# Methods

Respondents: {respondents}.

## Integration index
Each answer rates the frequency, mutuality and need of cooperation between the respondent's
own task group and one party. An answer with fewer than two of the three items is dropped
and counted. Each item is standardised over the kept answers (z = (x − mean) / SD, population
SD), the available z-scores of an answer are averaged, and the averages are rescaled to mean
100 and SD 40: index = 100 + 40 × (z̄ − mean(z̄)) / SD(z̄) (Aronen & Lehto's combined
variable). "Don't know" answers are missing, not zero.

## Cells, needs and flags
A cell (task group × party) is the mean index of its answers. Cells of fewer than {min_n}
respondents are not published and not used anywhere (the n < {min_n} rule). The symmetric need
of two nodes is the mean of both directions where both are published, else the one that is.
Pairs above {flag_above:g} are flagged.

## Intervals
Cell intervals are percentile bootstraps ({n_boot} draws, seed {seed}) resampling the
respondents of the cell. Group comparisons resample whole respondents on each side (a
cluster bootstrap), because one respondent's answers in a task group are correlated. Rows
are sorted by respondent before drawing, so the import order never changes an interval.

## Clusters and map
Leiden clustering of the symmetric need network (modularity, resolution {resolution:g},
seed {seed}); the map is a layout whose distances follow the needs.

## Boundary
damage = Σ over separated pairs (need − {baseline:g}); the optimum minimises it over the free
parties (exact MILP with HiGHS when small enough, else local search). A pair with no
published need is unknown and treated as "{unknown_pairs}" (ignore: adds nothing; baseline:
need = baseline; zero: need 0); the results list these pairs and which parties the other
treatments would move. Parties organised by neither side ("other") are left out of the
assignment. Side shares come from {side_boot} respondent resamples.

## Software
{software}
"""
