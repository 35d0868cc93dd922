"""Server-built SVG charts (no JavaScript): bar chart of €/resident and a histogram.

Every chart carries its numbers as text, and the pages show the same numbers in a table
beside it; positive and negative bars differ by side of the zero line, not only by colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from django.utils.formats import number_format

ROW = 18
LABEL_WIDTH = 190
VALUE_WIDTH = 80
WIDTH = 640


def _fmt(value: float) -> str:
    """A whole number grouped as the page language groups it (1 234 in fi/sv, 1,234 in en)."""
    return number_format(round(value), force_grouping=True).replace("-", "\u2212")


def _open(chart_id: str, height: float, title: str, description: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{chart_id}-title">{escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{escape(description)}</desc>')


def bar_chart(items: Sequence[tuple[str, Decimal | float]], *, title: str, description: str,
              chart_id: str = "chart", fmt: Callable[[float], str] = _fmt) -> str:
    """Horizontal bars, one per (label, value); negative values extend left of the zero line."""
    values = [float(v) for _, v in items]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    zero = LABEL_WIDTH + (0 - low) / span * plot
    height = ROW * len(items) + 10
    out = [
        _open(chart_id, height, title, description),
    ]
    for i, ((label, _v), value) in enumerate(zip(items, values)):
        y = 5 + i * ROW
        x0 = zero if value >= 0 else zero - (abs(value) / span * plot)
        w = abs(value) / span * plot
        css = "chart-bar-pos" if value >= 0 else "chart-bar-neg"
        out.append(f'<text class="chart-label" x="{LABEL_WIDTH - 6}" y="{y + 12}" text-anchor="end">'
                   f'{escape(str(label))}</text>')
        out.append(f'<rect class="{css}" x="{x0:.1f}" y="{y + 2}" width="{max(w, 0.5):.1f}" height="{ROW - 5}"/>')
        out.append(f'<text class="chart-value" x="{WIDTH - 4}" y="{y + 12}" text-anchor="end">'
                   f'{escape(fmt(value))}</text>')
    out.append(f'<line class="chart-axis" x1="{zero:.1f}" y1="2" x2="{zero:.1f}" y2="{height - 2}"/>')
    out.append("</svg>")
    return "".join(out)


def histogram_bins(values: Sequence[Decimal | float], bins: int = 10) -> list[tuple[float, float, int]]:
    """(low, high, count) of equal-width bins covering min..max (last bin closed)."""
    data = [float(v) for v in values]
    if not data:
        return []
    low, high = min(data), max(data)
    if high == low:
        return [(low, high, len(data))]
    width = (high - low) / bins
    counts = [0] * bins
    for v in data:
        counts[min(int((v - low) / width), bins - 1)] += 1
    return [(low + i * width, low + (i + 1) * width, counts[i]) for i in range(bins)]


def histogram(bins_: Sequence[tuple[float, float, int]], *, title: str, description: str,
              chart_id: str = "histogram") -> str:
    """Vertical bars of the counts, each labelled with its count and range."""
    n = len(bins_) or 1
    height, base, top = 220, 180, 20
    peak = max((c for _, _, c in bins_), default=1) or 1
    bar = (WIDTH - 20) / n
    out = [
        _open(chart_id, height, title, description),
    ]
    for i, (lo, hi, count) in enumerate(bins_):
        x = 10 + i * bar
        h = count / peak * (base - top)
        out.append(f'<rect class="chart-bar-pos" x="{x + 2:.1f}" y="{base - h:.1f}" width="{bar - 4:.1f}" '
                   f'height="{max(h, 0.5):.1f}"/>')
        out.append(f'<text class="chart-value" x="{x + bar / 2:.1f}" y="{base - h - 4:.1f}" '
                   f'text-anchor="middle">{count}</text>')
        out.append(f'<text class="chart-label" x="{x + bar / 2:.1f}" y="{base + 16}" text-anchor="middle">'
                   f'{escape(_fmt(lo))}</text>')
    out.append(f'<line class="chart-axis" x1="10" y1="{base}" x2="{WIDTH - 10}" y2="{base}"/>')
    out.append("</svg>")
    return "".join(out)
