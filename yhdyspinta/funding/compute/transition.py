"""Transition equalisation (siirtymätasaus) as one clamp, shared by counties and municipalities.

Sign convention (both sides): ``change`` is the per-resident gain from the
reform — for a county, computed funding − earlier costs; for a municipality,
costs moved away − revenue moved away. A gain beyond ``+up`` is cut, a loss
beyond ``−down`` is compensated: the result after equalisation is
``clamp(change, −down, +up)`` and the equalisation is that minus ``change``
(positive = paid to the county/municipality, negative = deducted).
"""

from __future__ import annotations

from decimal import Decimal

from yhdyspinta.core.reasons import reason

from .errors import FundingInputError


def clamp(change: Decimal, down: Decimal, up: Decimal) -> Decimal:
    """``change`` brought within [−down, +up]."""
    if down < 0 or up < 0:
        raise FundingInputError(reason("transition caps must be ≥ 0 (up %(up)s, down %(down)s)", up=up, down=down))
    return min(max(change, -down), up)


def equalisation(change: Decimal, down: Decimal, up: Decimal) -> Decimal:
    """Per-resident equalisation that brings ``change`` within the cap."""
    return clamp(change, down, up) - change
