"""Network map SVG: well-formed, accessible, deterministic, escaped."""

import xml.etree.ElementTree as ET

from yhdyspinta.integration.compute.cluster import cluster
from yhdyspinta.integration.compute.layout import layout
from yhdyspinta.integration.compute.svg import render_svg
from yhdyspinta.integration.compute.synthetic import planted_needs

NS = "{http://www.w3.org/2000/svg}"


def make():
    needs, _ = planted_needs((5, 4), seed=1)
    lay = layout(needs)
    cl = cluster(needs)
    labels = {v: f"Taho <{v}> & co" for v in lay.nodes}
    return render_svg(lay.positions(), cl.membership, needs, labels=labels,
                      title='Verkosto "A" & <B>'), lay, cl


def test_svg_is_well_formed_and_accessible():
    svg, lay, cl = make()
    root = ET.fromstring(svg)
    assert root.tag == NS + "svg"
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    assert root.find(NS + "title").get("id") == ids[0]
    assert root.find(NS + "desc").get("id") == ids[1]
    assert root.find(NS + "title").text == 'Verkosto "A" & <B>'
    nodes = [g for g in root.iter(NS + "g") if g.get("class") == "node"]
    assert {g.get("data-node") for g in nodes} == set(lay.nodes)
    for g in nodes:
        assert g.get("tabindex") == "0"
        title = g.find(NS + "title").text
        assert g.get("data-node") in title and "Klusteri" in title
        # colour is never alone: the cluster number is printed in the circle
        assert g.find(NS + "text").text == str(cl.membership[g.get("data-node")])


def test_svg_deterministic_and_edges_filtered():
    a, _, _ = make()
    b, _, _ = make()
    assert a == b
    root = ET.fromstring(a)
    lines = list(root.iter(NS + "line"))
    needs, _ = planted_needs((5, 4), seed=1)
    assert len(lines) == sum(v >= 120 for v in needs.values())


def test_every_node_shows_a_short_name_and_the_key_has_the_full_one():
    from yhdyspinta.integration.compute.svg import render_svg, short_name
    assert short_name("Ikääntyneiden palvelut") == "Ikääntyneiden…"
    assert short_name("Koulut") == "Koulut"
    positions = {"2.1": (0.0, 0.0), "2.17": (1.0, 0.5)}
    svg = render_svg(positions, {"2.1": 1, "2.17": 1}, {("2.1", "2.17"): 150.0},
                     labels={"2.1": "Ikääntyneiden palvelut", "2.17": "Kotoutumista edistävät palvelut"})
    assert ">2.1 Ikääntyneiden…<" in svg and ">2.17 Kotoutumista…<" in svg
