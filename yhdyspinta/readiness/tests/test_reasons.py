"""Refusal reasons of the readers: English for the CLI, the user's language on pages."""

import pytest
from django.utils import translation

from yhdyspinta.core.exports import rows_to_xlsx
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.reasons import Reason
from yhdyspinta.core.tabular import InputError
from yhdyspinta.readiness.csvio import (
    ReadinessInputError,
    read_roadmap,
    read_statuses,
    roadmap_rows,
)

ROADMAP = "task_id,area,subarea,title,due\nT1,Hallinto,A,Task 1,2021-06-30\nT2,Hallinto,A,Task 2,31.2.2022\n"


def test_a_nested_reason_keeps_str_and_translates(tmp_path):
    path = tmp_path / "roadmap.csv"
    path.write_text(ROADMAP, encoding="utf-8")
    with pytest.raises(ReadinessInputError) as caught:
        read_roadmap(path)
    error = caught.value
    # the CLI's "file:line: reason" is unchanged
    assert str(error) == (f"{path}:3: column 'due': not a date: '31.2.2022' "
                          "(expected YYYY-MM-DD or D.M.YYYY)")
    assert isinstance(error.reason, Reason) and error.reason.template == "column 'due': %(problem)s"
    problem = error.reason.params["problem"]
    assert isinstance(problem, Reason)
    assert problem.template == "not a date: %(text)s (expected YYYY-MM-DD or D.M.YYYY)"
    with translation.override("fi"):
        assert error_message(error) == (f"{path}, rivi 3: sarake 'due': ei ole päivämäärä: '31.2.2022' "
                                        "(odotettiin muotoa VVVV-KK-PP tai P.K.VVVV)")
    with translation.override("sv"):
        assert error_message(error) == (f"{path}, rad 3: kolumnen 'due': inte ett datum: '31.2.2022' "
                                        "(väntade ÅÅÅÅ-MM-DD eller D.M.ÅÅÅÅ)")


def test_an_unknown_status_keeps_its_english_text(tmp_path):
    path = tmp_path / "statuses.csv"
    path.write_text("region,task_id,status\nAlue1,T1,valmiina\n", encoding="utf-8")
    with pytest.raises(ReadinessInputError) as caught:
        read_statuses(path, {"T1"})
    reason = caught.value.reason
    assert reason.template == "unknown status %(status)s; expected one of %(allowed)s"
    assert reason.startswith("unknown status 'valmiina'; expected one of not_started, ")
    with translation.override("fi"):
        assert error_message(caught.value).startswith(f"{path}, rivi 2: tuntematon tila 'valmiina'; sallitut arvot: ")


def test_xlsx_header_reasons_are_translatable():
    data = rows_to_xlsx(["task_id", "area"], [["T1", "Hallinto"]])
    with pytest.raises(InputError) as caught:
        roadmap_rows(data, name="r.xlsx")
    assert caught.value.reason.template == "missing column %(column)s"
    assert str(caught.value) == "r.xlsx, line 1: missing column 'due'"
    with translation.override("fi"):
        assert error_message(caught.value) == "r.xlsx, rivi 1: sarake 'due' puuttuu"
