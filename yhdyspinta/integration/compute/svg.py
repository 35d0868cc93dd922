"""Server-side SVG of the need network map (verkostokuva), accessible and deterministic.

Colour never carries meaning alone: every node also shows its cluster number, the
legend names the clusters, and each node is a focusable group whose <title> gives its
figures, so keyboard and screen-reader users get what mouse users get on hover.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from xml.sax.saxutils import escape

# Okabe–Ito colour-blind-safe palette (black last; text on it turns white)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
_DARK = {"#0072B2", "#009E73", "#D55E00", "#000000", "#CC79A7"}


def _a(text) -> str:
    return escape(str(text), {'"': "&quot;"})


def short_name(name: str, limit: int = 18) -> str:
    """A label that fits beside a node: whole words up to `limit` characters, then "…"; the
    key under the map gives the full names."""
    if len(name) <= limit:
        return name
    words, out = name.split(), ""
    for w in words:
        if len(out) + len(w) + (1 if out else 0) > limit - 1:
            break
        out = f"{out} {w}" if out else w
    return (out or name[:limit - 1]).rstrip(",;:") + "…"


def _fmt(v: float, decimal: str = ",") -> str:
    """One decimal at most, with the page language's decimal separator (a comma in Finnish and
    Swedish: lang_strings["decimal"])."""
    return f"{v:.1f}".rstrip("0").rstrip(".").replace(".", decimal) if not math.isnan(v) else "0"


def render_svg(positions: Mapping[str, tuple[float, float]], clusters: Mapping[str, int],
               needs: Mapping[tuple[str, str], float], *,
               labels: Mapping[str, str] | None = None, edge_min: float = 120.0,
               width: int = 900, height: int = 700, title: str = "Integraatiotarpeiden verkosto",
               desc: str | None = None, id_prefix: str = "intmap",
               cluster_names: Mapping[int, str] | None = None,
               lang_strings: Mapping[str, str] | None = None) -> str:
    """SVG string: nodes sized by total need, coloured and numbered by cluster, edges with
    need ≥ edge_min drawn with width by need. Smaller distance = greater need."""
    s = {"cluster": "Klusteri", "total": "yhteenlaskettu tarve", "links": "yhteyksiä",
         "strongest": "suurin tarve", "legend": "Klusterit", "decimal": ","} | dict(lang_strings or {})
    labels = dict(labels or {})
    nodes = list(positions)
    total = dict.fromkeys(nodes, 0.0)
    degree = dict.fromkeys(nodes, 0)
    best: dict[str, tuple[float, str]] = {}
    for (a, b), v in needs.items():
        v = max(0.0, float(v))
        for x, y in ((a, b), (b, a)):
            if x in total:
                total[x] += v
                degree[x] += 1
                if v > best.get(x, (-1.0, ""))[0]:
                    best[x] = (v, y)
    legend_h = 24 + 18 * len(set(clusters.values()))
    margin = 60
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = min(width - 2 * margin - 160, height - 2 * margin - legend_h) / span
    cx0, cy0 = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def pt(v):
        x, y = positions[v]
        return (width - 160) / 2 + (x - cx0) * scale, (height - legend_h) / 2 + (cy0 - y) * scale

    tmin, tmax = min(total.values(), default=0.0), max(total.values(), default=1.0)
    radius = {v: 7 + 13 * math.sqrt((total[v] - tmin) / (tmax - tmin) if tmax > tmin else 0.5)
              for v in nodes}
    emax = max((max(0.0, v) for v in needs.values()), default=1.0) or 1.0
    tid, did = f"{id_prefix}-title", f"{id_prefix}-desc"
    if desc is None:
        desc = (f"{len(nodes)} solmua, {len(set(clusters.values()))} klusteria. "
                "Pienempi etäisyys = suurempi yhteistyötarve; keskellä ovat tahot, joilla on "
                "eniten tarpeita kaikkialle.")
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-labelledby="{tid} {did}" '
           f'font-family="sans-serif">'),
           f'<title id="{tid}">{_a(title)}</title>', f'<desc id="{did}">{_a(desc)}</desc>',
           '<g class="edges" aria-hidden="true" stroke="#555" stroke-opacity="0.45">']
    for (a, b), v in sorted(needs.items()):
        if v < edge_min or a not in positions or b not in positions or a == b:
            continue
        (x1, y1), (x2, y2) = pt(a), pt(b)
        wdt = 0.5 + 5.5 * (v - edge_min) / max(emax - edge_min, 1e-9)
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                   f'stroke-width="{wdt:.2f}"/>')
    out.append("</g>")
    placed: list[tuple[float, float, float, float]] = []  # labels avoid circles and labels
    for v in nodes:
        x, y = pt(v)
        placed.append((x - radius[v], y - radius[v], x + radius[v], y + radius[v]))
    label_svg = []
    out.append('<g class="nodes">')
    for v in sorted(nodes, key=lambda n: (-total[n], n)):
        x, y = pt(v)
        c = clusters.get(v, 0)
        colour = PALETTE[(c - 1) % len(PALETTE)] if c > 0 else "#999999"
        text_fill = "#FFFFFF" if colour in _DARK else "#000000"
        r = radius[v]
        name = labels.get(v, v)
        strongest = f"; {s['strongest']} {_fmt(best[v][0], s['decimal'])} ({best[v][1]})" if v in best else ""
        tip = (f"{v} {name if name != v else ''}".strip() + f" — {s['cluster']} {c}; "
               f"{s['total']} {_fmt(total[v], s['decimal'])}; {s['links']} {degree[v]}{strongest}")
        out.append(f'<g class="node" tabindex="0" data-node="{_a(v)}" data-cluster="{c}">'
                   f"<title>{_a(tip)}</title>"
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" '
                   f'stroke="#222" stroke-width="1"/>'
                   f'<text x="{x:.1f}" y="{y + 3.5:.1f}" font-size="10" text-anchor="middle" '
                   f'fill="{text_fill}" aria-hidden="true">{c}</text></g>')
        text = v if name == v else f"{v} {short_name(str(name))}"
        tw, th = 6.2 * len(text), 12.0
        options = [(x + r + 3, y + 4, "start"), (x - r - 3, y + 4, "end"),
                   (x, y - r - 4, "middle"), (x, y + r + 12, "middle")]
        chosen, least = options[0], math.inf
        for ox, oy, anchor in options:
            left = ox if anchor == "start" else ox - tw if anchor == "end" else ox - tw / 2
            box = (left, oy - th + 2, left + tw, oy + 2)
            over = sum(max(0, min(box[2], b[2]) - max(box[0], b[0])) *
                       max(0, min(box[3], b[3]) - max(box[1], b[1])) for b in placed)
            if over < least:
                chosen, least, cbox = (ox, oy, anchor), over, box
            if over == 0:
                break
        placed.append(cbox)
        label_svg.append(f'<text x="{chosen[0]:.1f}" y="{chosen[1]:.1f}" font-size="11" '
                         f'text-anchor="{chosen[2]}" fill="#111">{_a(text)}</text>')
    out.append("</g>")
    out.append('<g class="labels" aria-hidden="true">' + "".join(label_svg) + "</g>")
    ly = height - legend_h + 6
    out.append(f'<g class="legend"><text x="10" y="{ly + 10}" font-size="12" '
               f'font-weight="bold">{_a(s["legend"])}</text>')
    for k, c in enumerate(sorted(set(clusters.values()))):
        colour = PALETTE[(c - 1) % len(PALETTE)]
        yy = ly + 22 + 18 * k
        cname = (cluster_names or {}).get(c, "")
        members = sum(1 for v in clusters.values() if v == c)
        out.append(f'<circle cx="18" cy="{yy}" r="7" fill="{colour}" stroke="#222"/>'
                   f'<text x="18" y="{yy + 3.5}" font-size="9" text-anchor="middle" '
                   f'fill="{"#FFFFFF" if colour in _DARK else "#000000"}">{c}</text>'
                   f'<text x="32" y="{yy + 4}" font-size="11">{_a(s["cluster"])} {c}'
                   f'{" " + _a(cname) if cname else ""} ({members})</text>')
    out.append("</g></svg>")
    return "\n".join(out)
