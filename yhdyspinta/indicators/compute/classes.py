"""Equal-interval classes of values for map fills and their legend (no Django)."""

from __future__ import annotations


def equal_classes(values, n: int = 5) -> tuple[list[int | None], list[tuple[float, float]]]:
    """Class 1..n of each value (None for a missing value) and the n class limits, lowest first.

    All values alike: one class. The highest value falls in class n (the limits are closed above).
    """
    present = [float(v) for v in values if v is not None]
    if not present:
        return [None for _v in values], []
    low, high = min(present), max(present)
    if high == low:
        return [None if v is None else 1 for v in values], [(low, high)]
    width = (high - low) / n
    index = [None if v is None else min(int((float(v) - low) / width) + 1, n) for v in values]
    return index, [(low + i * width, low + (i + 1) * width) for i in range(n)]
