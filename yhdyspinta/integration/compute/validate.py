"""The checks every set of answers passes, whether it comes through the CLI, a page, the API
or the import command: one behaviour (issue 17). Plain Python over the long frame.

Refused, with the file's line where it is known: a group or party outside the known parties;
a respondent with two task groups; the same respondent × party twice; a respondent rating
their own task group (a self-rating: the questionnaire never asks it, so the file is wrong).
An own-group row with no rating at all carries nothing and is dropped, as the survey tools
write such rows for every array.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl

from yhdyspinta.core.reasons import reason

from .errors import IntegrationInputError
from .parties import ITEMS


def validate_answers(frame: pl.DataFrame, *, file: str, parties: Iterable[str] | None,
                     line_of: Callable[[int], int]) -> pl.DataFrame:
    """The frame without empty own-group rows; raises IntegrationInputError on the first
    problem in file order. `parties`: the known codes (None: any code); `line_of(row)`: the
    file line of a frame row (0 = the whole file)."""
    rated = pl.any_horizontal([pl.col(i).is_not_null() for i in ITEMS if i in frame.columns])
    own = pl.col("group") == pl.col("party")
    problems: list[tuple[int, object]] = []
    if parties is not None:
        known = set(parties)
        for col in ("group", "party"):
            bad = ~pl.col(col).is_in(list(known))
            hit = frame.select(bad.arg_true().first()).item()
            if hit is not None:
                problems.append((hit, reason("%(col)s %(value)s is not a party of this study (respondent %(rid)s)",
                                             col=col, value=repr(frame[col][hit]),
                                             rid=frame["respondent_id"][hit])))
    self_rating = frame.select((own & rated).arg_true().first()).item()
    if self_rating is not None:
        problems.append((self_rating, reason("respondent %(rid)s rates their own task group %(group)s",
                                             rid=frame["respondent_id"][self_rating],
                                             group=frame["group"][self_rating])))
    second_group = frame.select((pl.col("group").n_unique().over("respondent_id") > 1)
                                & (pl.col("group") != pl.col("group").first().over("respondent_id"))
                                ).to_series().arg_true()
    if len(second_group):
        row = int(second_group[0])
        problems.append((row, reason("respondent %(rid)s has more than one task group",
                                     rid=frame["respondent_id"][row])))
    duplicate = frame.select(~pl.struct("respondent_id", "party").is_first_distinct()).to_series().arg_true()
    if len(duplicate):
        row = int(duplicate[0])
        problems.append((row, reason("respondent %(rid)s answers about %(party)s twice",
                                     rid=frame["respondent_id"][row], party=frame["party"][row])))
    if problems:
        row, why = min(problems, key=lambda p: p[0])
        raise IntegrationInputError(file, line_of(row), why)
    return frame.filter(~own)
