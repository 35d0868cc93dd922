"""Survey exports as the tools write them (issue 17 item 2): LimeSurvey answer codes and full
answers, Webropol; one mapping per array question, remembered per study; all or nothing."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from conftest import client_for

from ..compute.errors import IntegrationInputError
from ..compute.parties import PARTIES
from ..compute.survey import SurveyMapping, fold, guess, parse_codes, read_survey, resolve_party
from ..models import Answer, Respondent, SurveyColumnMapping
from .factories import StudyFactory

DATA = Path(__file__).parent / "data"
PARTY_NAMES = {p.code: (p.fi, p.sv, p.en) for p in PARTIES}
SIZES = {"large": "large", "other": "other", "Suuri kaupunki": "large", "Muu kunta": "other"}
LIME_QUESTIONS = {"G1Q00001": "group", "G1Q00002": "municipality", "G1Q00003": "size_group",
                  "G2Q00004": "frequency", "G2Q00005": "mutuality", "G2Q00006": "need"}


@pytest.fixture
def study(world):
    return StudyFactory(owner=world.a1, visibility="internal")


class _Form(HTMLParser):
    """The values a browser would send for the form as the page shows it."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "select":
            self._select = a["name"]
            self.data.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[self._textarea] = ""
        elif tag == "input" and a.get("type") not in ("checkbox", "submit") and a.get("name"):
            self.data[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def prefilled(page: str) -> dict:
    form = _Form()
    form.feed(page)
    form.data["codes"] = form.data.get("codes", "").strip()
    return form.data


def field_of(page: str, label: str) -> str:
    """The field name whose label is `label` (the mapping form names fields by position)."""
    m = re.search(r'<label for="id_([a-z_0-9]+)">' + re.escape(label), page)
    assert m, label
    return m.group(1)


def upload(client, study, path, **extra):
    return client.post(f"/integration/{study.pk}/import/",
                       {"file": SimpleUploadedFile(path.name, path.read_bytes()), "kind": "limesurvey", **extra})


def read(name, **kw):
    mapping = SurveyMapping(questions=kw.pop("questions", LIME_QUESTIONS),
                            subquestions=kw.pop("subquestions", {}), **kw)
    return read_survey(str(DATA / name), mapping, parties=PARTY_NAMES, size_groups=SIZES)


def test_limesurvey_answer_codes_export():
    frame, lines, skipped = read("limesurvey_codes.csv", size_groups={"A1": "large", "A2": "other"})
    assert skipped == 1  # respondent 2 never submitted
    assert frame.rows() == [
        ("1", "2.2", "2.1", 3.0, 1.0, 2.0, "Tampere", "large"),  # A4 = the 4th value, A6 = don't know
        ("1", "2.2", "2.3", None, 0.0, None, "Tampere", "large"),
        ("3", "2.1", "2.2", 2.0, 1.0, 3.0, "Vaasa", "other"),
        ("3", "2.1", "2.3", 1.0, 2.0, 0.0, "Vaasa", "other"),
    ]
    assert lines == [2, 2, 4, 4]


def test_unfinished_responses_are_kept_when_asked():
    frame, _lines, skipped = read("limesurvey_codes.csv", include_incomplete=True,
                                  size_groups={"A1": "large", "A2": "other"})
    assert skipped == 0 and "2" in frame["respondent_id"].to_list()


def test_limesurvey_full_answers_export_semicolon_cp1252():
    frame, _lines, skipped = read("limesurvey_full.csv")
    assert skipped == 1
    assert frame.rows()[0] == ("1", "2.2", "2.1", 3.0, 2.0, 2.0, "Tampere", "large")  # "Ei osaa sanoa", "EOS"
    assert frame.filter(frame["respondent_id"] == "3")["group"].unique().to_list() == ["2.1"]


def test_webropol_labels_by_number_and_name():
    text = (DATA / "webropol.csv").read_text("utf-8-sig").splitlines()[0].split(";")
    g = guess([c.strip('"') for c in text], PARTY_NAMES)
    assert g["questions"]["Kuinka usein teette yhteistyötä?"] == "frequency"
    assert g["questions"]["Kunnan kokoryhmä"] == "size_group" and g["respondent"] == "Vastaaja"
    frame, _lines, _skipped = read_survey(str(DATA / "webropol.csv"), SurveyMapping(
        questions=g["questions"], subquestions=g["subquestions"], respondent="Vastaaja"),
        parties=PARTY_NAMES, size_groups=SIZES)
    assert frame.rows()[0] == ("1", "2.1", "2.2", 3.0, None, 3.0, None, "large")
    assert set(frame["size_group"].to_list()) == {"large", "other"}


def test_unknown_size_group_is_refused_listing_the_known_values():
    with pytest.raises(IntegrationInputError) as exc:
        read_survey(str(DATA / "webropol.csv"), SurveyMapping(
            questions={"Oma tehtäväryhmä": "group", "Kunnan kokoryhmä": "size_group", "Integraatiotarve": "need"},
            subquestions={}, respondent="Vastaaja"), parties=PARTY_NAMES, size_groups={"large": "large"})
    assert (exc.value.file, exc.value.line) == ("webropol.csv", 2)
    assert "Suuri kaupunki" in exc.value.reason and "known: large" in exc.value.reason


def test_unknown_code_names_file_line_and_column(tmp_path):
    bad = tmp_path / "lime.csv"
    bad.write_bytes((DATA / "limesurvey_codes.csv").read_bytes().replace(b'"","A2","A3"', b'"","A9","A3"'))
    with pytest.raises(IntegrationInputError) as exc:
        read(str(bad), size_groups={"A1": "large", "A2": "other"})
    assert (exc.value.file, exc.value.line) == ("lime.csv", 4)
    assert "G2Q00005[SQ002]" in exc.value.reason and "A9" in exc.value.reason


def test_forgiving_party_labels_and_dont_know_words():
    assert resolve_party("2.1 Ikääntyneiden palvelut", PARTY_NAMES) == "2.1"
    assert resolve_party("  ikääntyneiden   PALVELUT ", PARTY_NAMES) == "2.1"
    assert resolve_party("2.10. Psykiatrinen erikoissairaanhoito", PARTY_NAMES) == "2.10"
    assert resolve_party("Äldreomsorg", PARTY_NAMES) == "2.1"
    assert resolve_party("SQ004", PARTY_NAMES) == "2.4"
    assert resolve_party("Kirjasto", PARTY_NAMES) is None
    assert fold("Don’t  Know") == "don't know"
    assert parse_codes("A1 = 1\nA6 = Ei osaa sanoa\n") == {"A1": "1", "A6": "dk"}
    with pytest.raises(ValueError):
        parse_codes("A1 = paljon")


def test_page_imports_limesurvey_export_and_remembers_the_mapping(world, study):
    client = client_for(world.editor)
    response = upload(client, study, DATA / "limesurvey_codes.csv")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "A6" in page and "G2Q00004[SQ001]" not in page  # one choice per question, not per column
    data = prefilled(page)
    assert data[field_of(page, "SQ002")] == "2.2" and data["codes"].startswith("A1 = 1")
    for question, meaning in LIME_QUESTIONS.items():
        data[field_of(page, question)] = meaning
    data["size_groups"] = "A1 = large\nA2 = other"
    response = client.post(response.url, data, follow=True)
    page = response.content.decode()
    assert Respondent.objects.filter(study=study).count() == 2
    assert Answer.objects.filter(respondent__study=study).count() == 4
    assert set(Respondent.objects.filter(study=study).values_list("size_group", flat=True)) == {"large", "other"}
    assert re.search(r"\b1 (unfinished|keskener)", page)
    saved = SurveyColumnMapping.objects.get(study=study).mapping
    assert saved["questions"]["G2Q00004"] == "frequency" and saved["size_groups"] == {"A1": "large", "A2": "other"}
    # the next import of the same survey starts from the saved mapping
    response = upload(client, study, DATA / "limesurvey_codes.csv", replace="on")
    page = client.get(response.url).content.decode()
    again = prefilled(page)
    assert again[field_of(page, "G2Q00006")] == "need" and "A2 = other" in again["size_groups"]


def test_page_refuses_a_bad_file_and_saves_nothing(world, study, tmp_path):
    client = client_for(world.editor)
    bad = tmp_path / "vastaukset.csv"
    bad.write_bytes((DATA / "limesurvey_full.csv").read_bytes().replace(b'"Delvis"', b'"Kanske"'))
    response = upload(client, study, bad)
    page = client.get(response.url).content.decode()
    data = prefilled(page)
    for question, meaning in LIME_QUESTIONS.items():
        data[field_of(page, question)] = meaning
    response = client.post(response.url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "vastaukset.csv, rivi 4" in page and "G2Q00005[SQ002]" in page
    assert not Respondent.objects.filter(study=study).exists()
    assert not SurveyColumnMapping.objects.filter(study=study).exists()


def test_command_reads_a_survey_export_with_a_mapping_file(world, study, tmp_path):
    from io import StringIO

    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"questions": LIME_QUESTIONS, "subquestions": {"SQ001": "2.1"},
                                   "codes": {"A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5, "A6": "eos"},
                                   "size_groups": {"A1": "large", "A2": "other"}}))
    out = StringIO()
    call_command("import_answers", str(DATA / "limesurvey_codes.csv"), "--study", str(study.pk),
                 "--user", world.editor.username, "--mapping", str(mapping), stdout=out)
    assert "2 answer sets imported, 1 incomplete responses skipped" in out.getvalue()
    mapping.write_text("{not json")
    with pytest.raises(CommandError, match="mapping.json"):
        call_command("import_answers", str(DATA / "limesurvey_full.csv"), "--study", str(study.pk),
                     "--user", world.editor.username, "--mapping", str(mapping), "--replace")
    assert Respondent.objects.filter(study=study).count() == 2


