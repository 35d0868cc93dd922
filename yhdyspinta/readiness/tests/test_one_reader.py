"""One reader: `readiness report` (CLI), the CSV upload and the XLSX upload accept and refuse the
same files with the same line and reason (core.tabular + csvio's row parsers)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from tests.factories import member
from yhdyspinta.core.exports import rows_to_xlsx
from yhdyspinta.core.tabular import InputError
from yhdyspinta.readiness import actions, cli
from yhdyspinta.readiness.csvio import ReadinessInputError, read_roadmap
from yhdyspinta.readiness.models import RoadmapTask

from .factories import reporting_setup

HEADER = ["Task_ID", "Area", "Due"]
ROWS = [["YP-1", "Hallinto", "31.12.2021"], ["YP-2", "ICT", "2022-06-30"]]


def _csv(header, rows, delimiter=";"):
    return ("\ufeff" + "\n".join(delimiter.join(r) for r in [header, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def roadmap(world):
    roadmap, _tasks, _period = reporting_setup(world.county_a, [world.a1])
    return roadmap, member(world.county_a, "editor")


def _cli(tmp_path, data, name="ROADMAP.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path, read_roadmap(path)


def _web(roadmap, owner, data, name):
    actions.import_roadmap(roadmap, data, name, actor=owner)
    return sorted(RoadmapTask.objects.filter(roadmap=roadmap, code__startswith="YP-")
                  .values_list("code", "area__name", "due_date"))


@pytest.mark.parametrize("header", [HEADER, ["TASK_ID", "area", " Due "], ["tehtävä", "Alue", "Määräaika"],
                                    ["task id", "AREA", "due"]])
def test_task_id_header_is_accepted_by_cli_csv_upload_and_xlsx_upload_alike(roadmap, tmp_path, header):
    roadmap, owner = roadmap
    if header[1] == "Alue":  # "alue" is a region in a status file; in a roadmap the Finnish name is "osio"
        header = [header[0], "osio", header[2]]
    _path, tasks = _cli(tmp_path, _csv(header, ROWS))
    cli_tasks = sorted((t.task_id, t.area, t.due) for t in tasks)
    csv_tasks = _web(roadmap, owner, _csv(header, ROWS), "r.csv")
    RoadmapTask.objects.filter(roadmap=roadmap, code__startswith="YP-").delete()
    xlsx_tasks = _web(roadmap, owner, rows_to_xlsx(header, ROWS), "r.xlsx")
    assert cli_tasks == csv_tasks == xlsx_tasks
    assert [t[0] for t in cli_tasks] == ["YP-1", "YP-2"] and str(cli_tasks[0][2]) == "2021-12-31"
    # and the CLI reads the XLSX too
    assert [t.task_id for t in _cli(tmp_path, rows_to_xlsx(header, ROWS), "ROADMAP.xlsx")[1]] == ["YP-1", "YP-2"]


BAD = {
    "unknown column": (["Task_ID", "Area", "Due", "Colour"], [r + ["red"] for r in ROWS], 1,
                       "unknown column 'Colour'"),
    "missing column": (["Task_ID", "Area"], [r[:2] for r in ROWS], 1, "missing column 'due'"),
    "bad date": (HEADER, [ROWS[0], ["YP-2", "ICT", "30.2.2022"]], 3, "not a date: '30.2.2022'"),
    "duplicate task": (HEADER, [ROWS[0], ROWS[0]], 3, "duplicate task id 'YP-1' (first on line 2)"),
    "empty area": (HEADER, [["YP-1", "", "31.12.2021"]], 2, "empty area"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_roadmap_is_refused_the_same_way_by_cli_and_both_uploads(roadmap, tmp_path, case, capsys):
    roadmap, owner = roadmap
    header, rows, line, text = BAD[case]
    path = tmp_path / "ROADMAP.csv"
    path.write_bytes(_csv(header, rows))
    with pytest.raises(ReadinessInputError) as cli_error:
        read_roadmap(path)
    errors = [cli_error.value]
    for data, name in ((_csv(header, rows), "r.csv"), (rows_to_xlsx(header, rows), "r.xlsx")):
        with pytest.raises(InputError) as web_error:
            actions.import_roadmap(roadmap, data, name, actor=owner)
        errors.append(web_error.value)
    assert {(e.line, str(e.reason)) for e in errors} == {(line, errors[0].reason)}
    assert text in errors[0].reason
    assert not RoadmapTask.objects.filter(code__startswith="YP-").exists()
    # the CLI prints it in its own format, exit 2
    statuses = tmp_path / "STATUSES.csv"
    statuses.write_text("region,task_id,status\nAlue1,YP-1,done\n", encoding="utf-8")
    code = cli.main(["report", "--roadmap", str(path), "--statuses", str(statuses), "--period-end", "2021-12-31"])
    assert code == 2 and f"{path}:{line}: " in capsys.readouterr().err


def test_status_file_with_finnish_headers_and_a_comment_reads_in_cli_and_upload(world, tmp_path, capsys):
    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    header = ["Alue", "Tehtävä", "Tila", "Kommentti"]
    rows = [[world.a1.name, tasks[0].code, "valmis", "ok"], [world.a1.name, tasks[1].code, "käynnissä", ""]]
    roadmap_path = tmp_path / "ROADMAP.csv"
    roadmap_path.write_text("task_id,area,due\n" + "".join(f"{t.code},A,2021-06-30\n" for t in tasks), encoding="utf-8")
    statuses = tmp_path / "STATUSES.csv"
    statuses.write_bytes(_csv(header, rows, "\t").decode("utf-8-sig").encode("cp1252"))
    code = cli.main(["report", "--roadmap", str(roadmap_path), "--statuses", str(statuses),
                     "--period-end", "2021-12-31"])
    out = capsys.readouterr().out
    assert code == 0 and out.count(f"{world.a1.name},") >= 2
    result = actions.import_period_statuses(period, _csv(header, rows, "\t"), "tila.csv", actor=world.editor)
    xlsx = actions.import_period_statuses(period, rows_to_xlsx(header, rows), "tila.xlsx", actor=world.editor)
    assert result["created"] == 2 and xlsx == {"created": 0, "updated": 0, "unchanged": 2}


def test_the_upload_page_shows_the_shared_refusal_in_finnish(roadmap):
    roadmap, owner = roadmap
    data = _csv(["Task_ID", "Area"], [["YP-1", "Hallinto"]])
    page = client_for(owner).post(f"/readiness/{roadmap.pk}/import/",
                                  {"file": SimpleUploadedFile("r.csv", data, content_type="text/csv")},
                                  follow=True).content.decode()
    assert "r.csv, rivi 1: sarake &#x27;due&#x27; puuttuu" in page


def test_the_region_list_of_the_cli_is_read_by_the_one_reader(tmp_path, capsys):
    path = tmp_path / "REGIONS.csv"
    path.write_bytes("\ufeffHyvinvointialue;Huom\nPirkanmaa;\n\nHUS;x\n".encode())
    assert cli.read_regions(path) == ["Pirkanmaa", "HUS"]
    path.write_bytes(b"region\nHUS\nhus\nHUS\n")
    with pytest.raises(ReadinessInputError) as caught:
        cli.read_regions(path)
    assert str(caught.value) == f"{path}:4: duplicate region 'HUS'"


@pytest.mark.parametrize(("prefix", "header", "done"), [
    ("", "Alue;Tehtävä;Tila;Kommentti", "Valmis"), ("/sv", "Välfärdsområde;Uppgift;Status;Kommentar", "Klar"),
    ("/en", "region;task_id;status;comment", "done"),
])
def test_the_status_template_is_semicolon_csv_with_bom_and_reads_back_unchanged(world, prefix, header, done):
    """In the user's language (walk 6 #20: the Finnish template had English headers and codes)."""
    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    actions.set_status(period, world.a1.pk, tasks[0], "done", "valmis", actor=world.editor)
    response = client_for(world.editor).get(f"{prefix}/readiness/periods/{period.pk}/template/")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and data.startswith(("\ufeff" + header + "\r\n").encode())
    assert f";{tasks[0].code};{done};".encode() in data
    result = actions.import_period_statuses(period, data, "template.csv", actor=world.editor)
    assert result["updated"] == 0 and result["unchanged"] >= 1
    changed = data.replace(f";{tasks[1].code};".encode() + data.split(f";{tasks[1].code};".encode())[1].split(b";")[0],
                           f";{tasks[1].code};{done}".encode())
    assert actions.import_period_statuses(period, changed, "template.csv", actor=world.editor)["updated"] == 1
