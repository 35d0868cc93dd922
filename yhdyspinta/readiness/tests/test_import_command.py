"""`manage.py import_statuses`: a whole period from a file, as the page does; refusals save nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from yhdyspinta.readiness.models import StatusReport

from .factories import reporting_setup


@pytest.fixture
def setup(world):
    return reporting_setup(world.county_a, [world.a1, world.b1])


def run(path, roadmap, user, period="2021-10"):
    out = StringIO()
    call_command("import_statuses", str(path), "--roadmap", str(roadmap.pk), "--period", period,
                 "--user", user.username, stdout=out)
    return out.getvalue()


def test_finnish_excel_file_is_imported(world, setup, tmp_path):
    roadmap, _tasks, period = setup
    path = tmp_path / "tilanne.csv"
    path.write_bytes(("\ufeffregion;task_id;status;comment\n"
                      f"{world.a1.name};T-01;valmis;Hyväksytty 31.12.2021\n"
                      f"{world.a1.name};T-02;käynnissä;\n").encode())
    assert "2 new" in run(path, roadmap, world.editor)
    assert dict(StatusReport.objects.filter(period=period).values_list("task__code", "status")) == {
        "T-01": "done", "T-02": "in_progress"}


def test_refusals_save_nothing(world, setup, tmp_path):
    roadmap, _tasks, period = setup
    path = tmp_path / "tila.csv"
    path.write_text(f"region,task_id,status\n{world.a1.name},T-01,done\n{world.a1.name},T-99,done\n")
    with pytest.raises(CommandError, match=r"tila\.csv, line 3: unknown task id"):
        run(path, roadmap, world.editor)
    other_region = tmp_path / "b1.csv"
    other_region.write_text(f"region,task_id,status\n{world.b1.name},T-01,done\n")
    with pytest.raises(CommandError, match="may not report for region"):
        run(other_region, roadmap, world.editor)
    with pytest.raises(CommandError, match="no period"):
        run(other_region, roadmap, world.editor, period="2030-01")
    assert not StatusReport.objects.filter(period=period).exists()
