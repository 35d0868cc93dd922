"""Survey tools' exports as they come: LimeSurvey (answer codes or full answers) and Webropol.

A survey export has one row per respondent. Its rating questions are *array questions*: one
column per sub-question, headed `G2Q00004[SQ001]` by LimeSurvey and `Question - 2.1 Label` (or
`Question: 2.1 Label`) by Webropol, or by Webropol's two-row header: the question text over its
first column in row 1 (merged cells, or repeated), the option of each column in row 2
(`flatten_two_row_header` makes that one row, `Question » Option`). The owner maps each question once to its meaning (an item,
the own task group, the size group, the municipality) and each sub-question once to a party
(`SurveyMapping`); answer codes go through an editable table (LimeSurvey's A1..A5 → the scale's
values in order, A6 → don't know). LimeSurvey's unfinished responses (empty submitdate) are left
out unless asked for, and counted. Everything the mapping cannot place is refused with the file,
line and column: nothing is silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import polars as pl

from yhdyspinta.core.reasons import reason

from .errors import IntegrationInputError
from .io import _DONT_KNOW_TOKENS, _long_frame, _records, _rows, _scale_lookup, read_text
from .parties import ITEMS, SCALES, Scale

GROUP, SIZE_GROUP, MUNICIPALITY = "group", "size_group", "municipality"
MEANINGS = (*ITEMS, GROUP, SIZE_GROUP, MUNICIPALITY)
DK = "dk"
LIMESURVEY_SYSTEM = ("id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
                     "ipaddr", "refurl", "token", "interviewtime")
#: LimeSurvey's usual codes: A1..A5 the scale's values in order, A6 "don't know".
DEFAULT_CODES = {"A1": "1", "A2": "2", "A3": "3", "A4": "4", "A5": "5", "A6": DK}
#: the product's own questionnaire exported by LimeSurvey (FREQ[P01] …): A0..A4 the scale in order.
PRODUCT_CODES = {"A0": "1", "A1": "2", "A2": "3", "A3": "4", "A4": "5"}
DONT_KNOW_WORDS = ("en osaa sanoa", "ei osaa sanoa", "eos", "en tiedä", "ei tiedä", "vet inte", "vet ej",
                   "kan inte säga", "don't know", "dont know", "do not know", "dk", "n/a", "-")
_LIME = re.compile(r"^(.+?)\[([^\]]+)\]$")
_WEBROPOL = re.compile(r"^(.+?)\s*(?:\s-\s|:\s|\s–\s)\s*(.+)$")
TWO_ROW = " » "  # question » option: a two-row header's column made one
_NUMBER = re.compile(r"^(\d+(?:\.\d+)+)[.)]?(?:\s+|$)")


def fold(text: str) -> str:
    """Case, spaces, curly quotes and accents on non-Finnish letters do not matter."""
    t = unicodedata.normalize("NFC", str(text)).replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(t.split()).casefold().strip(" .:;")


_DK = {fold(w) for w in (*DONT_KNOW_WORDS, *_DONT_KNOW_TOKENS)}


def split_column(column: str) -> tuple[str, str] | None:
    """(question, sub-question) of an array question's column, or None."""
    if TWO_ROW in column:
        question, _sep, option = column.partition(TWO_ROW)
        return question.strip(), option.strip()
    m = _LIME.match(column.strip())
    if m:
        return m.group(1).strip(), m.group(2).strip()
    m = _WEBROPOL.match(column.strip())
    return (m.group(1).strip(), m.group(2).strip()) if m else None


