"""Importing answers: long and wide CSV/XLSX, LimeSurvey; broken files save nothing."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for

from ..models import Answer, Respondent
from .factories import StudyFactory
from .helpers import long_csv


@pytest.fixture
def study(world):
    return StudyFactory(owner=world.a1, visibility="internal")


def upload(client, study, data, name="answers.csv", kind="long"):
    return client.post(f"/integration/{study.pk}/import/",
                       {"file": SimpleUploadedFile(name, data), "kind": kind})


def test_long_csv_is_imported(world, study):
    response = upload(client_for(world.editor), study, long_csv({"2.1": 6, "2.4": 7}))
    assert response.status_code == 302
    assert Respondent.objects.filter(study=study, submitted_at__isnull=False).count() == 13
    assert Answer.objects.filter(respondent__study=study).count() == 13 * 3
    r = Respondent.objects.filter(study=study).first()
    assert r.municipality.startswith("Kunta") and r.size_group in ("large", "other")


@pytest.mark.parametrize("broken, reason", [  # the page is in Finnish (the default language)
    (b"respondent_id,group,party,frequency,mutuality\nR1,2.1,2.2,1,1\n", r"rivi 1: sarake .*need.* puuttuu"),
    (long_csv({"2.1": 3}) + b"R9,2.1,2.2,x,1,1,K,other\n",
     r"rivi 11: sarakkeessa frequency on arvio, joka ei ole luku: .*x"),
    (long_csv({"2.1": 3}) + b"R9,2.1,2.2,9,1,1,K,other\n",
     r"rivi 11: arvo 9 on kysymyksen frequency asteikon 0–4 \(kokonaisluvut\) ulkopuolella"),
    (long_csv({"2.1": 3}) + b"R9,2.1,9.9,1,1,1,K,other\n",
     r"rivi 11: party .*9\.9.* ei ole tämän selvityksen taho \(vastaaja R9\)"),
    (long_csv({"2.1": 3}) + b"R1,2.1,2.2,1,1,1,K,other\n", r"rivi 11: vastaaja R1 vastaa tahosta 2\.2 kahdesti"),
    (b"\x00\x01binary", r"broken\.csv: ei ole CSV-tiedosto \(binäärisisältöä\)"),
])
def test_broken_long_file_saves_nothing(world, study, broken, reason):
    response = upload(client_for(world.editor), study, broken, name="broken.csv")
    assert response.status_code == 200
    page = response.content.decode()
    assert "broken.csv" in page and re.search(reason, page)
    assert not Respondent.objects.filter(study=study).exists()
    assert not Answer.objects.filter(respondent__study=study).exists()


def _xlsx(rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_long_xlsx_is_imported(world, study):
    lines = [line.split(",") for line in long_csv({"2.1": 5}).decode().splitlines()]
    rows = [lines[0]] + [[v if k < 3 or k > 5 else int(v) for k, v in enumerate(r)] for r in lines[1:]]
    response = upload(client_for(world.editor), study, _xlsx(rows), name="webropol.xlsx")
    assert response.status_code == 302
    assert Respondent.objects.filter(study=study).count() == 5


def test_wide_file_with_column_mapping(world, study):
    client = client_for(world.editor)
    header = ["vastaaja", "ryhma", "kunta", "2.2.1", "2.2.2", "2.2.3", "arvio 2.12 tarve", "muu"]
    rows = [header] + [[f"V{k}", "2.1", "Tampere", k % 5, k % 3, (k + 1) % 5, k % 4, "x"] for k in range(8)]
    response = upload(client, study, _xlsx(rows), name="wide.xlsx", kind="wide")
    assert response.status_code == 302 and response.url.endswith("/import/mapping/")
    page = client.get(response.url).content.decode()
    assert "arvio 2.12 tarve" in page
    assert 'value="2.2|frequency" selected' in page  # 2.2.1 guessed
    data = {"respondent": "vastaaja", "group": "ryhma", "municipality": "kunta", "size_group": "",
            "col_3": "2.2|frequency", "col_4": "2.2|mutuality", "col_5": "2.2|need", "col_6": "2.12|need"}
    response = client.post(response.url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Respondent.objects.filter(study=study).count() == 8
    assert Answer.objects.filter(respondent__study=study, party__code="2.12").count() == 8
    assert set(Respondent.objects.filter(study=study).values_list("municipality", flat=True)) == {"Tampere"}


def test_broken_wide_file_saves_nothing(world, study):
    client = client_for(world.editor)
    text = "id;group;2.2.1;2.2.2;2.2.3\nA;2.1;1;1;1\nB;2.1;1;kolme;1\n"
    response = upload(client, study, text.encode(), name="wide.csv", kind="wide")
    data = {"respondent": "id", "group": "group", "col_2": "2.2|frequency", "col_3": "2.2|mutuality",
            "col_4": "2.2|need"}
    response = client.post(response.url, data)
    page = response.content.decode()
    assert response.status_code == 200 and re.search(r"wide.csv, rivi 3: tuntematon vastaus .*kolme.* sarakkeessa 2.2.2",
                                                     page)
    assert not Respondent.objects.filter(study=study).exists()


def test_limesurvey_export(world, study):
    client = client_for(world.editor)
    header = '"id","submitdate","lastpage","startlanguage","seed","GROUP","KUNTA","FREQ[P02]","MUT[P02]","NEED[P02]"'
    lines = [header]
    for k in range(1, 8):
        submit = "" if k == 7 else "2024-03-01 10:00:00"
        lines.append(f'"{k}","{submit}","3","fi","123","G01","Oulu","{k % 5}","{k % 3}","{(k + 2) % 5}"')
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()
    response = upload(client, study, data, name="limesurvey.csv", kind="limesurvey")
    from .test_survey_import import prefilled

    data = prefilled(client.get(response.url).content.decode())  # the product's own codes are guessed
    response = client.post(response.url, data, follow=True)
    page = response.content.decode()
    assert Respondent.objects.filter(study=study).count() == 6
    assert set(Respondent.objects.filter(study=study).values_list("group__code", flat=True)) == {"2.1"}
    assert re.search(r"\b1 (unfinished|keskener)", page)  # one unfinished response left out


def test_long_file_follows_the_study_s_own_scale(world, study):
    """An owner who widened the need scale to 0–10 can import a 7; 11 is refused by the study's scale."""
    study.scales.filter(item="need").update(maximum=10)
    header = b"respondent_id,group,party,frequency,mutuality,need\n"
    rows = b"".join(f"R{i},2.1,2.2,1,1,7\n".encode() for i in range(6))
    response = upload(client_for(world.editor), study, header + rows)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(Answer.objects.filter(respondent__study=study).values_list("need", flat=True)) == {7}
    other = StudyFactory(owner=world.a1, visibility="internal")
    refused = upload(client_for(world.editor), other, header + rows, name="oletus.csv")
    assert refused.status_code == 200 and "oletus.csv" in refused.content.decode()
    assert not Respondent.objects.filter(study=other).exists()


