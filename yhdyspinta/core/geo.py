"""TopoJSON to SVG, server-side: maps need no JavaScript and come with a data table.

Plain Python (no Django), so the readiness, funding and indicator maps share it.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from math import cos, radians
from pathlib import Path

TOPOLOGY = Path(__file__).resolve().parent.parent / "organisations" / "data" / "finland-hva-2021.topo.json"
WIDTH = 400


@dataclass(frozen=True)
class Feature:
    key: str
    properties: dict
    path: str  # SVG path data


def _decode_arcs(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs, indices):
    points = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


@lru_cache(maxsize=4)
def layer(name: str, path: str = str(TOPOLOGY)) -> tuple[tuple[Feature, ...], tuple[float, float]]:
    """Features of one layer projected to SVG coordinates, and the viewBox size."""
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    geometries = list(topology["objects"][name]["geometries"])
    if name == "hva":
        # The county layer merges Helsinki and Åland into one shape without a key; take
        # Helsinki (091) from the municipality layer so it can be shown and linked ("HKI").
        geometries = [g for g in geometries if g.get("properties", {}).get("hva_id")]
        for muni in topology["objects"]["munis"]["geometries"]:
            if muni.get("properties", {}).get("id") == "091":
                geometries.append({**muni, "properties": {**muni["properties"], "hva_id": "HKI"}})
    rings_by_feature = []
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings_by_feature.append([_ring(arcs, ring) for polygon in polygons for ring in polygon])
    all_points = [p for rings in rings_by_feature for ring in rings for p in ring]
    min_x = min(p[0] for p in all_points)
    max_x = max(p[0] for p in all_points)
    min_y = min(p[1] for p in all_points)
    max_y = max(p[1] for p in all_points)
    k = cos(radians((min_y + max_y) / 2))  # equirectangular with the mid-latitude's aspect
    scale = WIDTH / ((max_x - min_x) * k)
    height = (max_y - min_y) * scale
    features = []
    for geometry, rings in zip(geometries, rings_by_feature):
        parts = []
        for ring in rings:
            coords = [f"{(x - min_x) * k * scale:.1f},{(max_y - y) * scale:.1f}" for x, y in ring]
            parts.append("M" + "L".join(coords) + "Z")
        props = geometry.get("properties", {})
        key = str(props.get("hva_id") if name == "hva" else props.get("id"))
        features.append(Feature(key=key, properties=props, path="".join(parts)))
    return tuple(features), (WIDTH, round(height, 1))


def choropleth(layer_name: str, *, title: str, description: str, regions: dict[str, dict]) -> str:
    """An accessible SVG map. `regions[key]` = {"label", "css" (fill class), "url", "text"}.

    Each region is a link (keyboard reachable) with its label and value as text, so colour is
    never the only carrier of information; the caller shows the same numbers in a table.
    """
    features, (width, height) = layer(layer_name)
    out = [
        (f'<svg class="map" viewBox="0 0 {width} {height}" role="group" aria-labelledby="map-title map-desc"'
        ' xmlns="http://www.w3.org/2000/svg">'),
        f'<title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(description)}</desc>',
    ]
    for feature in features:
        info = regions.get(feature.key)
        if info is None:
            out.append(f'<path class="map-region map-none" d="{feature.path}" aria-hidden="true"/>')
            continue
        label = escape(info.get("label", feature.key))
        text = escape(info.get("text", ""))
        accessible = f"{label}: {text}" if text else label
        shape = f'<path class="map-region {escape(info.get("css", ""))}" d="{feature.path}"><title>{accessible}</title></path>'
        if info.get("url"):
            out.append(f'<a href="{escape(info["url"])}" aria-label="{accessible}">{shape}</a>')
        else:
            out.append(shape)
    out.append("</svg>")
    return "".join(out)
