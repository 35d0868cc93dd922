"""Composite index (yhdistelmäindeksi): each component scaled 0–100 between its bounds, weighted mean.

score = (value − lower) / (upper − lower) × 100, clipped to 0…100; for "lower is better"
components 100 − score. The index is Σ weight × score / Σ weight over the components; a region
missing any component gets no index (and the missing ones are named), so indices stay comparable.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Component:
    key: object
    lower: float
    upper: float
    weight: float
    direction: str = "up"


@dataclass
class Result:
    index: float | None
    scores: dict = field(default_factory=dict)
    missing: list = field(default_factory=list)


def scale(value: float, lower: float, upper: float, direction: str = "up") -> float:
    if upper <= lower:
        raise ValueError("upper bound must be greater than lower bound")
    score = min(max((value - lower) / (upper - lower) * 100.0, 0.0), 100.0)
    return 100.0 - score if direction == "down" else score


def composite(components: list[Component], values: dict) -> Result:
    """`values`: {component key: value or None}."""
    result = Result(None)
    total_weight = 0.0
    weighted = 0.0
    for comp in components:
        value = values.get(comp.key)
        if value is None:
            result.missing.append(comp.key)
            continue
        score = scale(value, comp.lower, comp.upper, comp.direction)
        result.scores[comp.key] = score
        weighted += comp.weight * score
        total_weight += comp.weight
    if components and not result.missing and total_weight > 0:
        result.index = weighted / total_weight
    return result
