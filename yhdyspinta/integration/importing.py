"""Reading uploaded answer files: CSV or XLSX, long form, wide form or LimeSurvey export.

An XLSX (Webropol) is read by core.tabular (through core.xlsxsafe) and turned into CSV text first,
so one set of readers (compute.io, on core.tabular) checks every format the same way. Errors are
IntegrationInputError (core's InputError: file, line, reason); the caller stores nothing unless
the whole file reads.
"""

from __future__ import annotations

import csv
import io
import itertools
import re

import polars as pl

from yhdyspinta.core import tabular
from yhdyspinta.core.reasons import reason

from .compute.errors import IntegrationInputError
from .compute.io import (
    as_integration_error,
    read_header,
    read_limesurvey,
    read_responses,
    read_text,
    read_wide,
)
from .compute.parties import DONT_KNOW, ITEMS, Scale
from .compute.survey import (
    DEFAULT_CODES,
    SurveyMapping,
    flatten_two_row_header,
    format_codes,
    parse_codes,
    read_survey,
)

MAX_BYTES = 20 * 1024 * 1024
LONG, WIDE, LIMESURVEY = "long", "wide", "limesurvey"
ATTRIBUTES = ("municipality", "size_group")
ITEM_BY_SUFFIX = {"1": "frequency", "2": "mutuality", "3": "need"}
ITEM_BY_QUESTION = {"FREQ": "frequency", "MUT": "mutuality", "NEED": "need"}


