"""A server-built SVG line chart for trends: no JavaScript, each series labelled in text.

Lines differ by colour *and* dash pattern and marker shape, and the page shows the same
numbers in a table, so nothing depends on colour alone.
"""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 560, 300  # HEIGHT: the plot and its axis labels; the legend rows come below
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 36
LEGEND_ROW = 18
MARKERS = ("circle", "square", "diamond", "triangle", "cross", "star")


def _marker(kind: str, x: float, y: float, css: str) -> str:
    if kind == "circle":
        return f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
    if kind == "square":
        return f'<rect class="{css}" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>'
    if kind == "diamond":
        return f'<path class="{css}" d="M{x:.1f},{y - 5:.1f}L{x + 5:.1f},{y:.1f}L{x:.1f},{y + 5:.1f}L{x - 5:.1f},{y:.1f}Z"/>'
    if kind == "triangle":
        return f'<path class="{css}" d="M{x:.1f},{y - 5:.1f}L{x + 5:.1f},{y + 4:.1f}L{x - 5:.1f},{y + 4:.1f}Z"/>'
    if kind == "cross":
        return (f'<path class="{css} stroke-only" d="M{x - 4:.1f},{y - 4:.1f}L{x + 4:.1f},{y + 4:.1f}'
                f'M{x - 4:.1f},{y + 4:.1f}L{x + 4:.1f},{y - 4:.1f}"/>')
    return f'<rect class="{css}" x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" transform="rotate(45 {x:.1f} {y:.1f})"/>'


def line_chart(x_labels: list[str], series: list[tuple[str, list[int | None]]], *, title: str,
               description: str, chart_id: str = "trend") -> str:
    """Percentages (0-100) per x label; None values break the line. The legend (marker, full name
    and latest value) is one row per series under the plot, as wide as the chart, never cut."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    height = HEIGHT + LEGEND_ROW * len(series) + 12
    n = max(len(x_labels), 1)

    def px(i: int) -> float:
        return LEFT + (plot_w * (i + 0.5) / n)

    def py(v: float) -> float:
        return TOP + plot_h * (1 - v / 100)

    out = [(f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'),
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(description)}</desc>']
    for tick in (0, 25, 50, 75, 100):
        y = py(tick)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick} %</text>')
    for i, label in enumerate(x_labels):
        out.append(f'<text class="tick" x="{px(i):.1f}" y="{HEIGHT - BOTTOM + 18}" '
                   f'text-anchor="middle">{escape(label)}</text>')
    for s, (name, values) in enumerate(series):
        css = f"series-{s % 6}"
        points = [(px(i), py(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = "L".join(f"{x:.1f},{y:.1f}" for x, y in points)
            out.append(f'<path class="line {css}" d="M{path}"/>')
        for x, y in points:
            out.append(_marker(MARKERS[s % 6], x, y, f"marker {css}"))
        last = next((v for v in reversed(values) if v is not None), None)
        legend_y = HEIGHT + 8 + s * LEGEND_ROW
        out.append(_marker(MARKERS[s % 6], LEFT + 6, legend_y - 4, f"marker {css}"))
        text = f"{name}: {last} %" if last is not None else name
        out.append(f'<text class="legend" x="{LEFT + 16}" y="{legend_y:.1f}">{escape(text)}</text>')
    out.append("</svg>")
    return "".join(out)
