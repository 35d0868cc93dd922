"""Pupil counts from a file as schools and counties keep them: one reader (core.tabular), all or
nothing, a school that does not exist refused with file, line and reason, numbers only."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from tests.factories import UnitFactory
from yhdyspinta.core.tabular import InputError
from yhdyspinta.facilities.actions import _school_of, import_pupil_counts
from yhdyspinta.facilities.importing import parse_pupil_counts
from yhdyspinta.facilities.models import School

from .factories import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(world):
    return (SchoolFactory(unit=UnitFactory(organisation=world.a1, name="Keskuskoulu"), school_code="01234",
                          pupils=None),
            SchoolFactory(unit=UnitFactory(organisation=world.a1, name="Kylän koulu"), pupils=50))


def _csv(*lines, encoding="cp1252"):
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def test_finnish_csv_by_code_or_by_name_and_municipality(world, schools):
    data = _csv("Koulukoodi;Koulu;Kunta;Oppilaita;Laskentapäivä", "01234;;;412;20.9.2026",
                f";kylän koulu;{world.a1.name};48;2026-09-20")
    updated = import_pupil_counts(data, "oppilasmäärät.csv", acting_user=world.editor)
    assert len(updated) == 2
    first, second = (School.objects.get(pk=s.pk) for s in schools)
    assert (first.pupils, first.pupils_counted_on) == (412, date(2026, 9, 20))
    assert second.pupils == 48


def test_utf8_bom_and_xlsx_read_the_same(world, schools):
    import openpyxl

    import_pupil_counts(_csv("koulukoodi;oppilaita", "01234;10", encoding="utf-8-sig"), "a.csv",
                        acting_user=world.editor)
    assert School.objects.get(pk=schools[0].pk).pupils == 10
    book = openpyxl.Workbook()
    book.active.append(["Skolkod", "Elever"])
    book.active.append(["01234", 11])
    buffer = io.BytesIO()
    book.save(buffer)
    import_pupil_counts(buffer.getvalue(), "a.xlsx", acting_user=world.editor)
    assert School.objects.get(pk=schools[0].pk).pupils == 11


def test_a_school_that_does_not_exist_refuses_the_whole_file(world, schools):
    data = _csv("koulu;kunta;oppilaita", f"Keskuskoulu;{world.a1.name};300", f"Olematon koulu;{world.a1.name};20")
    with pytest.raises(ValidationError) as exc:
        import_pupil_counts(data, "oppilaat.csv", acting_user=world.editor)
    message = " ".join(exc.value.messages)
    assert "oppilaat.csv" in message and "3" in message and "Olematon koulu" in message
    assert School.objects.get(pk=schools[0].pk).pupils is None  # line 2 was not kept either


def test_bad_input_is_refused_with_file_and_line(world, schools):
    cases = [
        (_csv("koulukoodi;oppilaita;oppilaan_nimi", "01234;3;Matti"), 1),  # personal data: refused column
        (_csv("koulukoodi;oppilaita", "01234;-4"), 2),
        (_csv("koulukoodi;oppilaita", "01234;paljon"), 2),
        (_csv("koulukoodi;oppilaita", "01234;5", "01234;6"), 3),  # the same school twice
        (_csv("koulu;oppilaita", "Keskuskoulu;5"), 2),  # no municipality, no code
        (_csv("koulukoodi;oppilaita", "99999;5"), 2),
    ]
    for data, line in cases:
        with pytest.raises(InputError) as exc:
            for row in parse_pupil_counts(data, "p.csv"):
                _school_of(row, "p.csv")
        assert (exc.value.file, exc.value.line) == ("p.csv", line), data


def test_a_school_the_user_may_not_change_refuses_the_file(world, schools):
    with pytest.raises(ValidationError) as exc:
        import_pupil_counts(_csv("koulukoodi;oppilaita", "01234;5"), "p.csv", acting_user=world.other)
    assert "p.csv" in " ".join(exc.value.messages)
    assert School.objects.get(pk=schools[0].pk).pupils is None


def test_the_import_page(world, schools):
    client = client_for(world.editor)
    assert client.get("/facilities/schools/import/").status_code == 200
    upload = SimpleUploadedFile("p.csv", _csv("koulukoodi;oppilaita", "01234;77"), content_type="text/csv")
    response = client.post("/facilities/schools/import/", {"file": upload})
    assert response.status_code == 302 and School.objects.get(pk=schools[0].pk).pupils == 77
    bad = SimpleUploadedFile("p.csv", _csv("koulukoodi;oppilaita", "55555;1"), content_type="text/csv")
    page = client.post("/facilities/schools/import/", {"file": bad})
    assert page.status_code == 200 and "55555" in page.content.decode()
    assert client_for(world.viewer).get("/facilities/schools/import/").status_code == 403


def test_the_command_and_the_page_accept_and_refuse_the_same_file(world, schools, tmp_path):
    from django.core.management import CommandError, call_command

    bad = _csv("koulukoodi;oppilaita", "01234;5", "77777;6")
    path = tmp_path / "oppilaat.csv"
    path.write_bytes(bad)
    with pytest.raises(CommandError) as cli:
        call_command("import_pupil_counts", str(path), "--user", world.editor.username)
    page = client_for(world.editor).post("/facilities/schools/import/", {
        "file": SimpleUploadedFile("oppilaat.csv", bad, content_type="text/csv")})
    assert "77777" in str(cli.value) and "77777" in page.content.decode()
    assert School.objects.get(pk=schools[0].pk).pupils is None
    path.write_bytes(_csv("koulukoodi;oppilaita", "01234;5"))
    out = io.StringIO()
    call_command("import_pupil_counts", str(path), "--user", world.editor.username, stdout=out)
    assert "1 schools" in out.getvalue() and School.objects.get(pk=schools[0].pk).pupils == 5


def test_refusals_name_the_columns_as_the_file_writes_them(world, schools):
    """Walk 5, #8: the file's own header, not the internal name; the accepted names fi / sv / en."""
    from django.utils import translation

    with translation.override("fi"):
        with pytest.raises(ValidationError) as exc:
            import_pupil_counts(_csv("Koulukoodi;Oppilasmäärä", "01234;-3"), "o.csv", acting_user=world.editor)
        assert "rivi 2: Oppilasmäärä:" in exc.value.messages[0] and "pupils" not in exc.value.messages[0]
        with pytest.raises(ValidationError) as exc:
            import_pupil_counts(_csv("Koulukoodi;Oppilaita;Laskettu", "01234;3;1.1.2026"), "o.csv",
                                acting_user=world.editor)
        message = exc.value.messages[0]
        assert "'Laskettu'" in message and "oppilaita / elever / pupils" in message
        assert "koulukoodi / skolkod / school_code" in message
        with pytest.raises(ValidationError) as exc:
            import_pupil_counts(_csv("Koulukoodi;Antal_elever", "01234;tre"), "o.csv", acting_user=world.editor)
        assert "Antal_elever:" in exc.value.messages[0]


def test_a_file_with_only_its_header_is_refused(world, schools):
    with pytest.raises(ValidationError) as exc:
        import_pupil_counts(_csv("Koulukoodi;Oppilaita"), "o.csv", acting_user=world.editor)
    assert "o.csv" in exc.value.messages[0] and "ei rivejä" in exc.value.messages[0]
