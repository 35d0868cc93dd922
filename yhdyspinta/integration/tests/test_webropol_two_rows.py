"""Webropol's export with a two-row header (issue 17 item 2): row 1 the question text over its
first column (merged cells in the XLSX, repeated in some CSVs), row 2 the option of every column
of a matrix question. Built here in that layout (`webropol_workbook`, described in
docs/integration.md) and imported end to end through the upload and mapping pages."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for

from ..compute.errors import IntegrationInputError
from ..compute.parties import PARTIES
from ..compute.survey import (
    SurveyMapping,
    flatten_two_row_header,
    guess,
    read_survey,
    two_row_header,
)
from ..models import Answer, Respondent
from .factories import StudyFactory
from .test_survey_import import prefilled

PARTY_NAMES = {p.code: (p.fi, p.sv, p.en) for p in PARTIES}
LABEL = {p.code: f"{p.code} {p.fi}" for p in PARTIES}
FREQ = "Kuinka usein teette yhteistyötä seuraavien tahojen kanssa?"
MUT = "Onko yhteistyö molemminpuolista?"
NEED = "Kuinka suuri on integraatiotarve seuraavien tahojen kanssa?"
OPTIONS = [LABEL["2.1"], LABEL["2.2"], LABEL["2.3"]]
PLAIN = ["Vastaaja", "Vastausaika", "Oma tehtäväryhmä", "Kunnan kokoryhmä"]
#: respondent, time, own group, size group, then frequency, mutuality, need for 2.1, 2.2, 2.3
ANSWERS = [
    ["101", "12.01.2026 09:14", LABEL["2.1"], "Suuri kaupunki",
     "", "Usein", "Harvoin", "", "Kyllä, molemminpuolista", "Ei", "", "Suuri", "Ei osaa sanoa"],
    ["102", "12.01.2026 10:02", LABEL["2.3"], "Muu kunta",
     "Jatkuvasti", "Joskus", "", "Osittain", "Osittain", "", "Erittäin suuri", "Vähäinen", ""],
    ["103", "13.01.2026 08:45", LABEL["2.2"], "Muu kunta",
     "Ei koskaan", "", "Usein", "Ei", "", "Kyllä, molemminpuolista", "Ei tarvetta", "", "Kohtalainen"],
]


def webropol_workbook(answers=ANSWERS) -> bytes:
    """An XLSX as Webropol's Excel export lays it out: the question texts in row 1, each matrix
    question's text in a cell merged over its option columns; the options in row 2 (empty under
    the one-column questions); one row per respondent from row 3, answers as their full text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Vastaukset"
    top = list(PLAIN)
    for question in (FREQ, MUT, NEED):
        top += [question, None, None]
    sheet.append(top)
    sheet.append([None] * len(PLAIN) + OPTIONS * 3)
    for first in range(len(PLAIN) + 1, len(top) + 1, 3):
        sheet.merge_cells(start_row=1, start_column=first, end_row=1, end_column=first + 2)
    for row in answers:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_two_rows_become_one_header_and_a_data_row_is_never_taken_for_the_second():
    top = ["Vastaaja", "Oma tehtäväryhmä", FREQ, "", "", ""]
    assert two_row_header(top, ["", "", LABEL["2.1"], LABEL["2.2"], LABEL["2.3"], ""]) == [
        "Vastaaja", "Oma tehtäväryhmä", f"{FREQ} » {LABEL['2.1']}", f"{FREQ} » {LABEL['2.2']}",
        f"{FREQ} » {LABEL['2.3']}", ""]  # Excel's trailing ';' stays an empty column
    # a one-row header's first data row: an id under a one-column question
    assert two_row_header(top, ["101", LABEL["2.1"], "Usein", "", "", ""]) is None
    assert two_row_header(["id", "group", "a", "b"], ["1", "2.1", "3", "4"]) is None  # no run at all
    # the question repeated over its columns (a CSV export) reads the same
    repeated = ["Vastaaja", FREQ, FREQ]
    assert two_row_header(repeated, ["Vastaaja", LABEL["2.1"], LABEL["2.2"]]) == [
        "Vastaaja", f"{FREQ} » {LABEL['2.1']}", f"{FREQ} » {LABEL['2.2']}"]
    text = "Vastaaja;Q;\n;2.1 A;2.2 B\n1;Usein;Joskus\n"
    assert flatten_two_row_header(text).splitlines() == ["Vastaaja;Q » 2.1 A;Q » 2.2 B", "", "1;Usein;Joskus"]
    assert flatten_two_row_header("id;a\n1;2\n") == "id;a\n1;2\n"


