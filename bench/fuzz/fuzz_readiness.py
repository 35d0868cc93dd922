"""atheris: readiness roadmap and status-report files.

Mode byte, then the body:

- 0: ROADMAP.csv through `readiness.csvio.read_roadmap` (the `readiness report` CLI);
- 1: STATUSES.csv through `csvio.read_statuses` (task ids T1…T5);
  refusal for both: csvio.ReadinessInputError naming the file;
- 2, 3: an uploaded roadmap / status file (CSV) through the row parsers the upload uses,
  `csvio.roadmap_rows` / `csvio.status_rows` (core.tabular underneath);
- 4, 5: the same as an XLSX upload (next byte: `_fuzzlib.xlsx_from_fuzz` mode: the raw file or
  one XML part replaced inside a valid workbook); refusal for 2–5: core.tabular.InputError.

No database access.

    .venv/bin/python bench/fuzz/fuzz_readiness.py -max_total_time=60
"""

import sys

import _fuzzlib
import atheris

with atheris.instrument_imports(include=["yhdyspinta"]):
    _fuzzlib.django_setup()
    from yhdyspinta.core.tabular import InputError
    from yhdyspinta.readiness import csvio
    from yhdyspinta.readiness.csvio import ROADMAP_COLUMNS, STATUS_COLUMNS

WORK = _fuzzlib.work_dir("fuzz_readiness")
ROADMAP_PATH, STATUS_PATH = WORK / "ROADMAP.csv", WORK / "STATUSES.csv"
TASK_IDS = {"T1", "T2", "T3", "T4", "T5"}
ROADMAP_ROWS = [["task_id", "area", "subarea", "title", "due", "critical"],
                ["T1", "Hallinto", "A", "Johtamisjärjestelmä", "30.6.2021", "kyllä"],
                ["T2", "Hallinto", "A", "Talous – budjetti", "2021-12-31", ""],
                ["T4", "ICT", "", "Asiakastietojärjestelmä", "31.12.2021", "ei"]]
STATUS_ROWS = [["region", "task_id", "status", "comment"],
               ["Pirkanmaa", "T1", "valmis", ""],
               ["Pirkanmaa", "T2", "käynnissä", "Budjetti 1 234,50 €"],
               ["Keski-Suomi", "T4", "ei_koske", ""]]
TEMPLATES = (_fuzzlib.xlsx_parts(_fuzzlib.xlsx_bytes(ROADMAP_ROWS)),
             _fuzzlib.xlsx_parts(_fuzzlib.xlsx_bytes(STATUS_ROWS)))


def _upload(data: bytes, name: str, roadmap: bool):
    try:
        if roadmap:
            csvio.roadmap_rows(data, name=name)
        else:
            csvio.status_rows(data, name=name, tasks=TASK_IDS)
    except InputError as exc:
        _fuzzlib.check_refusal(exc, name)


def TestOneInput(data: bytes):
    if not data:
        return
    mode, body = data[0] % 6, data[1:]
    if mode < 2:
        path = (ROADMAP_PATH, STATUS_PATH)[mode]
        path.write_bytes(body)
        try:
            if mode == 0:
                csvio.read_roadmap(path)
            else:
                csvio.read_statuses(path, TASK_IDS)
        except csvio.ReadinessInputError as exc:
            _fuzzlib.check_refusal(exc, str(path))
    elif mode < 4:
        _upload(body, "tiekartta.csv", roadmap=mode == 2)
    else:
        roadmap = mode == 4
        _upload(_fuzzlib.xlsx_from_fuzz(body, TEMPLATES[not roadmap]), "tiekartta.xlsx", roadmap=roadmap)


def seeds():
    roadmap_xlsx = {f"roadmap-{k}": b"\x04" + v for k, v in
                    _fuzzlib.xlsx_seeds("x", _fuzzlib.xlsx_bytes(ROADMAP_ROWS)).items()}
    status_xlsx = {f"status-{k}": b"\x05" + v for k, v in
                   _fuzzlib.xlsx_seeds("x", _fuzzlib.xlsx_bytes(STATUS_ROWS)).items()}
    cli_roadmap = [r[:5] for r in ROADMAP_ROWS] + [["T3", "Hallinto", "B", "Task 3", "2022-06-30"],
                                                   ["T5", "ICT", "", "Task 5", "30.06.2023"]]
    cli_status = [r[:3] for r in STATUS_ROWS] + [["Alue1", "T5", "on_schedule"],
                                                 ["Alue1", "T3", "valmistuu_aikataulussa"]]
    return {
        "roadmap-bom-semicolon.csv": b"\x00" + _fuzzlib.finnish_csv(cli_roadmap),
        "roadmap-comma.csv": b"\x00" + _fuzzlib.finnish_csv(cli_roadmap, delimiter=",", encoding="utf-8"),
        "statuses-cp1252.csv": b"\x01" + _fuzzlib.finnish_csv(cli_status, encoding="cp1252"),
        "upload-roadmap.csv": b"\x02" + _fuzzlib.finnish_csv(ROADMAP_ROWS),
        "upload-status-cp1252.csv": b"\x03" + _fuzzlib.finnish_csv(STATUS_ROWS, encoding="cp1252"),
        **roadmap_xlsx, **status_xlsx,
    }


if __name__ == "__main__":
    _fuzzlib.run("fuzz_readiness", TestOneInput, seeds(),
                  tokens=[*ROADMAP_COLUMNS, *STATUS_COLUMNS, "valmis", "käynnissä", "ei_koske", "T1", "PK\x03\x04"])
    sys.exit(0)
