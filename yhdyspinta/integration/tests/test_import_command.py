"""`manage.py import_answers`: the same import as the page, from scripts; refusals save nothing."""

import pytest
from django.core.management import CommandError, call_command

from ..models import Answer, Respondent
from .factories import StudyFactory
from .helpers import long_csv


@pytest.fixture
def study(world):
    return StudyFactory(owner=world.a1, visibility="internal")


def run(path, study, user):
    from io import StringIO

    out = StringIO()
    call_command("import_answers", str(path), "--study", str(study.pk), "--user", user.username, stdout=out)
    return out.getvalue()


def test_long_file_is_imported(world, study, tmp_path):
    path = tmp_path / "vastaukset.csv"
    path.write_bytes(long_csv({"2.1": 6, "2.4": 7}))
    assert "13 answer sets imported" in run(path, study, world.editor)
    assert Respondent.objects.filter(study=study).count() == 13
    assert Answer.objects.filter(respondent__study=study).count() == 13 * 3


def test_refusals_name_file_and_line_and_save_nothing(world, study, tmp_path):
    path = tmp_path / "rikki.csv"
    path.write_bytes(long_csv({"2.1": 3}) + b"R9,2.1,2.2,9,1,1,K,other\n")
    with pytest.raises(CommandError, match=r"rikki\.csv.*11"):
        run(path, study, world.editor)
    good = tmp_path / "ok.csv"
    good.write_bytes(long_csv({"2.1": 6}))
    with pytest.raises(CommandError, match="may not import"):
        run(good, study, world.other)
    with pytest.raises(CommandError, match="no user"):
        call_command("import_answers", str(good), "--study", str(study.pk), "--user", "nobody")
    with pytest.raises(CommandError, match="puuttuu.csv"):
        run(tmp_path / "puuttuu.csv", study, world.editor)
    assert not Respondent.objects.filter(study=study).exists()