def test_page_reads_a_webropol_xlsx_and_refuses_an_unknown_size_group(world, study, tmp_path):
    from .test_import import _xlsx

    rows = [line.replace('"', "").split(";") for line in (DATA / "webropol.csv").read_text("utf-8-sig").splitlines()]
    client = client_for(world.editor)
    path = tmp_path / "webropol.xlsx"
    path.write_bytes(_xlsx(rows))
    response = upload(client, study, path)
    page = client.get(response.url).content.decode()
    data = prefilled(page)
    assert data["respondent"] == "Vastaaja"
    assert data[field_of(page, "Integraatiotarve (3")] == "need"
    client.post(response.url, data)
    assert Respondent.objects.filter(study=study).count() == 2
    assert set(Respondent.objects.filter(study=study).values_list("size_group", flat=True)) == {"large", "other"}
    rows[2][2] = "Keskisuuri kaupunki"
    path.write_bytes(_xlsx(rows))
    response = upload(client, study, path, replace="on")
    page = client.post(response.url, prefilled(client.get(response.url).content.decode())).content.decode()
    assert "webropol.xlsx, rivi 3" in page and "Keskisuuri kaupunki" in page and "Suuri kaupunki" in page
    assert Respondent.objects.filter(study=study).count() == 2  # the earlier import stands


def test_the_limesurvey_export_imported_again_is_refused_and_nothing_doubles(world, study):
    """Issue 17, "Done when": the real-format LimeSurvey file (A1..A5, the don't-know code A6, an
    unfinished response) imports with one mapping screen; importing it again is refused."""
    client = client_for(world.editor)

    def import_once(**extra):
        response = upload(client, study, DATA / "limesurvey_codes.csv", **extra)
        page = client.get(response.url).content.decode()
        data = prefilled(page)
        for question, meaning in LIME_QUESTIONS.items():
            data[field_of(page, question)] = meaning
        data["size_groups"] = "A1 = large\nA2 = other"
        return client.post(response.url, data)

    assert import_once().status_code == 302
    ids = set(Respondent.objects.filter(study=study).values_list("source_id", flat=True))
    assert ids == {"1", "3"}  # LimeSurvey's own response ids; 2 never submitted
    refused = import_once()
    page = refused.content.decode()
    assert refused.status_code == 200 and "limesurvey_codes.csv" in page and "role=\"alert\"" in page
    assert Respondent.objects.filter(study=study).count() == 2 and Answer.objects.filter(
        respondent__study=study).count() == 4
