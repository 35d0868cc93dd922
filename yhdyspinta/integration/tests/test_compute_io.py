"""Readers: long form, FIXED, LimeSurvey export, generic wide form; error messages."""

import pytest

from yhdyspinta.integration.compute.errors import IntegrationInputError
from yhdyspinta.integration.compute.io import (
    read_fixed,
    read_limesurvey,
    read_responses,
    read_wide,
)

HEADER = "respondent_id,group,party,frequency,mutuality,need,size_group\n"


def write(tmp_path, name, content, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return str(p)


def test_long_form_basic_missing_and_extra_columns(tmp_path):
    p = write(tmp_path, "r.csv", HEADER + "r1,2.1,2.2,3,1,4,large\nr1,2.1,2.3,,2,\nr2,2.3,2.1,0,0,0,other\n"
              .replace("2,\n", "2,,other\n"))
    df = read_responses(p)
    assert df.height == 3
    assert df["frequency"].to_list() == [3.0, None, 0.0]
    assert df["need"].null_count() == 1
    assert df["size_group"].to_list() == ["large", "other", "other"]
    assert df["party"].to_list() == ["2.2", "2.3", "2.1"]  # codes stay strings


def test_semicolon_decimal_comma_cp1252_and_bom(tmp_path):
    text = "respondent_id;group;party;frequency;mutuality;need;kunta\r\n" \
           "r1;2.1;2.2;3,0;1;4;Hämeenlinna\r\nr2;2.2;2.1;EOS;1;2;Seinäjoki\r\n"
    df = read_responses(write(tmp_path, "a.csv", text, "cp1252"))
    assert df["kunta"].to_list() == ["Hämeenlinna", "Seinäjoki"]
    assert df["frequency"].to_list() == [3.0, None]
    df2 = read_responses(write(tmp_path, "b.csv", b"\xef\xbb\xbf" + text.encode()))
    assert df2.columns[0] == "respondent_id"


@pytest.mark.parametrize("content,line,reason", [
    ("respondent_id,group,party,frequency,need\nr1,a,b,1,1\n", 1, "missing column"),
    (HEADER + "r1,2.1,2.2,3,1,4,x\nr2,2.1,2.2,kolme,1,4,x\n", 3, "non-numeric rating"),
    (HEADER + "r1,2.1,2.2,3,1,4,x\nr2,2.1,2.2,3,1,4,x\nr3,2.1,2.2,3,5,4,x\n", 4,
     "outside the mutuality scale"),
    (HEADER + "r1,2.1,2.2,3,1,2.5,x\n", 2, "outside the need scale"),
    (HEADER + "r1,,2.2,3,1,2,x\n", 2, "empty group"),
    ("just some text without separators\nmore\n", 1, "not a CSV"),
])
def test_long_form_errors(tmp_path, content, line, reason):
    with pytest.raises(IntegrationInputError) as exc:
        read_responses(write(tmp_path, "bad.csv", content))
    assert exc.value.line == line
    assert reason in exc.value.reason
    assert exc.value.file == "bad.csv"
    assert str(exc.value).startswith(f"bad.csv:{line}:")


def test_binary_and_empty_files_are_not_csv(tmp_path):
    with pytest.raises(IntegrationInputError, match="not a CSV"):
        read_responses(write(tmp_path, "x.xlsx", b"PK\x03\x04\x00\x00binary"))
    with pytest.raises(IntegrationInputError, match="empty"):
        read_responses(write(tmp_path, "e.csv", b""))


def test_fixed_reader_accepts_finnish_yes_no(tmp_path):
    p = write(tmp_path, "f.csv", "node;organiser;fixed\n2.1;county;kyllä\n2.16;municipality;ei\n"
              "2.17;kunta;no\n")
    assert read_fixed(p) == {"2.1": ("county", True), "2.16": ("municipality", False),
                             "2.17": ("municipality", False)}
    with pytest.raises(IntegrationInputError) as exc:
        read_fixed(write(tmp_path, "g.csv", "node,organiser,fixed\n2.1,state,yes\n"))
    assert exc.value.line == 2 and "organiser" in exc.value.reason
    with pytest.raises(IntegrationInputError, match="missing column 'fixed'"):
        read_fixed(write(tmp_path, "h.csv", "node,organiser\n2.1,county\n"))


LIME = (
    '\ufeff"id","submitdate","lastpage","startlanguage","seed","GROUP","KUNTA",'
    '"FREQ[P01]","MUT[P01]","NEED[P01]","FREQ[P03]","MUT[P03]","NEED[P03]"\r\n'
    '"1","2020-08-01 10:00:00","3","fi","123","2.2","Oulu","3","2","4","1","0","2"\r\n'
    '"2","","2","fi","456","2.3","Oulu","1","1","1","","",""\r\n'
    '"3","2020-08-02 11:00:00","3","sv","789","2.3","Salo","Ofta","Delvis",'
    '"Vet inte","","En osaa sanoa",""\r\n'
    '"4","2020-08-03 12:00:00","3","en","111","2.1","Salo","A2","Yes, mutual","Large",'
    '"Sometimes","No","Small, ""really"""\r\n'
)


def test_limesurvey_export(tmp_path):
    p = write(tmp_path, "lime.csv", LIME.replace('"Small, ""really"""', '"1"'))
    df, skipped = read_limesurvey(p, attribute_columns=["KUNTA"])
    assert skipped == 1
    assert set(df["respondent_id"].to_list()) == {"1", "3", "4"}
    r1 = df.filter(df["respondent_id"] == "1").sort("party")
    assert r1["party"].to_list() == ["2.1", "2.3"]
    assert r1["frequency"].to_list() == [3.0, 1.0]
    assert r1["KUNTA"].to_list() == ["Oulu", "Oulu"]
    r3 = df.filter(df["respondent_id"] == "3")
    assert r3["party"].to_list() == ["2.1"]  # P03 all "don't know" → no answer row
    assert r3.row(0, named=True)["frequency"] == 3.0
    assert r3.row(0, named=True)["mutuality"] == 1.0
    assert r3.row(0, named=True)["need"] is None
    r4 = df.filter(df["respondent_id"] == "4").sort("party")
    assert r4.row(0, named=True)["frequency"] == 2.0  # A2 code
    assert r4.row(1, named=True)["need"] == 1.0


def test_limesurvey_semicolon_and_bad_answer(tmp_path):
    text = LIME.replace('","', '";"')
    with pytest.raises(IntegrationInputError) as exc:
        read_limesurvey(write(tmp_path, "lime2.csv", text))
    assert exc.value.line == 5 and "unknown answer" in exc.value.reason
    ok = text.replace('"Small, ""really"""', '"1"')
    df, skipped = read_limesurvey(write(tmp_path, "lime3.csv", ok), party_codes={
        "P01": "2.1", "P03": "2.3"})
    assert skipped == 1 and df.height == 5


def test_wide_form_mapping(tmp_path):
    p = write(tmp_path, "w.csv", "vastaaja,ryhma,koko,q1,q2,q3,q4,q5,q6\n"
              "a,2.1,large,4,2,4,0,0,\nb,2.2,other,,,,1,1,1\n")
    mapping = {"q1": ("2.2", "frequency"), "q2": ("2.2", "mutuality"), "q3": ("2.2", "need"),
               "q4": ("2.3", "frequency"), "q5": ("2.3", "mutuality"), "q6": ("2.3", "need")}
    df = read_wide(p, mapping, respondent_column="vastaaja", group_column="ryhma",
                   attribute_columns=["koko"])
    assert df.columns == ["respondent_id", "group", "party", "frequency", "mutuality", "need",
                          "koko"]
    assert df.height == 3
    rows = df.rows()
    assert rows[0] == ("a", "2.1", "2.2", 4.0, 2.0, 4.0, "large")
    assert rows[1] == ("a", "2.1", "2.3", 0.0, 0.0, None, "large")
    assert rows[2] == ("b", "2.2", "2.3", 1.0, 1.0, 1.0, "other")
    with pytest.raises(IntegrationInputError, match="missing column 'q9'"):
        read_wide(p, {"q9": ("2.2", "need")}, respondent_column="vastaaja",
                  group_column="ryhma")


def test_codes_are_stripped(tmp_path):
    p = write(tmp_path, "s.csv", HEADER + "r1, 2.1,2.2 ,3,1,4,x\n")
    df = read_responses(p)
    assert df.row(0)[:3] == ("r1", "2.1", "2.2")


# ---- found by bench/fuzz/fuzz_survey.py (atheris); each was an uncaught exception -----------
def test_carriage_return_inside_the_header_is_refused():
    """A lone CR ends a line (core.tabular, as old Mac Excel wrote them): "cipality" is line 2."""
    from yhdyspinta.integration import importing

    data = b"respondent_id,group,party,frequency,mutuality,need,muni\rcipality\nR1,2.1,2.2,3,1,4,x\n"
    with pytest.raises(IntegrationInputError, match=r"answers.csv:2: "):
        importing.read_long(data, "answers.csv")  # was csv.Error


def test_a_field_over_the_csv_limit_is_refused_with_its_line():
    from yhdyspinta.integration import importing

    with pytest.raises(IntegrationInputError, match=r"wide.csv:1: not a CSV file \(field larger"):
        importing.header(("id;group;" + "x" * 140_000 + "\n").encode(), "wide.csv")  # was csv.Error
    data = ("id;group;2.2.1\nV1;2.1;1\nV2;2.1;" + "x" * 140_000 + "\n").encode()
    with pytest.raises(IntegrationInputError, match=r"wide.csv:3: not a valid CSV row \(field larger"):
        importing.read_wide_form(data, "wide.csv", respondent="id", group="group",
                                 mapping={"2.2.1": "2.2|frequency"})  # was csv.Error
    with pytest.raises(IntegrationInputError, match=r":3: not a valid CSV row \(field larger"):
        read_fixed(("node;organiser;fixed\n2.1;county;yes\n2.2;" + "x" * 140_000 + ";no\n").encode())


def test_xlsx_claiming_an_unknown_zip_version_is_refused():
    import io

    import openpyxl

    from yhdyspinta.integration import importing

    book = openpyxl.Workbook()
    book.active.append(["respondent_id", "group", "party", "frequency", "mutuality", "need"])
    buffer = io.BytesIO()
    book.save(buffer)
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 6:central + 8] = (148).to_bytes(2, "little")  # "version needed to extract": 14.8
    with pytest.raises(IntegrationInputError, match=r"webropol.xlsx:0: not an XLSX file"):
        importing.to_csv_bytes(bytes(data), "webropol.xlsx")  # was NotImplementedError from zipfile