def _groups(top: list[str]) -> list[tuple[int, int]]:
    """(start, end) of the column runs one question heads: its text, then blank or repeated cells."""
    out: list[tuple[int, int]] = []
    for i, cell in enumerate(top):
        text = cell.strip()
        if out and (not text or text == top[out[-1][0]].strip()) and top[out[-1][0]].strip():
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def two_row_header(top: list[str], second: list[str]) -> list[str] | None:
    """One header of Webropol's two rows, or None when the first two rows are not such a header.

    Row 1 holds each question's text over its first column (merged cells leave the rest blank;
    some exports repeat it), row 2 the option of every column of a multi-column question and
    nothing (or the question again) under a one-column question. A data row never looks like
    that: a respondent id or an answer stands under a one-column question."""
    width = max(len(top), len(second))
    top = [*top, *[""] * (width - len(top))]
    second = [*second, *[""] * (width - len(second))]
    used = max((i + 1 for i in range(width) if top[i].strip() or second[i].strip()), default=0)
    groups = _groups(top[:used])  # trailing empty columns (Excel's trailing ';') stay empty
    if not any(end - start > 1 for start, end in groups):
        return None
    out = []
    for start, end in groups:
        question = " ".join(top[start].split())
        if end - start == 1:
            if second[start].strip() and " ".join(second[start].split()) != question:
                return None
            out.append(question)
            continue
        options = [" ".join(second[i].split()) for i in range(start, end)]
        if not question or not all(options):
            return None
        out.extend(f"{question}{TWO_ROW}{option}" for option in options)
    return out + [""] * (width - used)


def flatten_two_row_header(text: str) -> str:
    """CSV text whose first two records are a two-row header → the same text with one header row
    and the second row left blank, so every data row keeps its line number; other text unchanged."""
    import csv
    import io

    from yhdyspinta.core.tabular import sniff_delimiter

    text = text.lstrip("\ufeff")
    sep = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        top, second = next(reader), next(reader)
    except (StopIteration, csv.Error):
        return text
    header = two_row_header(top, second)
    if header is None:
        return text
    used = reader.line_num
    ends = [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    rest = text[ends[used - 1]:] if len(ends) >= used else ""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\n").writerow(header)
    return buffer.getvalue() + "\n" * (used - 1) + rest


@dataclass
class Layout:
    """What a header holds: array questions with their sub-questions, and the plain columns."""

    arrays: dict[str, list[str]] = field(default_factory=dict)
    plain: list[str] = field(default_factory=list)
    limesurvey: bool = False

    @classmethod
    def of(cls, columns: Iterable[str]) -> Layout:
        out = cls()
        columns = list(columns)
        out.limesurvey = "submitdate" in columns
        for c in columns:
            parts = split_column(c)
            if parts:
                out.arrays.setdefault(parts[0], []).append(parts[1])
            elif c and c not in LIMESURVEY_SYSTEM:
                out.plain.append(c)
        for q in [q for q, subs in out.arrays.items() if len(subs) < 2]:  # a lone "Q: x" is a plain column
            column = next(c for c in columns if split_column(c) == (q, out.arrays[q][0]))
            if not _LIME.match(column.strip()):  # LimeSurvey's Q[SQ] is an array even with one row
                out.plain.append(column)
                del out.arrays[q]
        return out

    def subquestions(self) -> list[str]:
        return list(dict.fromkeys(s for subs in self.arrays.values() for s in subs))


def resolve_party(text: str, parties: Mapping[str, Iterable[str]]) -> str | None:
    """The party code of a label: the code itself, a numbering prefix ("2.1 Ikääntyneiden
    palvelut"), a folded name in any language, or a code with letters (A3, P03, SQ003 → 2.3)."""
    key = fold(text)
    if not key:
        return None
    by_code = {fold(c): c for c in parties}
    if key in by_code:
        return by_code[key]
    m = _NUMBER.match(key)
    if m and m.group(1) in by_code:
        return by_code[m.group(1)]
    for code, names in parties.items():
        if any(fold(n) == key or (m and fold(n) == key[m.end():].strip()) for n in names if n):
            return code
    m = re.fullmatch(r"[a-z]+0*(\d+)", key)
    if m:
        prefixes = {c.rsplit(".", 1)[0] for c in parties if "." in c}
        for p in sorted(prefixes):
            if f"{p}.{m.group(1)}" in parties:
                return f"{p}.{m.group(1)}"
    return None


def parse_codes(text: str) -> dict[str, str]:
    """Lines "A1 = 1", "A6 = eos" → {code: position or "dk"}; raises ValueError naming the line."""
    out = {}
    for n, line in enumerate(str(text).splitlines(), 1):
        if not line.strip():
            continue
        code, sep, value = line.partition("=")
        value = fold(value)
        if not sep or not code.strip():
            raise ValueError(n, line)
        if value in _DK or value == DK:
            out[code.strip()] = DK
        elif value.isdigit() and int(value) >= 1:
            out[code.strip()] = value
        else:
            raise ValueError(n, line)
    return out


def format_codes(codes: Mapping[str, str]) -> str:
    return "\n".join(f"{k} = {v}" for k, v in codes.items())


@dataclass
class SurveyMapping:
    """questions {question or column: meaning}; subquestions {sub-question: party};
    codes {answer code: position 1.. or "dk"}; size_groups {label: value}."""

    questions: dict[str, str]
    subquestions: dict[str, str]
    codes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CODES))
    respondent: str = "id"
    include_incomplete: bool = False
    size_groups: dict[str, str] = field(default_factory=dict)


