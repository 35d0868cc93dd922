"""Readers for answers (vastaukset) and the FIXED organiser table.

Every reader returns the same long form — one row per answer (respondent × party) with
columns respondent_id, group, party, frequency, mutuality, need (Float64, null =
missing / "don't know") plus respondent attribute columns as strings — so the index
code never cares where the data came from. Files are read by the one
reader, core.tabular (encoding, delimiter, header matching, ragged rows); these functions
check the answers. All problems raise IntegrationInputError(file, line, reason), core's
InputError with the CLI's "file:line: reason" (line 0 = the whole file).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from yhdyspinta.core import tabular
from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError

from .errors import IntegrationInputError
from .parties import COUNTY, DONT_KNOW, ITEMS, MUNICIPALITY, OTHER, SCALES, Scale

REQUIRED = ("respondent_id", "group", "party", *ITEMS)
_DONT_KNOW_TOKENS = {"eos", "dk", "-", "en osaa sanoa", "ei osaa sanoa", "vet inte", "don't know", "dont know",
                     "en tiedä", "-oth-"} | {v.lower() for v in DONT_KNOW.values()}
_YES = {"yes", "kyllä", "kylla", "ja", "true", "1", "y", "k"}
_NO = {"no", "ei", "nej", "false", "0", "n", "e", ""}
_ORGANISERS = {
    "municipality": MUNICIPALITY, "kunta": MUNICIPALITY, "kommun": MUNICIPALITY,
    "county": COUNTY, "hyvinvointialue": COUNTY, "maakunta": COUNTY, "välfärdsområde": COUNTY,
    "wellbeing services county": COUNTY,
    "other": OTHER, "muu": OTHER, "annan": OTHER, "neither": OTHER,  # on neither side
}


def _name(source) -> str:
    return os.path.basename(str(source)) if isinstance(source, str | os.PathLike) else "<input>"


@contextmanager
def as_integration_error(name: str | None = None):
    """core.tabular's refusals as IntegrationInputError (the CLI's "file:line: reason", line 0 = file)."""
    try:
        yield
    except IntegrationInputError as exc:
        if name is None or exc.file == name:
            raise
        raise IntegrationInputError.of(exc, name) from None
    except InputError as exc:
        raise IntegrationInputError.of(exc, name) from None


def read_text(source, name: str | None = None) -> tuple[str, str]:
    """(text, file name) of a path or bytes, decoded by core.tabular (UTF-8/BOM/Windows-1252)."""
    name = name or _name(source)
    with as_integration_error(name):
        if isinstance(source, str | os.PathLike):
            source = Path(source)
        text, _ = tabular.text_of(source, name)
    if not text.strip():
        raise IntegrationInputError(name, 0, reason("the file is empty"))
    return text, name


def read_utf8(source, name: str | None = None) -> tuple[bytes, str]:
    """(UTF-8 bytes, file name) for polars: core.tabular decides the encoding and refuses binary
    content; an ASCII file (the usual million-answer export) is passed on without a copy."""
    name = name or _name(source)
    with as_integration_error(name):
        content, _ = tabular.load(Path(source) if isinstance(source, str | os.PathLike) else source, name)
        if isinstance(content, str):
            content = content.encode("utf-8")
        if not (content.isascii() and b"\x00" not in content):
            text = tabular.decode(content, name)
            if "\x00" in text:
                next(tabular.csv_records(text, name))  # refuses it, naming the line
            content = text.encode("utf-8")
    if not content.strip():
        raise IntegrationInputError(name, 0, reason("the file is empty"))
    if b"\r" in content:  # a lone CR ends a line for core's reader (old Mac Excel); so for polars too
        content = re.sub(rb"\r(?!\n)", b"\n", content)
    return content, name


def read_header(text: str, name: str, required=()) -> tuple[list[str], str]:
    """The header (core.tabular.match_header: case and spaces do not matter) and the delimiter."""
    sep = tabular.sniff_delimiter(text)
    with as_integration_error(name):
        _line, cells = next(tabular.csv_records(text, name, sep), (1, []))
        return tabular.match_header(cells, name, required=required), sep


def _rows(text: str, name: str, required) -> tuple[list[str], object]:
    """core.tabular.read_records of CSV text: (header, (line, cells) of the data rows)."""
    with as_integration_error(name):
        return tabular.read_records(text, name=name, required=required, kind="csv")


def _records(rows, name: str):
    with as_integration_error(name):
        yield from rows


def _parse_number(text: str) -> float | None:
    t = text.strip()
    if t == "" or t.lower() in _DONT_KNOW_TOKENS:
        return None
    return float(t.replace(",", "."))


def _typed_read(data: bytes, cols: list[str], sep: str) -> pl.DataFrame | None:
    """Fast path: ratings parsed straight to Float64 by polars; None if anything is odd."""
    schema = {c: (pl.Float64 if c in ITEMS else pl.String) for c in cols}
    try:
        return pl.read_csv(data, separator=sep, schema=schema, has_header=True)
    except Exception:  # noqa: BLE001 — any parse problem: redo slowly to find the line
        return None


def _string_read(data: bytes, cols: list[str], sep: str, name: str) -> pl.DataFrame:
    """Slow path: everything as text, then decimal commas and "don't know" words."""
    try:
        df = pl.read_csv(data, separator=sep, infer_schema=False, new_columns=cols)
    except Exception as exc:  # noqa: BLE001 — polars raises several types for bad CSV
        raise IntegrationInputError(
            name, 0, reason("not a valid CSV file: %(detail)s", detail=str(exc)[:200])) from None
    casts = []
    for item in ITEMS:
        raw = df[item]
        num = raw.str.strip_chars().str.replace(",", ".", literal=True).cast(pl.Float64,
                                                                             strict=False)
        if (raw.is_not_null() & num.is_null()).any():
            out = []
            for i, v in enumerate(raw.to_list()):
                try:
                    out.append(None if v is None else _parse_number(v))
                except ValueError:
                    raise IntegrationInputError(
                        name, i + 2, reason("non-numeric rating in column %(column)s: %(value)s",
                                            column=item, value=repr(v))) from None
            num = pl.Series(item, out, dtype=pl.Float64)
        casts.append(num.alias(item))
    return df.with_columns(*casts)


def read_responses(source, scales: Mapping[str, tuple[int, int]] | None = None, *,
                   name: str | None = None) -> pl.DataFrame:
    """RESPONSES.csv (long form) → answers frame; validates columns, numbers and scales.

    `scales`: {item: (minimum, maximum)} of a study whose owner changed the default scales
    (0–4, 0–2, 0–4). Line numbers in errors assume one answer per physical line (header = line 1).
    core.tabular reads and matches the header; the body is parsed by polars (a million answers
    in well under a second), where a short row's missing cells are empty ("don't know") answers.
    """
    limits = {i: (SCALES[i].minimum, SCALES[i].maximum) for i in ITEMS}
    limits.update(scales or {})
    data, name = read_utf8(source, name)
    end = data.find(b"\n")
    cols, sep = read_header(data[: end if end >= 0 else len(data)].decode("utf-8"), name, REQUIRED)
    df = _typed_read(data, cols, sep)
    if df is None:
        df = _string_read(data, cols, sep, name)
    ids = ("respondent_id", "group", "party")
    checks = df.select(
        *[pl.col(c).is_null().any().alias(f"null:{c}") for c in ids],
        *[((pl.col(i) < limits[i][0]) | (pl.col(i) > limits[i][1])
           | (pl.col(i) != pl.col(i).floor())).any().alias(f"out:{i}") for i in ITEMS],
        *[(pl.col(c).str.starts_with(" ") | pl.col(c).str.ends_with(" ")).any()
          .alias(f"ws:{c}") for c in ids],  # 3× cheaper than comparing with strip_chars
    ).row(0, named=True)
    for c in ids:
        if checks[f"null:{c}"]:
            line = int(df[c].is_null().arg_max()) + 2
            raise IntegrationInputError(name, line, reason("empty %(column)s", column=c))
    for item in ITEMS:
        if checks[f"out:{item}"]:
            num = df[item]
            low, high = limits[item]
            i = int(((num < low) | (num > high) | (num != num.floor())).fill_null(False).arg_max())
            raise IntegrationInputError(name, i + 2, reason(
                "value %(value)s outside the %(item)s scale %(low)s–%(high)s (whole numbers)",
                value=f"{num[i]:g}", item=item, low=low, high=high))
    strip = [pl.col(c).str.strip_chars() for c in ids if checks[f"ws:{c}"]]
    return df.with_columns(*strip) if strip else df


def read_fixed(source) -> dict[str, tuple[str, bool]]:
    """FIXED.csv: node, organiser (municipality|county|other), fixed (yes|no|kyllä|ei); an `other`
    node (state, organisations) sits on neither side of the boundary."""
    text, name = read_text(source)
    cols, rows = _rows(text, name, ("node", "organiser", "fixed"))
    out: dict[str, tuple[str, bool]] = {}
    ix = {c: cols.index(c) for c in ("node", "organiser", "fixed")}
    for line, row in _records(rows, name):
        node = row[ix["node"]].strip()
        org = _ORGANISERS.get(row[ix["organiser"]].strip().lower())
        fixed = row[ix["fixed"]].strip().lower()
        if not node:
            raise IntegrationInputError(name, line, reason("empty node"))
        if org is None:
            raise IntegrationInputError(name, line, reason(
                "organiser must be municipality, county or other, got %(value)s",
                value=repr(row[ix["organiser"]])))
        if fixed not in _YES | _NO:
            raise IntegrationInputError(name, line, reason(
                "fixed must be yes/no (kyllä/ei), got %(value)s", value=repr(row[ix["fixed"]])))
        if node in out:
            raise IntegrationInputError(name, line, reason("node %(node)s listed twice", node=repr(node)))
        out[node] = (org, fixed in _YES)
    if not out:
        raise IntegrationInputError(name, 0, reason("no nodes in file"))
    return out


def _scale_lookup(item: str, extra: Mapping[str, float] | None, sc: Scale | None = None) -> dict[str, float | None]:
    """Answer text → value: numbers, LimeSurvey codes A0..An, fi/sv/en labels, don't know."""
    sc = sc or SCALES[item]
    table: dict[str, float | None] = {}
    for v in range(sc.minimum, sc.maximum + 1):
        table[str(v)] = float(v)
        table[f"a{v}"] = float(v)
        for labels in sc.labels.values():
            if v - sc.minimum < len(labels):
                table[str(labels[v - sc.minimum]).lower()] = float(v)
    for tok in _DONT_KNOW_TOKENS:
        table[tok] = None
    table[""] = None
    for k, v in (extra or {}).items():
        table[str(k).strip().lower()] = None if v is None else float(v)
    return table


