"""JSON-stat 2.0 datasets from Statistics Finland's PxWeb API → plain value rows (no Django).

Expected dimensions: an area (role "geo", or named Alue/Kunta/Hyvinvointialue/Area/Region), a year
(role "time", or Vuosi/Year), the content (role "metric", or Tiedot/Information) whose category
codes are the StatFin indicator ids, and optionally sex (Sukupuoli/Sex: SSS/1/2). Area codes:
SSS = whole country, KU091 or 091 = municipality, HV08 or 08 = county.
"""

import math
from itertools import product

from yhdyspinta.core.csvfiles import InputError

from .parsing import COUNTRY, SEXES, ValueRow, check_year

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
            raise InputError(name, None, f"dimension '{dim_id}': category index positions must be whole numbers")
        return [str(c) for c, _pos in sorted(index.items(), key=lambda kv: kv[1])]
    labels = cat.get("label")
    if isinstance(labels, dict) and len(labels) == 1:
        return list(labels)
    raise InputError(name, None, f"dimension '{dim_id}' has no category index")


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


def parse_jsonstat(payload, *, name: str, max_year: int) -> list[ValueRow]:
    if not is_jsonstat(payload):
        raise InputError(name, None, "not a JSON-stat 2.0 dataset (class 'dataset' with 'dimension' expected)")
    ids, sizes, dims = payload.get("id"), payload.get("size"), payload["dimension"]
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes) or not isinstance(dims, dict):
        raise InputError(name, None, "JSON-stat 'id' and 'size' must be lists of the same length")
    if not all(isinstance(d, str) for d in ids) or not all(
        isinstance(size, int) and not isinstance(size, bool) for size in sizes
    ):
        raise InputError(name, None, "JSON-stat 'id' must list names and 'size' whole numbers")
    missing = [d for d in ids if d not in dims]
    if missing:
        raise InputError(name, None, f"dimension(s) listed in 'id' but not described: {', '.join(missing)}")
    role = payload.get("role") if isinstance(payload.get("role"), dict) else {}
    found = {kind: _find(ids, dims, role, kind) for kind in NAMES}
    absent = [kind for kind in ("geo", "time", "metric") if found[kind] is None]
    if absent:
        raise InputError(name, None, "dimensions do not match: an area (Alue), a year (Vuosi) and a content "
                                     f"(Tiedot) dimension are needed; found {', '.join(ids)}")
    known = {d for d in found.values() if d}
    cats = {d: _categories(dims[d], d, name) for d in ids}
    for dim_id, size in zip(ids, sizes):
        if len(cats[dim_id]) != size:
            raise InputError(name, None, f"dimension '{dim_id}' has {len(cats[dim_id])} categories but size {size}")
        if dim_id not in known and size != 1:
            raise InputError(name, None, f"dimensions do not match: unexpected dimension '{dim_id}' with {size} "
                                         "categories (filter it to one category in PxWeb)")
    values = payload.get("value")
    total = 1
    for size in sizes:
        total *= size
    if total > MAX_CELLS:  # a sparse 'value' object with many categories would allocate them all
        raise InputError(name, None, f"the dimensions give {total} cells; at most {MAX_CELLS} are read per file "
                                     "(split the query in PxWeb)")
    if isinstance(values, dict):
        values = [values.get(str(i)) for i in range(total)]
    if not isinstance(values, list) or len(values) != total:
        raise InputError(name, None, f"'value' has {len(values) if isinstance(values, list) else 'no'} entries, "
                                     f"the dimensions give {total}")
    rows = []
    for position, combo in enumerate(product(*(cats[d] for d in ids))):
        value = values[position]
        if value is None:
            continue
        at = dict(zip(ids, combo))
        where = f"value {position + 1}"
        region = area_key(at[found["geo"]])
        if region is None:
            raise InputError(name, None, f"{where}: unknown area code '{at[found['geo']]}'")
        try:
            year = int(str(at[found["time"]])[:4])
        except ValueError:
            raise InputError(name, None, f"{where}: '{at[found['time']]}' is not a year") from None
        check_year(year, name, where, max_year)
        sex = SEXES.get(str(at[found["sex"]]).lower()) if found["sex"] else "total"
        if sex is None:
            raise InputError(name, None, f"{where}: unknown sex code '{at[found['sex']]}'")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(name, None, f"{where}: '{value}' is not a number")
        try:
            number = float(value)  # OverflowError: an integer with hundreds of digits
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise InputError(name, None, f"{where}: '{value}' is not a finite number")
        rows.append(ValueRow("statfin", at[found["metric"]], region, year, sex, number, None, where))
    return rows
