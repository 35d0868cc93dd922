"""Edits of a parameter set's JSON that keep every source text (pure, no Django).

Scenario changes are made by compute (move_share, set_share) on the frozen ParameterSet, and
the changed numbers are written back into a copy of the JSON, so the stored set keeps the
legal sources of the original and stays loadable by `parameter_set_from_dict`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from yhdyspinta.core import jsonsafe
from yhdyspinta.core.reasons import reason

from .compute import FundingInputError, ParameterSet, parameter_set_from_dict


def parse_json(text: str | bytes) -> dict:
    """JSON text → dict with exact decimals; bad JSON is a FundingInputError with the position."""
    try:  # nesting and integer length limited: deep JSON or a 100 000-digit number is refused
        data = jsonsafe.loads(text, parse_float=Decimal)
    except jsonsafe.JSONRefused as exc:
        raise FundingInputError(reason("invalid JSON: %(detail)s", detail=exc.reason)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FundingInputError(reason("invalid JSON: %(detail)s", detail=str(exc))) from None
    if not isinstance(data, dict):
        raise FundingInputError(reason("invalid JSON: expected an object at the top level"))
    return jsonable(data)


def jsonable(value: Any) -> Any:
    """Decimals and floats as strings (exact in a JSONField), recursively."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return value


def write_back(data: Mapping[str, Any], params: ParameterSet) -> dict:
    """A copy of `data` with the shares, group totals and total funding of `params`."""
    out = copy.deepcopy(dict(data))
    shares = {c.key: c.share for c in params.criteria}
    totals = {g.key: g.total_share for g in params.groups}
    for criterion in out["criteria"]:
        criterion["share"] = str(shares[criterion["key"]])
    for group in out["groups"]:
        group["total_share"] = str(totals[group["key"]])
    out["total_funding_eur"] = {**out["total_funding_eur"], "value": str(params.total_funding_eur)}
    return out


def with_shares(data: Mapping[str, Any], shares: Mapping[str, Any], group_totals: Mapping[str, Any],
                total_funding: Any = None) -> tuple[dict, ParameterSet]:
    """New JSON with the given shares; validated (a sum that does not match is refused)."""
    out = copy.deepcopy(dict(data))
    for criterion in out["criteria"]:
        if criterion["key"] in shares:
            criterion["share"] = str(shares[criterion["key"]])
    for group in out["groups"]:
        if group["key"] in group_totals:
            group["total_share"] = str(group_totals[group["key"]])
    if total_funding is not None:
        out["total_funding_eur"] = {**out["total_funding_eur"], "value": str(total_funding)}
    return out, parameter_set_from_dict(out)


def renamed(data: Mapping[str, Any], name: str, title: str) -> dict:
    out = copy.deepcopy(dict(data))
    out["name"], out["title"] = name, title
    return out