def test_wide_file_follows_the_study_s_own_scale_and_labels(world, study):
    """A study whose need scale is 1–3 with its own labels: labels and numbers map to it."""
    study.scales.filter(item="need").update(minimum=1, maximum=3, labels_fi=["Vähäinen", "Kohtalainen", "Suuri"],
                                            labels_sv=["Liten", "Måttlig", "Stor"], labels_en=["Low", "Medium", "High"])
    client = client_for(world.editor)
    text = "id;group;2.2.1;2.2.3\nA;2.1;1;Suuri\nB;2.1;2;Stor\nC;2.1;3;2\nD;2.1;0;vähäinen\nE;2.1;4;3\n"
    response = upload(client, study, text.encode("utf-8"), name="oma.csv", kind="wide")
    data = {"respondent": "id", "group": "group", "col_2": "2.2|frequency", "col_3": "2.2|need"}
    assert client.post(response.url, data).status_code == 302
    assert sorted(Answer.objects.filter(respondent__study=study).values_list("need", flat=True)) == [1, 2, 3, 3, 3]
    Respondent.objects.filter(study=study).delete()
    bad = "id;group;2.2.3\nA;2.1;4\n"
    response = upload(client, study, bad.encode(), name="yli.csv", kind="wide")
    response = client.post(response.url, {"respondent": "id", "group": "group", "col_2": "2.2|need"})
    assert response.status_code == 200 and re.search(
        r"yli.csv, rivi 2: arvo 4 sarakkeessa 2.2.3 on kysymyksen need asteikon 1–3 ulkopuolella",
        response.content.decode())
    assert not Respondent.objects.filter(study=study).exists()


@pytest.mark.parametrize("language, expected, unexpected", [
    ("fi", "broken.csv, rivi 11: arvo 9 on kysymyksen frequency asteikon 0–4", "outside the"),
    ("sv", "broken.csv, rad 11: värdet 9 ligger utanför skalan 0–4 (heltal) för frågan frequency", "outside the"),
    ("en", "broken.csv, line 11: value 9 outside the frequency scale 0–4 (whole numbers)", "rivi"),
])
def test_refusal_reason_is_in_the_user_s_language(world, study, language, expected, unexpected):
    """The reader's reason is translated with the file and line, not shown in English inside Finnish text."""
    client = client_for(world.editor)
    client.cookies["django_language"] = language
    response = upload(client, study, long_csv({"2.1": 3}) + b"R9,2.1,2.2,9,1,1,K,other\n", name="broken.csv")
    page = response.content.decode()
    assert response.status_code == 200 and expected in page and unexpected not in page


def test_mapping_step_reason_is_in_finnish(world, study):
    """A reason raised by the importing layer (not by compute.io) is translated too."""
    client = client_for(world.editor)
    response = upload(client, study, b"id;group;2.2.1\nA;2.1;1\n", name="wide.csv", kind="wide")
    response = client.post(response.url, {"respondent": "id", "group": "group"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "wide.csv, rivi 1: yhtään saraketta ei ole kohdistettu tahoon ja kysymykseen" in page
    assert "no column is mapped" not in page
