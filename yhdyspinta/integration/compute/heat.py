"""The matrix heat map's colour scale: nine steps of cividis (readable with every common
colour-vision deficiency and in greyscale), light = small need, dark = great need. The
page's CSP forbids inline styles, so a cell gets a class `int-heat-<step>`; the text colour
of each step is the one of black and white with the higher contrast (WCAG ≥ 4.5:1). Colour
never carries the value alone: the number is always written in the cell. No Django imports."""

from __future__ import annotations

STEPS = ("#E1CC55", "#C3B369", "#A59C74", "#8A8678", "#707173", "#575D6D", "#3B496C", "#123570",
         "#00224E")


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of #RRGGBB."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[k:k + 2], 16) for k in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(background: str) -> str:
    return max(("#000000", "#FFFFFF"), key=lambda t: contrast(background, t))


def step(value: float, low: float, high: float) -> int:
    """The step (0…8) of a value on the scale low…high (equal widths, ends included)."""
    if high <= low:
        return len(STEPS) // 2
    k = int((value - low) / (high - low) * len(STEPS))
    return min(max(k, 0), len(STEPS) - 1)


def legend(low: float, high: float) -> list[tuple[int, float, float]]:
    """(step, from, to) for each step, for the legend table under the matrix."""
    width = (high - low) / len(STEPS) if high > low else 0.0
    return [(k, low + k * width, low + (k + 1) * width) for k in range(len(STEPS))]


def css() -> str:
    """The stylesheet rules of the steps (written into integration.css; a test keeps them equal)."""
    return "\n".join(f".int-heat-{k} {{ background: {c}; color: {text_colour(c)}; }}"
                     for k, c in enumerate(STEPS)) + "\n"