def to_csv_bytes(data: bytes, name: str) -> bytes:
    """The upload as CSV bytes: an XLSX sheet (core.tabular.xlsx_records, the one XLSX reader)
    written out as UTF-8 CSV; a CSV passed through unchanged."""
    if len(data) > MAX_BYTES:
        raise IntegrationInputError(name, 0, reason("file larger than %(megabytes)s MB",
                                                    megabytes=MAX_BYTES // (1024 * 1024)))
    if not data.startswith(b"PK"):
        return data
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    with as_integration_error(name):
        rows = tabular.xlsx_records(data, name)
        # the header's width; a sheet's row has no cells after its last value, and a two-row header's
        # first row ends at its last question's first column (merged cells): its second row counts too
        head = [cells for _n, cells in itertools.islice(rows, 2)]
        width = max((len(cells) for cells in head), default=0)
        for cells in itertools.chain(head, (cells for _n, cells in rows)):
            writer.writerow(cells + [""] * (width - len(cells)) if any(cells) else cells)
    return buffer.getvalue().encode("utf-8")


def header(data: bytes, name: str, kind: str = WIDE) -> list[str]:
    """The column names of a CSV upload (for the mapping step); of a survey export, a two-row
    header (Webropol) made one (`compute.survey.flatten_two_row_header`)."""
    text, name = read_text(data, name)
    if kind == LIMESURVEY:
        text = flatten_two_row_header(text)
    return read_header(text, name)[0]


def guess_mapping(columns: list[str], codes: list[str]) -> dict[str, str]:
    """Pre-filled mapping: "2.3.1" → 2.3 × frequency, "NEED[P03]" / "NEED[G03]" → 2.3 × need."""
    out = {}
    for col in columns:
        m = re.fullmatch(r"(\d+\.\d+)\.([123])", col.strip())
        if m and m.group(1) in codes:
            out[col] = f"{m.group(1)}|{ITEM_BY_SUFFIX[m.group(2)]}"
            continue
        m = re.fullmatch(r"([A-Za-z]+)\[[A-Za-z]*0*(\d+)\]", col.strip())
        if m and m.group(1).upper() in ITEM_BY_QUESTION and f"2.{m.group(2)}" in codes:
            out[col] = f"2.{m.group(2)}|{ITEM_BY_QUESTION[m.group(1).upper()]}"
    return out


def _attributes(frame: pl.DataFrame, renames: dict[str, str]) -> pl.DataFrame:
    frame = frame.rename({k: v for k, v in renames.items() if k in frame.columns and k != v})
    for col in ATTRIBUTES:
        if col not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(col))
    return frame.with_columns(pl.col(*ATTRIBUTES).cast(pl.String))


def read_long(data: bytes, name: str, study=None) -> tuple[pl.DataFrame, list[int]]:
    """Long form (respondent_id, group, party, frequency, mutuality, need [, municipality, size_group]).

    With `study`, values are checked against the study's own scales (the owner may change them)."""
    scales = {s.item: (s.minimum, s.maximum) for s in study.scales.all()} if study is not None else None
    frame = read_responses(data, scales, name=name)
    frame = frame.with_columns(pl.col("respondent_id", "group", "party").cast(pl.String))
    lines = list(range(2, frame.height + 2))
    return _attributes(frame, {}), lines


def study_scales(study) -> dict[str, Scale] | None:
    """The study's own scales (values and fi/sv/en labels) for the readers; None: the defaults."""
    if study is None:
        return None
    return {s.item: Scale(s.item, s.minimum, s.maximum,
                          {"fi": tuple(s.labels_fi), "sv": tuple(s.labels_sv), "en": tuple(s.labels_en)}, DONT_KNOW)
            for s in study.scales.all()}


def read_wide_form(data: bytes, name: str, *, respondent: str, group: str, mapping: dict[str, str],
                   municipality: str = "", size_group: str = "", study=None) -> pl.DataFrame:
    """Wide form with the owner's mapping {column: "party|item"}."""
    pairs = {}
    for col, target in mapping.items():
        party, _sep, item = target.partition("|")
        if item not in ITEMS:
            raise IntegrationInputError(name, 1, reason("column %(column)s: unknown item %(item)s",
                                                        column=col, item=repr(item)))
        pairs[col] = (party, item)
    if not pairs:
        raise IntegrationInputError(name, 1, reason("no column is mapped to a party and item"))
    attrs = [c for c in (municipality, size_group) if c]
    frame = read_wide(data, pairs, respondent_column=respondent, group_column=group,
                      attribute_columns=attrs, name=name, scales=study_scales(study))
    return _attributes(frame, {municipality: "municipality", size_group: "size_group"})


def read_limesurvey_form(data: bytes, name: str, *, group_question: str = "GROUP",
                         municipality: str = "", size_group: str = "", study=None) -> tuple[pl.DataFrame, int]:
    """LimeSurvey CSV export (FREQ[P01], MUT[P01], NEED[P01] …); incomplete responses skipped."""
    attrs = [c for c in (municipality, size_group) if c]
    frame, skipped = read_limesurvey(data, group_question=group_question or "GROUP",
                                     attribute_columns=attrs, scales=study_scales(study), name=name)
    frame = frame.with_columns(pl.col("group").str.replace(r"^[A-Za-z]+0*(\d+)$", "2.$1"))
    return _attributes(frame, {municipality: "municipality", size_group: "size_group"}), skipped



# ---- survey exports as they come (LimeSurvey answer codes / full answers, Webropol) ------------
def survey_parties(study) -> dict[str, tuple[str, ...]]:
    """{code: names in fi/sv/en} of the study's parties, for forgiving label matching."""
    return {p.code: tuple(getattr(p, f"label_{lang}", "") or "" for lang in ("fi", "sv", "en")) + (p.label,)
            for p in study.parties.all()}


def size_group_values(study) -> dict[str, str]:
    """The study's known size-group values and their labels in every language → the value."""
    from django.utils import translation

    out = {"large": "large", "other": "other"}
    for lang in ("fi", "sv", "en"):
        with translation.override(lang):
            out[str(translation.gettext("Large city"))] = "large"
            out[str(translation.gettext("Other municipality"))] = "other"
    if study is not None and study.pk:
        for value in study.respondents.exclude(size_group="").values_list("size_group", flat=True).distinct():
            out.setdefault(value, value)
    return out


def saved_mapping(study) -> dict:
    from .models import SurveyColumnMapping

    row = SurveyColumnMapping.objects.filter(study=study).first()
    return dict(row.mapping) if row else {}


def remember_mapping(study, mapping: SurveyMapping) -> None:
    """Stores the mapping for the study's next import (merged over the earlier one)."""
    from .models import SurveyColumnMapping

    old = saved_mapping(study)
    data = {"questions": {**old.get("questions", {}), **mapping.questions},
            "subquestions": {**old.get("subquestions", {}), **mapping.subquestions},
            "codes": dict(mapping.codes), "respondent": mapping.respondent,
            "size_groups": {**old.get("size_groups", {}), **mapping.size_groups}}
    SurveyColumnMapping.objects.update_or_create(study=study, defaults={"mapping": data})


def read_survey_form(data: bytes, name: str, mapping: SurveyMapping, study) -> tuple[pl.DataFrame, list[int], int]:
    """A LimeSurvey or Webropol export with the owner's mapping → (frame, lines, unfinished left out)."""
    return read_survey(data, mapping, parties=survey_parties(study), size_groups=size_group_values(study),
                       scales=study_scales(study), name=name)


def mapping_file(source, name: str) -> SurveyMapping:
    """A mapping as JSON (the CLI's --mapping): {"questions": {...}, "subquestions": {...}, "codes":
    {...}, "respondent": "id", "size_groups": {...}, "include_incomplete": false}."""
    import json

    try:
        raw = json.loads(source.decode("utf-8-sig") if isinstance(source, bytes) else source)
        codes = parse_codes(format_codes(raw.get("codes") or DEFAULT_CODES))
        return SurveyMapping(questions=dict(raw["questions"]), subquestions=dict(raw.get("subquestions") or {}),
                             codes=codes, respondent=str(raw.get("respondent") or "id"),
                             include_incomplete=bool(raw.get("include_incomplete")),
                             size_groups=dict(raw.get("size_groups") or {}))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise IntegrationInputError(name, 0, reason("not a valid mapping file (JSON with questions, "
                                                    "subquestions and codes)")) from None