def _csv(rows) -> str:
    return "\ufeff" + "\n".join(";".join(f'"{c}"' for c in row) for row in rows) + "\n"


def test_a_two_row_csv_reads_like_the_one_row_export_and_errors_keep_the_file_line():
    top = list(PLAIN) + [q for q in (FREQ, MUT, NEED) for _k in range(3)]  # repeated, not merged
    second = [""] * len(PLAIN) + OPTIONS * 3
    text = _csv([top, second, *ANSWERS])
    columns = flatten_two_row_header(text).splitlines()[0].split(";")
    g = guess([c.strip('"') for c in columns], PARTY_NAMES)
    assert (g["questions"][FREQ], g["questions"][MUT], g["questions"][NEED]) == ("frequency", "mutuality", "need")
    assert g["questions"]["Oma tehtäväryhmä"] == "group" and g["questions"]["Kunnan kokoryhmä"] == "size_group"
    assert g["subquestions"] == {LABEL["2.1"]: "2.1", LABEL["2.2"]: "2.2", LABEL["2.3"]: "2.3"}
    mapping = SurveyMapping(questions=g["questions"], subquestions=g["subquestions"], respondent="Vastaaja")
    sizes = {"Suuri kaupunki": "large", "Muu kunta": "other"}
    frame, lines, skipped = read_survey(text.encode("utf-8"), mapping, parties=PARTY_NAMES, size_groups=sizes,
                                        name="webropol2.csv")
    assert skipped == 0 and lines[0] == 3  # the first respondent is on the file's third line
    assert frame.rows()[0] == ("101", "2.1", "2.2", 3.0, 2.0, 3.0, None, "large")
    assert frame.rows()[1] == ("101", "2.1", "2.3", 1.0, 0.0, None, None, "large")
    bad = [row[:] for row in ANSWERS]
    bad[2][6] = "Joka päivä"
    with pytest.raises(IntegrationInputError) as exc:
        read_survey(_csv([top, second, *bad]).encode(), mapping, parties=PARTY_NAMES, size_groups=sizes,
                    name="webropol2.csv")
    assert (exc.value.file, exc.value.line) == ("webropol2.csv", 5)
    assert "Joka päivä" in exc.value.reason and f"{FREQ} » {LABEL['2.3']}" in exc.value.reason


@pytest.fixture
def study(world):
    return StudyFactory(owner=world.a1, visibility="internal")


def _upload(client, study, data, **extra):
    return client.post(reverse("integration:import", args=[study.pk]), {
        "file": SimpleUploadedFile("Webropol-vastaukset.xlsx", data), "kind": "limesurvey", **extra})


def test_a_webropol_workbook_imports_end_to_end_and_again_only_when_replacing(world, study):
    client = client_for(world.editor)
    response = _upload(client, study, webropol_workbook())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response.url).content.decode()
    assert f"{FREQ} (3" in page and LABEL["2.3"] in page  # one choice per question, one per option
    data = prefilled(page)
    assert data["respondent"] == "Vastaaja"
    done = client.post(response.url, data)
    assert done.status_code == 302, done.content.decode()[:3000]
    people = {r.source_id: r for r in Respondent.objects.filter(study=study)}
    assert set(people) == {"101", "102", "103"}
    assert people["101"].group.code == "2.1" and people["101"].size_group == "large"
    assert people["102"].size_group == "other"
    answer = Answer.objects.get(respondent=people["102"], party__code="2.1")
    assert (answer.frequency, answer.mutuality, answer.need) == (4, 1, 4)
    assert not Answer.objects.filter(respondent=people["101"], party__code="2.1").exists()  # own group unasked
    again = _upload(client, study, webropol_workbook())
    refused = client.post(again.url, prefilled(client.get(again.url).content.decode())).content.decode()
    assert "Webropol-vastaukset.xlsx" in refused and "101" in refused
    assert Respondent.objects.filter(study=study).count() == 3
    replaced = _upload(client, study, webropol_workbook(ANSWERS[:2]), replace="on")
    assert client.post(replaced.url, prefilled(client.get(replaced.url).content.decode())).status_code == 302
    assert set(Respondent.objects.filter(study=study).values_list("source_id", flat=True)) == {"101", "102", "103"}