def _value_table(item: str, codes: Mapping[str, str], sc: Scale) -> dict[str, float | None]:
    table = _scale_lookup(item, None, sc)
    for word in _DK:
        table[word] = None
    for code, pos in codes.items():
        if pos == DK:
            table[fold(code)] = None
        elif sc.minimum + int(pos) - 1 <= sc.maximum:
            table[fold(code)] = float(sc.minimum + int(pos) - 1)
        else:
            table[fold(code)] = "outside"  # type: ignore[assignment]
    return {fold(k): v for k, v in table.items()}


def _columns(cols, layout: Layout, mapping: SurveyMapping, parties, name: str):
    """({column: (party, item)}, {meaning: column}) of the header under the mapping."""
    meaning = {q: m for q, m in mapping.questions.items() if m}
    for q, m in meaning.items():
        if m not in MEANINGS:
            raise IntegrationInputError(name, 1, reason("question %(question)s: unknown meaning %(meaning)s",
                                                        question=q, meaning=repr(m)))
    items: dict[str, tuple[str, str]] = {}
    single: dict[str, str] = {}
    for c in cols:
        parts = split_column(c)
        if parts and parts[0] in layout.arrays and meaning.get(parts[0]) in ITEMS:
            if mapping.subquestions.get(parts[1], None) == "":
                continue  # the owner chose "not used" for this sub-question
            party = mapping.subquestions.get(parts[1]) or resolve_party(parts[1], parties)
            if not party:
                raise IntegrationInputError(name, 1, reason(
                    "column %(column)s: sub-question %(code)s is not mapped to a party", column=c, code=parts[1]))
            items[c] = (party, meaning[parts[0]])
        elif meaning.get(c) in (GROUP, SIZE_GROUP, MUNICIPALITY):
            single[meaning[c]] = c
    if not items:
        raise IntegrationInputError(name, 1, reason("no array question is mapped to frequency, mutuality or need"))
    if GROUP not in single:
        raise IntegrationInputError(name, 1, reason("no question is mapped to the own task group"))
    return items, single


def _rating(raw: str, table, sc: Scale, where: tuple[str, int, str]) -> float | None:
    name, line, col = where
    key = fold(raw)
    v = table.get(key, "unknown")
    if v == "unknown":
        try:
            v = float(key.replace(",", "."))
        except ValueError:
            raise IntegrationInputError(name, line, reason(
                "unknown answer %(answer)s in column %(column)s", answer=repr(raw), column=col)) from None
    if v == "outside" or (v is not None and not (sc.minimum <= v <= sc.maximum and v == int(v))):
        raise IntegrationInputError(name, line, reason(
            "answer %(answer)s in column %(column)s is outside the %(item)s scale %(low)s–%(high)s",
            answer=repr(raw), column=col, item=sc.item, low=sc.minimum, high=sc.maximum))
    return v


def _size(raw: str, known: Mapping[str, str], listed: Iterable[str], where: tuple[str, int, str]) -> str | None:
    key = fold(raw)
    if not key or key in _DK:
        return None
    if key not in known:
        name, line, col = where
        raise IntegrationInputError(name, line, reason(
            "column %(column)s: unknown size group %(value)s (known: %(known)s)",
            column=col, value=repr(raw), known=", ".join(sorted(set(listed)))))
    return known[key]