def _answer_value(text: str, table, item: str, name: str, line: int, col: str,
                  sc: Scale | None = None) -> float | None:
    key = text.strip().lower()
    if key in table:
        return table[key]
    try:
        v = float(key.replace(",", "."))
    except ValueError:
        raise IntegrationInputError(name, line, reason(
            "unknown answer %(answer)s in column %(column)s", answer=repr(text), column=col)) from None
    sc = sc or SCALES[item]
    if not (sc.minimum <= v <= sc.maximum) or v != int(v):
        raise IntegrationInputError(name, line, reason(
            "value %(value)s outside the %(item)s scale %(low)s–%(high)s in column %(column)s",
            value=f"{v:g}", item=item, low=sc.minimum, high=sc.maximum, column=col))
    return v


def _long_frame(rows: list[tuple], attr_cols: Iterable[str]) -> pl.DataFrame:
    attr_cols = list(attr_cols)
    schema = {"respondent_id": pl.String, "group": pl.String, "party": pl.String,
              **{i: pl.Float64 for i in ITEMS}, **{c: pl.String for c in attr_cols}}
    return pl.DataFrame(rows, schema=schema, orient="row")


def read_wide(source, mapping: Mapping[str, tuple[str, str]], *,
              respondent_column: str = "id", group_column: str = "group",
              attribute_columns: Iterable[str] = (),
              answer_codes: Mapping[str, Mapping[str, float | None]] | None = None,
              skip_row=None, name: str | None = None,
              scales: Mapping[str, Scale] | None = None) -> pl.DataFrame:
    """Generic wide form → long form; mapping = {column: (party, item)}.

    `scales`: a study's own scales (values and labels) in place of the default ones.

    A respondent×party answer is emitted when at least one of its items is present,
    so "all don't know" rows do not count as dropped answers later.
    """
    text, name = read_text(source, name)
    attribute_columns = list(attribute_columns)
    required = dict.fromkeys([respondent_column, group_column, *mapping, *attribute_columns])
    cols, records = _rows(text, name, tuple(required))
    for col, (_party, item) in mapping.items():
        if item not in ITEMS:
            raise IntegrationInputError(name, 1, reason("mapping for %(column)s: unknown item %(item)s",
                                                        column=col, item=repr(item)))
    scales = scales or {}
    tables = {i: _scale_lookup(i, (answer_codes or {}).get(i), scales.get(i)) for i in ITEMS}
    ix = {c: k for k, c in enumerate(cols)}
    parties = sorted({p for p, _ in mapping.values()})
    rows = []
    for line, row in _records(records, name):
        if skip_row is not None and skip_row(row, ix):
            continue
        rid = row[ix[respondent_column]].strip()
        grp = row[ix[group_column]].strip()
        if not rid or not grp:
            raise IntegrationInputError(name, line, reason("empty respondent id or group"))
        vals: dict[str, dict[str, float | None]] = {p: {} for p in parties}
        for col, (party, item) in mapping.items():
            vals[party][item] = _answer_value(row[ix[col]], tables[item], item, name, line, col,
                                              scales.get(item))
        attrs = tuple(row[ix[c]].strip() or None for c in attribute_columns)
        for p in parties:
            v = vals[p]
            if any(v.get(i) is not None for i in ITEMS):
                rows.append((rid, grp, p, *(v.get(i) for i in ITEMS), *attrs))
    return _long_frame(rows, attribute_columns)


