"""Small server-built SVG line charts (always shown with a data table beside them)."""

from html import escape

WIDTH, HEIGHT, PAD = 220, 60, 4
# presentation attributes (not style=""), so the PDF renderer draws them too; dashes tell series apart
STROKES = (
    'stroke="#1f4e79" stroke-width="2.5"',
    'stroke="#555555" stroke-width="1.5" stroke-dasharray="4 3"',
    'stroke="#7a3e00" stroke-width="1.5" stroke-dasharray="1 2"',
)


def line_chart(series: list[tuple[str, list[tuple[int, float | None]]]], *, title: str) -> str:
    """`series`: [(label, [(year, value)])]; the first is solid, the others dashed (not colour alone)."""
    points = [(y, v) for _label, data in series for y, v in data if v is not None]
    if not points:
        return ""
    years = [y for y, _v in points]
    values = [v for _y, v in points]
    y0, y1 = min(years), max(years)
    v0, v1 = min(values), max(values)
    span_y = (y1 - y0) or 1
    span_v = (v1 - v0) or 1

    def xy(year, value):
        x = PAD + (year - y0) / span_y * (WIDTH - 2 * PAD)
        y = HEIGHT - PAD - (value - v0) / span_v * (HEIGHT - 2 * PAD)
        return f"{x:.1f},{y:.1f}"

    lines = []
    for number, (label, data) in enumerate(series):
        coords = " ".join(xy(y, v) for y, v in data if v is not None)
        if coords:
            css = "chart-line" if number == 0 else f"chart-line chart-line-{min(number, 2)}"
            stroke = STROKES[min(number, 2)]
            lines.append(f'<polyline class="{css}" fill="none" {stroke} points="{coords}">'
                         f'<title>{escape(label)}</title></polyline>')
    return (f'<svg class="sparkline" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
            f'role="img" aria-label="{escape(title)}" focusable="false">{"".join(lines)}</svg>')
