"""JSON from outside (API bodies, uploaded parameter files) without a 500 or a CPU sink.

Python's json parser recurses once per nesting level, so `[[[[…]]]]` 100 000 deep ends in a
RecursionError; an integer of 100 000 digits costs quadratic time to convert (Python 3.11 stops
at 4 300 digits with a ValueError). `loads` refuses both with `JSONRefused` (a ValueError whose
`reason` is translatable): nesting deeper than `max_depth` and integers longer than
`max_int_digits` digits. No Django import: the funding CLI uses it too.
"""

import json
import re

from .reasons import reason

MAX_DEPTH = 64
MAX_INT_DIGITS = 30


class JSONRefused(ValueError):
    def __init__(self, text):
        self.reason = text
        super().__init__(text)


def loads(text, *, max_depth: int = MAX_DEPTH, max_int_digits: int = MAX_INT_DIGITS, **kwargs):
    """json.loads with the limits above; bad JSON stays a json.JSONDecodeError."""

    def parse_int(digits: str) -> int:
        if len(digits.lstrip("-")) > max_int_digits:
            raise JSONRefused(reason("a number has more than %(digits)s digits", digits=max_int_digits))
        return int(digits)

    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8")
    if _depth_exceeds(text, max_depth):
        raise JSONRefused(reason("nested deeper than %(depth)s levels", depth=max_depth))
    try:
        return json.loads(text, parse_int=parse_int, **kwargs)
    except RecursionError:  # not reached after the depth scan; kept as the last guard
        raise JSONRefused(reason("nested deeper than %(depth)s levels", depth=max_depth)) from None


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_OPEN, _CLOSE = (ord("["), ord("{")), (ord("]"), ord("}"))


def _depth_exceeds(text: str, max_depth: int) -> bool:
    """True if brackets outside strings nest deeper than max_depth (no parsing, no recursion)."""
    if text.count("[") + text.count("{") <= max_depth:
        return False
    import numpy as np

    codes = np.frombuffer(_STRINGS.sub("", text).encode("utf-8", "surrogatepass"), dtype=np.uint8)
    steps = np.isin(codes, _OPEN).astype(np.int32) - np.isin(codes, _CLOSE).astype(np.int32)
    return bool(steps.size) and int(np.cumsum(steps).max()) > max_depth
