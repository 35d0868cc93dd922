"""JSON-stat 2.0 datasets from Statistics Finland's PxWeb API → plain value rows (no Django).

Expected dimensions: an area (role "geo", or named Alue/Kunta/Hyvinvointialue/Area/Region), a year
(role "time", or Vuosi/Year), the content (role "metric", or Tiedot/Information) whose category
codes are the StatFin indicator ids, and optionally sex (Sukupuoli/Sex: SSS/1/2). Area codes:
SSS = whole country, KU091 or 091 = municipality, HV08 or 08 = county.
"""

from itertools import product

from yhdyspinta.core.csvfiles import InputError

from .parsing import COUNTRY, SEXES, ValueRow, check_year

NAMES = {
    "geo": ("alue", "kunta", "hyvinvointialue", "area", "region", "område"),
    "time": ("vuosi", "year", "år"),
    "metric": ("tiedot", "information", "uppgifter"),
    "sex": ("sukupuoli", "sex", "kön"),
}


def is_jsonstat(payload) -> bool:
    return isinstance(payload, dict) and payload.get("class") == "dataset" and "dimension" in payload


def _categories(dim: dict, dim_id: str, name: str) -> list[str]:
    cat = dim.get("category") or {}
    index = cat.get("index")
    if isinstance(index, list):
        return [str(c) for c in index]
    if isinstance(index, dict):
        return [str(c) for c, _pos in sorted(index.items(), key=lambda kv: kv[1])]
    labels = cat.get("label")
    if isinstance(labels, dict) and len(labels) == 1:
        return list(labels)
    raise InputError(name, None, f"dimension '{dim_id}' has no category index")


def _find(ids: list[str], dims: dict, role: dict, kind: str) -> str | None:
    for dim_id in role.get(kind, []) or []:
        if dim_id in dims:
            return dim_id
    for dim_id in ids:
        label = str((dims[dim_id] or {}).get("label", ""))
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
    missing = [d for d in ids if d not in dims]
    if missing:
        raise InputError(name, None, f"dimension(s) listed in 'id' but not described: {', '.join(missing)}")
    role = (payload.get("role") or {})
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
        rows.append(ValueRow("statfin", at[found["metric"]], region, year, sex, float(value), None, where))
    return rows