LIMESURVEY_SYSTEM = ("id", "submitdate", "lastpage", "startlanguage", "seed")
_ARRAY = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)\[([A-Za-z0-9_]+)\]$")


def read_limesurvey(source, *, items: Mapping[str, str] | None = None,
                    party_codes: Mapping[str, str] | None = None, group_question: str = "GROUP",
                    group_codes: Mapping[str, str] | None = None,
                    attribute_columns: Iterable[str] = (),
                    answer_codes: Mapping[str, Mapping[str, float | None]] | None = None,
                    scales: Mapping[str, Scale] | None = None, name: str | None = None,
                    ) -> tuple[pl.DataFrame, int]:
    """LimeSurvey CSV export → (long-form answers, number of incomplete responses skipped).

    Array questions are headed QUESTION[SUBQUESTION], e.g. FREQ[P03]; `items` maps the
    question code to the item (default FREQ/MUT/NEED) and `party_codes` the subquestion
    code to the party (default P03 → 2.3). An empty submitdate means the respondent
    never submitted (keskeytynyt vastaus): skipped and counted.
    """
    items = dict(items or {"FREQ": "frequency", "MUT": "mutuality", "NEED": "need"})
    text, name = read_text(source, name)
    cols, _sep = read_header(text, name, tuple(dict.fromkeys(("id", "submitdate", group_question))))
    mapping: dict[str, tuple[str, str]] = {}
    for c in cols:
        m = _ARRAY.match(c)
        if m and m.group(1) in items:
            sub = m.group(2)
            if party_codes is not None:
                if sub not in party_codes:
                    raise IntegrationInputError(name, 1, reason("no party for subquestion %(code)s",
                                                                code=repr(sub)))
                party = party_codes[sub]
            else:
                num = re.sub(r"^\D+", "", sub)
                party = f"2.{int(num)}" if num.isdigit() else sub
            mapping[c] = (party, items[m.group(1)])
    if not mapping:
        raise IntegrationInputError(name, 1, reason("no array answer columns like FREQ[P01] found"))
    skipped = 0

    def incomplete(row, ix):
        nonlocal skipped
        if not row[ix["submitdate"]].strip():
            skipped += 1
            return True
        return False

    df = read_wide(text.encode("utf-8"), mapping, respondent_column="id", group_column=group_question,
                   attribute_columns=attribute_columns, answer_codes=answer_codes,
                   skip_row=incomplete, name=name, scales=scales)
    if group_codes:
        df = df.with_columns(pl.col("group").replace(dict(group_codes)))
    return df, skipped
