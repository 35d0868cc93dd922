"""Import of inventory items: Finnish habits accepted, bad rows refused with file/line/reason, all or nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import client_for
from yhdyspinta.core.tabular import InputError
from yhdyspinta.transfers import importing
from yhdyspinta.transfers.models import ChecklistTemplateItem, InventoryItem

pytestmark = pytest.mark.django_db

HEADER = "Laji;Nimi;Mistä;Mihin;Vastuuorganisaatio;Päätös;Määräaika;Tila;Kustannus;Henkilöstö;HTV\r\n"


def _file(world, *rows, encoding="utf-8-sig"):
    text = HEADER + "".join(r.format(county=world.county_a.name, a1=world.a1.name, a2=world.a2.name) + "\r\n"
                            for r in rows)
    return text.encode(encoding)


def test_finnish_csv_in_windows_1252_with_decimal_commas_and_finnish_dates(world, project):
    ChecklistTemplateItem.objects.create(kind="staff_group", text="Siirtolista henkilöstöstä (lukumäärät)")
    data = _file(world, "sopimus;Siivouksen puitesopimus;{county};{a1};{a1};siirtyy;31.12.2024;avoin;12 500,50;;",
                 "henkilöstöryhmä;Työnvälitys;{county};{a1};{a1};siirtyy;1.1.2025;käynnissä;1 200 000;24;22,5",
                 encoding="cp1252")
    created = importing.import_items(project, data, "inventaario.csv", acting_user=world.editor)
    assert len(created) == 2
    staff = InventoryItem.objects.get(kind="staff_group")
    assert (staff.internal_headcount, str(staff.internal_fte), staff.status) == (24, "22.5", "in_progress")
    assert str(InventoryItem.objects.get(kind="contract").internal_cost) == "12500.50"
    assert staff.checks.count() == 1


def test_unknown_party_row_refused_naming_file_line_and_nothing_written(world, project):
    data = _file(world, "sopimus;Hyvä rivi;{county};{a1};{a1};siirtyy;;;;;",
                 "sopimus;Väärä osapuoli;{county};{a2};{a1};siirtyy;;;;;")
    with pytest.raises(InputError) as exc:
        importing.import_items(project, data, "inventaario.csv", acting_user=world.editor)
    assert (exc.value.file, exc.value.line, exc.value.column) == ("inventaario.csv", 3, "to_party")
    assert "not a party of the transfer project" in exc.value.reason
    assert not InventoryItem.objects.exists()


@pytest.mark.parametrize(("row", "column"), [
    ("kirja;X;{county};{a1};{a1};siirtyy;;;;;", "kind"),
    ("sopimus;X;{county};{a1};{a1};ehkä;;;;;", "decision"),
    ("sopimus;X;{county};{a1};{a1};siirtyy;32.13.2024;;;;", "due_date"),
    ("sopimus;X;{county};{a1};{a1};siirtyy;;;paljon;;", "cost"),
    ("sopimus;X;{county};{a1};{a1};siirtyy;;;-5;;", "cost"),
    ("sopimus;;{county};{a1};{a1};siirtyy;;;;;", "title"),
])
def test_bad_values_refused_on_their_line(world, project, row, column):
    with pytest.raises(InputError) as exc:
        importing.import_items(project, _file(world, "sopimus;Hyvä;{county};{a1};{a1};;;;;;", row), "x.csv",
                               acting_user=world.editor)
    assert (exc.value.line, exc.value.column) == (3, column)
    assert not InventoryItem.objects.exists()


def test_rule_of_the_model_refuses_the_row_by_line(world, project):
    data = _file(world, "sopimus;Ok;{county};{a1};{a1};;;;;;", "sopimus;Henkilöitä sopimuksessa;{county};{a1};{a1};;;;;3;")
    with pytest.raises(InputError) as exc:
        importing.import_items(project, data, "x.csv", acting_user=world.editor)
    assert exc.value.line == 3
    assert not InventoryItem.objects.exists()


def test_outsider_cannot_import(world, project):
    response = client_for(world.other).post(f"/transfers/{project.pk}/import/", {
        "file": _upload(_file(world, "sopimus;Ok;{county};{a1};{a1};;;;;;"))})
    assert response.status_code in (200, 403)
    assert not InventoryItem.objects.exists()


def _upload(data, name="inventaario.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_page_imports_and_shows_refusal(world, project):
    client = client_for(world.editor)
    bad = client.post(f"/transfers/{project.pk}/import/", {
        "file": _upload(_file(world, "sopimus;Väärä;{county};{a2};{a1};;;;;;"))})
    assert bad.status_code == 200 and "inventaario.csv" in bad.content.decode()
    assert not InventoryItem.objects.exists()
    good = client.post(f"/transfers/{project.pk}/import/", {
        "file": _upload(_file(world, "sopimus;Ok;{county};{a1};{a1};;;;;;"))})
    assert good.status_code == 302
    assert InventoryItem.objects.count() == 1


def test_command_imports_and_refuses_like_the_page(world, project, tmp_path):
    path = tmp_path / "inventaario.csv"
    path.write_bytes(_file(world, "sopimus;Väärä;{county};{a2};{a1};;;;;;"))
    with pytest.raises(CommandError, match="inventaario.csv, line 2"):
        call_command("import_transfer_items", str(path), project=project.pk, user=world.editor.username)
    path.write_bytes(_file(world, "arkisto;Asiakirjat 2019–2024;{county};{a1};{a1};siirtyy;;;;;"))
    out = StringIO()
    call_command("import_transfer_items", str(path), project=project.pk, user=world.editor.username, stdout=out)
    assert "1 items imported" in out.getvalue()