def read_survey(source, mapping: SurveyMapping, *, parties: Mapping[str, Iterable[str]],
                size_groups: Mapping[str, str], scales: Mapping[str, Scale] | None = None,
                name: str | None = None) -> tuple[pl.DataFrame, list[int], int]:
    """A survey export → (long-form answers, file line of each row, unfinished responses left out).

    `parties`: {code: names in any language}; `size_groups`: {label or value: value}, the
    study's known size-group values (the mapping's own size_groups are added)."""
    text, name = read_text(source, name)
    cols, records = _rows(flatten_two_row_header(text), name, ())
    layout = Layout.of(cols)
    ix = {c: k for k, c in enumerate(cols)}
    items, single = _columns(cols, layout, mapping, parties, name)
    rid_col = mapping.respondent if mapping.respondent in ix else None
    scales = {i: (scales or {}).get(i) or SCALES[i] for i in ITEMS}
    tables = {i: _value_table(i, mapping.codes, scales[i]) for i in ITEMS}
    known_sizes = {fold(k): v for k, v in size_groups.items()}
    known_sizes.update({fold(k): v for k, v in mapping.size_groups.items() if v})
    rows, lines, skipped = [], [], 0
    parties_in = sorted({p for p, _ in items.values()})
    gcol = single[GROUP]
    for line, row in _records(records, name):
        if layout.limesurvey and not mapping.include_incomplete and not row[ix["submitdate"]].strip():
            skipped += 1
            continue
        rid = row[ix[rid_col]].strip() if rid_col else str(line)
        group = resolve_party(row[ix[gcol]], parties)
        if not rid:
            raise IntegrationInputError(name, line, reason("empty respondent id"))
        if group is None:
            raise IntegrationInputError(name, line, reason(
                "column %(column)s: %(value)s is not a party of this study", column=gcol, value=repr(row[ix[gcol]])))
        size = (_size(row[ix[single[SIZE_GROUP]]], known_sizes, size_groups, (name, line, single[SIZE_GROUP]))
                if SIZE_GROUP in single else None)
        muni = (row[ix[single[MUNICIPALITY]]].strip() or None) if MUNICIPALITY in single else None
        vals: dict[str, dict[str, float | None]] = {p: {} for p in parties_in}
        for col, (party, item) in items.items():
            vals[party][item] = _rating(row[ix[col]], tables[item], scales[item], (name, line, col))
        for p in parties_in:
            v = vals[p]
            if any(v.get(i) is not None for i in ITEMS):
                rows.append((rid, group, p, *(v.get(i) for i in ITEMS), muni, size))
                lines.append(line)
    return _long_frame(rows, (MUNICIPALITY, SIZE_GROUP)), lines, skipped


def guess(columns: list[str], parties: Mapping[str, Iterable[str]], saved: Mapping | None = None) -> dict:
    """Pre-filled mapping for a header: the saved one where it fits, else guesses by name."""
    layout = Layout.of(columns)
    saved = saved or {}
    questions, subs = {}, {}
    old_q, old_s = saved.get("questions", {}), saved.get("subquestions", {})
    words = {"frequency": ("freq", "usein", "ofta", "how often", "kuinka usein"),
             "mutuality": ("mut", "molemm", "ömsesid", "mutual"),
             "need": ("need", "tarve", "tarvi", "behov")}
    for q in layout.arrays:
        if q in old_q:
            questions[q] = old_q[q]
            continue
        f = fold(q)
        questions[q] = next((i for i, ws in words.items() if any(f.startswith(w) or w in f for w in ws)), "")
    plain_words = {SIZE_GROUP: ("size", "koko", "storlek"), GROUP: ("group", "ryhmä", "grupp", "tehtävä", "taho"),
                   MUNICIPALITY: ("kunta", "kommun", "municipality", "alue")}
    for c in layout.plain:
        if c in old_q:
            questions[c] = old_q[c]
            continue
        f = fold(c)
        questions[c] = next((m for m, ws in plain_words.items() if any(w in f for w in ws)), "")
    ordered = list(parties)
    for k, s in enumerate(layout.subquestions()):
        subs[s] = old_s.get(s) or resolve_party(s, parties) or (ordered[k] if k < len(ordered) else "")
    own = {q.upper() for q in layout.arrays} & {"FREQ", "MUT", "NEED"}
    codes = saved.get("codes") or dict(PRODUCT_CODES if own else DEFAULT_CODES)
    return {"questions": questions, "subquestions": subs, "codes": codes,
            "respondent": saved.get("respondent") or next(
                (c for c in columns if fold(c) in ("id", "vastaaja", "respondent", "respondentti", "svarande")), ""),
            "size_groups": saved.get("size_groups") or {}}
