"""atheris: yhdyspinta/integration/importing.py — survey answer uploads, the pure reading part.

What the import views do before `actions.import_answers` writes anything: `to_csv_bytes`
(CSV passed through, XLSX via core.xlsxsafe), then by the mode byte the long form
(`read_long`), the wide form (`header` → `guess_mapping` → `read_wide_form`) or a LimeSurvey
export (`header` → `read_limesurvey_form`). Refusal: IntegrationInputError naming the upload.
No Django needed (integration.compute is pure; polars runs with one thread).

    .venv/bin/python bench/fuzz/fuzz_survey.py -max_total_time=60
"""

import sys

import _fuzzlib
import atheris

with atheris.instrument_imports(include=["yhdyspinta"]):
    from yhdyspinta.integration import importing
    from yhdyspinta.integration.compute.errors import IntegrationInputError
    from yhdyspinta.integration.compute.parties import PARTIES

CODES = [p.code for p in PARTIES]
NAMES = ("answers.csv", "answers.xlsx")


def TestOneInput(data: bytes):
    if len(data) < 1:
        return
    kind, body = data[0] % 3, data[1:]
    name = NAMES[body.startswith(b"PK")]
    try:
        body = importing.to_csv_bytes(body, name)
        if kind == 0:
            importing.read_long(body, name)
            return
        columns = importing.header(body, name)
        if kind == 1:
            mapping = importing.guess_mapping(columns, CODES)
            if not mapping and len(columns) > 2:
                mapping = {columns[2]: "2.1|frequency"}
            importing.read_wide_form(body, name, respondent=columns[0] if columns else "id",
                                     group=columns[1] if len(columns) > 1 else "group", mapping=mapping,
                                     municipality="kunta" if "kunta" in columns else "")
        else:
            importing.read_limesurvey_form(body, name, group_question="GROUP",
                                           municipality="KUNTA" if "KUNTA" in columns else "")
    except IntegrationInputError as exc:
        _fuzzlib.check_refusal(exc, name)


def seeds():
    long_rows = [["respondent_id", "group", "party", "frequency", "mutuality", "need", "municipality",
                  "size_group"],
                 ["R1", "2.1", "2.2", "3", "1", "4", "Tampere", "large"],
                 ["R1", "2.1", "2.12", "", "2", "EOS", "Tampere", "large"],
                 ["R2", "2.4", "2.2", "1,0", "0", "2", "Äänekoski", "other"]]
    wide_rows = [["vastaaja", "ryhma", "kunta", "2.2.1", "2.2.2", "2.2.3", "2.12.3"],
                 ["V1", "2.1", "Tampere", "Usein", "Osittain", "Suuri", "2"],
                 ["V2", "2.1", "Pori", "En osaa sanoa", "Kyllä, molemminpuolista", "Vähäinen", "eos"]]
    lime = ('"id","submitdate","lastpage","startlanguage","seed","GROUP","KUNTA","FREQ[P02]","MUT[P02]",'
            '"NEED[P02]"\r\n"1","2024-03-01 10:00:00","3","fi","123","G01","Oulu","A3","1","4"\r\n'
            '"2","","1","sv","9","G01","Vaasa","","",""\r\n')
    long_xlsx = _fuzzlib.xlsx_bytes([r[:3] + [int(v) if v.isdigit() else v for v in r[3:6]] + r[6:]
                                     for r in long_rows])
    return {
        "long-bom-semicolon.csv": b"\x00" + _fuzzlib.finnish_csv(long_rows),
        "long-comma.csv": b"\x00" + _fuzzlib.finnish_csv(long_rows, delimiter=",", encoding="utf-8"),
        "long.xlsx": b"\x00" + long_xlsx,
        "wide-cp1252.csv": b"\x01" + _fuzzlib.finnish_csv(wide_rows, encoding="cp1252"),
        "wide.xlsx": b"\x01" + _fuzzlib.xlsx_bytes(wide_rows),
        "limesurvey.csv": b"\x02" + ("\ufeff" + lime).encode("utf-8"),
    }


if __name__ == "__main__":
    _fuzzlib.run("fuzz_survey", TestOneInput, seeds(),
                  tokens=["respondent_id", "group", "party", "frequency", "mutuality", "need", "EOS",
                          "En osaa sanoa", "FREQ[P01]", "NEED[G03]", "2.3.1", "submitdate", "GROUP", "PK\x03\x04"])
    sys.exit(0)
