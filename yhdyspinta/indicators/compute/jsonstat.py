"""JSON-stat 2.0 datasets from Statistics Finland's PxWeb API → plain value rows (no Django).

Expected dimensions: an area (role "geo", or named Alue/Kunta/Hyvinvointialue/Area/Region), a year
(role "time", or Vuosi/Year), the content (role "metric", or Tiedot/Information) whose category
codes are the StatFin indicator ids, and optionally sex (Sukupuoli/Sex: SSS/1/2). Area codes:
SSS = whole country, KU091 or 091 = municipality, HV08 or 08 = county.
"""

import math
from itertools import product

from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError

from .parsing import COUNTRY, SEXES, Position, ValueRow, at, check_year

MAX_CELLS = 20_000_000  # four times the national data set's 5 million values

NAMES = {
    "geo": ("alue", "kunta", "hyvinvointialue", "area", "region", "område"),
    "time": ("vuosi", "year", "år"),
    "metric": ("tiedot", "information", "uppgifter"),
    "sex": ("sukupuoli", "sex", "kön"),
}


def is_jsonstat(payload) -> bool:
    return isinstance(payload, dict) and payload.get("class") == "dataset" and "dimension" in payload


def _categories(dim: dict, dim_id: str, name: str) -> list[str]:
    cat = dim.get("category") if isinstance(dim, dict) else None
    cat = cat if isinstance(cat, dict) else {}
    index = cat.get("index")
    if isinstance(index, list):
        return [str(c) for c in index]
    if isinstance(index, dict):
        if not all(isinstance(pos, int) and not isinstance(pos, bool) for pos in index.values()):
            raise InputError(name, None, reason("dimension '%(dimension)s': category index positions must be whole "
                                                "numbers", dimension=dim_id))
        return [str(c) for c, _pos in sorted(index.items(), key=lambda kv: kv[1])]
    labels = cat.get("label")
    if isinstance(labels, dict) and len(labels) == 1:
        return list(labels)
    raise InputError(name, None, reason("dimension '%(dimension)s' has no category index", dimension=dim_id))


def _find(ids: list[str], dims: dict, role: dict, kind: str) -> str | None:
    listed = role.get(kind)
    for dim_id in listed if isinstance(listed, list) else []:
        if isinstance(dim_id, str) and dim_id in ids:
            return dim_id
    for dim_id in ids:
        dim = dims[dim_id]
        label = str(dim.get("label", "")) if isinstance(dim, dict) else ""
        if dim_id.lower() in NAMES[kind] or label.lower() in NAMES[kind]:
            return dim_id
    return None


def area_key(code: str) -> tuple[str, str] | None:
    code = code.strip().upper()
    if code in ("SSS", "KOKO MAA"):
        return COUNTRY
    if code.startswith("KU") and code[2:].isdigit():
        return ("municipality", code[2:].zfill(3))
    if code.startswith("HV") and code[2:].isdigit():
        return ("county", code[2:].zfill(2))
    if code.isdigit():
        return ("municipality", code.zfill(3)) if len(code) == 3 else ("county", code.zfill(2))
    return None


def parse_jsonstat(payload, *, name: str, max_year: int) -> list[ValueRow]:  # noqa: C901 - the format's checks in order
    if not is_jsonstat(payload):
        raise InputError(name, None, reason("not a JSON-stat 2.0 dataset (class 'dataset' with 'dimension' expected)"))
    ids, sizes, dims = payload.get("id"), payload.get("size"), payload["dimension"]
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes) or not isinstance(dims, dict):
        raise InputError(name, None, reason("JSON-stat 'id' and 'size' must be lists of the same length"))
    if not all(isinstance(d, str) for d in ids) or not all(
        isinstance(size, int) and not isinstance(size, bool) for size in sizes
    ):
        raise InputError(name, None, reason("JSON-stat 'id' must list names and 'size' whole numbers"))
    missing = [d for d in ids if d not in dims]
    if missing:
        raise InputError(name, None, reason("dimension(s) listed in 'id' but not described: %(dimensions)s",
                                            dimensions=", ".join(missing)))
    role = payload.get("role") if isinstance(payload.get("role"), dict) else {}
    found = {kind: _find(ids, dims, role, kind) for kind in NAMES}
    absent = [kind for kind in ("geo", "time", "metric") if found[kind] is None]
    if absent:
        raise InputError(name, None, reason("dimensions do not match: an area (Alue), a year (Vuosi) and a content "
                                            "(Tiedot) dimension are needed; found %(dimensions)s",
                                            dimensions=", ".join(ids)))
    known = {d for d in found.values() if d}
    cats = {d: _categories(dims[d], d, name) for d in ids}
    for dim_id, size in zip(ids, sizes):
        if len(cats[dim_id]) != size:
            raise InputError(name, None, reason("dimension '%(dimension)s' has %(count)s categories but size %(size)s",
                                                dimension=dim_id, count=len(cats[dim_id]), size=size))
        if dim_id not in known and size != 1:
            raise InputError(name, None, reason("dimensions do not match: unexpected dimension '%(dimension)s' with "
                                                "%(size)s categories (filter it to one category in PxWeb)",
                                                dimension=dim_id, size=size))
    values = payload.get("value")
    total = 1
    for size in sizes:
        total *= size
    if total > MAX_CELLS:  # a sparse 'value' object with many categories would allocate them all
        raise InputError(name, None, reason("the dimensions give %(total)s cells; at most %(limit)s are read per file "
                                            "(split the query in PxWeb)", total=total, limit=MAX_CELLS))
    if isinstance(values, dict):
        values = [values.get(str(i)) for i in range(total)]
    if not isinstance(values, list) or len(values) != total:
        if isinstance(values, list):
            problem = reason("'value' has %(count)s entries, the dimensions give %(total)s",
                             count=len(values), total=total)
        else:
            problem = reason("'value' has no entries, the dimensions give %(total)s", total=total)
        raise InputError(name, None, problem)
    rows = []
    for position, combo in enumerate(product(*(cats[d] for d in ids))):
        value = values[position]
        if value is None:
            continue
        cell = dict(zip(ids, combo))
        where = Position("value", position + 1)
        region = area_key(cell[found["geo"]])
        if region is None:
            raise InputError(name, None, at(where, reason("unknown area code '%(code)s'", code=cell[found["geo"]])))
        try:
            year = int(str(cell[found["time"]])[:4])
        except ValueError:
            raise InputError(name, None, at(where, reason("'%(value)s' is not a year", value=cell[found["time"]]))) from None
        check_year(year, name, where, max_year)
        sex = SEXES.get(str(cell[found["sex"]]).lower()) if found["sex"] else "total"
        if sex is None:
            raise InputError(name, None, at(where, reason("unknown sex code '%(code)s'", code=cell[found["sex"]])))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(name, None, at(where, reason("'%(value)s' is not a number", value=str(value))))
        try:
            number = float(value)  # OverflowError: an integer with hundreds of digits
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise InputError(name, None, at(where, reason("'%(value)s' is not a finite number", value=str(value))))
        rows.append(ValueRow("statfin", cell[found["metric"]], region, year, sex, number, None, where))
    return rows
