"""Interface card, overview matrix from assessments, exports (escaped), PDF, import."""

import datetime
import io

import pytest
from django.utils import translation

from yhdyspinta.catalogue import actions
from yhdyspinta.catalogue.importers import import_services
from yhdyspinta.catalogue.models import Service, ServicePoint
from yhdyspinta.catalogue.queries import area_matrix
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.reasons import Reason
from yhdyspinta.core.tabular import InputError

from .factories import InterfaceFactory, ServiceFactory


def assess_all(interface, actor, values, on=datetime.date(2025, 1, 1)):
    for dimension, value in values.items():
        actions.assess_maturity(interface, acting_user=actor, dimension=dimension, value=value, assessed_on=on)


def test_matrix_from_latest_assessments(world):
    actions.instantiate_templates(world.county_a, actor=world.coordinator, keys=["early-childhood", "rescue"])
    from yhdyspinta.catalogue.models import Interface

    ec_a1 = Interface.objects.get(template__key="early-childhood", template_for=world.a1)
    assess_all(ec_a1, world.editor, {"processes": 0, "resourcing": 3}, on=datetime.date(2024, 1, 1))
    assess_all(ec_a1, world.editor, {"processes": 2, "shared_goals": 3}, on=datetime.date(2025, 1, 1))
    municipalities, table = area_matrix(world.county_a, Interface.objects.all())
    assert [m.name for m in municipalities] == ["Alfala", "Alfanen"]
    row = next(r for r in table if r["row"].startswith("Alle kouluikäisten"))
    cells = {m.pk: cell for m, cell, link in row["cells"]}
    # latest per dimension: processes 2 (newer), resourcing 3, shared_goals 3
    assert cells[world.a1.pk] == {"min": 2, "mean": 2.7, "assessed": 3, "total": 9}
    assert cells[world.a2.pk]["min"] is None
    assert row["weakest"][0][1] is None  # unassessed dimensions listed first
    assert len(table) == 2


def test_card_and_overview_pages(world, as_user):
    interface = InterfaceFactory(parties=[world.a1, world.county_a], visibility="public",
                                 internal_notes="Vain jäsenille", where_client_fi="Neuvolassa")
    actions.set_responsibility(interface, world.a1, world.editor, text_fi="Päiväkodin vastuu")
    actions.set_responsibility(interface, world.county_a, world.editor, text_fi="Neuvolan vastuu")
    assess_all(interface, world.editor, {"escalation": 1})
    member = as_user(world.viewer).get(interface.get_absolute_url()).content.decode()
    assert "Vain jäsenille" in member and "Päiväkodin vastuu" in member and "Neuvolan vastuu" in member
    assert "1 – " in member
    outsider = as_user(world.other).get(interface.get_absolute_url()).content.decode()
    assert "Neuvolassa" in outsider and "Vain jäsenille" not in outsider
    assert as_user(None).get(interface.get_absolute_url()).status_code == 200
    overview = as_user(world.coordinator).get("/catalogue/overview/", {"area": world.county_a.pk})
    assert overview.status_code == 200 and interface.title in overview.content.decode()
    assert interface.title in as_user(world.national).get("/catalogue/overview/").content.decode()  # default area
    assert as_user(None).get("/catalogue/overview/").status_code == 302
    assert as_user(world.viewer).get("/catalogue/overview/national/").status_code == 403
    national = as_user(world.national).get("/catalogue/overview/national/")
    assert national.status_code == 200 and world.county_a.name in national.content.decode()


def test_overview_pages_its_rows_and_exports_them_all(world, as_user, monkeypatch):
    from yhdyspinta.catalogue.views import OverviewView

    monkeypatch.setattr(OverviewView, "MATRIX_ROWS", 1)
    first = InterfaceFactory(parties=[world.a1, world.county_a], title="Aaa-yhdyspinta", title_fi="Aaa-yhdyspinta")
    second = InterfaceFactory(parties=[world.a2, world.county_a], title="Bbb-yhdyspinta", title_fi="Bbb-yhdyspinta")
    client = as_user(world.coordinator)
    page1 = client.get("/catalogue/overview/", {"area": world.county_a.pk}).content.decode()
    assert first.title in page1 and second.title not in page1 and "Rivit 1–1 / 2" in page1
    page2 = client.get("/catalogue/overview/", {"area": world.county_a.pk, "rows": 2}).content.decode()
    assert second.title in page2 and first.title not in page2
    export = client.get("/catalogue/overview/", {"area": world.county_a.pk, "export": "csv"}).content.decode()
    assert first.title in export and second.title in export


def test_assessment_form_keeps_history(world, as_user):
    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    client = as_user(world.editor)
    for value in ("1", "2"):
        response = client.post(f"/catalogue/interfaces/{interface.pk}/assess/",
                               {"assessed_on": "2025-03-01", "dim_processes": value})
        assert response.status_code == 302
    assert interface.assessments.count() == 2
    assert interface.latest_assessments()["processes"].value == 2
    assert as_user(world.other).get(f"/catalogue/interfaces/{interface.pk}/assess/").status_code == 403


def test_exports_escape_formulas(world, as_user):
    ServiceFactory(organisation=world.a1, name="=HYPERLINK(\"http://x\")", legal_basis="+cmd|' /C calc'!A0")
    client = as_user(world.viewer)
    csv_text = client.get("/catalogue/services/", {"export": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+cmd" in csv_text
    interface = InterfaceFactory(parties=[world.a1, world.county_a], title="@SUM(A1)")
    overview = client.get("/catalogue/overview/", {"area": world.county_a.pk, "export": "csv"})
    assert "'@SUM(A1)" in overview.content.decode("utf-8-sig")
    xlsx = client.get("/catalogue/overview/", {"area": world.county_a.pk, "export": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "'@SUM(A1)" in values
    assert interface.pk


def test_pdf_exports(world, as_user):
    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    client = as_user(world.viewer)
    card = client.get(f"/catalogue/interfaces/{interface.pk}/card.pdf")
    assert card.status_code == 200 and card.content.startswith(b"%PDF")
    overview = client.get("/catalogue/overview/", {"area": world.county_a.pk, "export": "pdf"})
    assert overview.status_code == 200 and overview.content.startswith(b"%PDF")


CSV_OK = ("organisation_code;field;name_fi;name_en;point_name;street_address\n"
          "{a1};early_childhood;Päiväkoti Kuusi;Kuusi day care;Päiväkoti Kuusi;Kuusikatu 1\n"
          "{county};child_health_clinic;Neuvola;Clinic;;\n")


def test_import_services_all_rows(world):
    data = CSV_OK.format(a1=world.a1.code, county=world.county_a.code).encode()
    created = import_services(data, world.coordinator, name="palvelut.csv")
    assert len(created) == 2
    assert ServicePoint.objects.get().street_address == "Kuusikatu 1"


def test_import_refuses_whole_file_naming_the_row(world):
    bad = CSV_OK.format(a1=world.a1.code, county=world.county_a.code) + f"{world.a1.code};nonsense;Outo;;;\n"
    with pytest.raises(InputError) as exc:
        import_services(bad.encode(), world.coordinator, name="palvelut.csv")
    assert str(exc.value) == "palvelut.csv, line 4: field: unknown value 'nonsense'"
    assert not Service.objects.exists() and not ServicePoint.objects.exists()


def test_import_xlsx_and_page_errors(world, as_user):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["organisation_code", "field", "name_fi"])
    sheet.append([world.a1.code, "youth_work", "Ohjaamo"])
    sheet.append(["999999", "youth_work", "Ei kuntaa"])
    buffer = io.BytesIO()
    book.save(buffer)
    client = as_user(world.editor)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "palvelut.xlsx"
    response = client.post("/catalogue/services/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "999999" in page
    # the reason in the page's language (Finnish by default), not the importer's English
    assert "palvelut.xlsx, rivi 3: organisation_code: koodilla" in page and "ei löydy organisaatiota" in page
    assert "line 3" not in page and "no organisation with code" not in page
    assert not Service.objects.exists()


def test_import_reason_is_translatable(world):
    bad = CSV_OK.format(a1=world.a1.code, county=world.county_a.code) + f"{world.a1.code};nonsense;Outo;;;\n"
    with pytest.raises(InputError) as exc:
        import_services(bad.encode(), world.coordinator, name="palvelut.csv")
    assert isinstance(exc.value.reason, Reason)
    assert exc.value.reason.template == "field: unknown value '%(value)s'"
    assert exc.value.reason.params == {"value": "nonsense"}
    with translation.override("fi"):
        assert error_message(exc.value) == "palvelut.csv, rivi 4: field: tuntematon arvo 'nonsense'"
    with translation.override("sv"):
        assert error_message(exc.value) == "palvelut.csv, rad 4: field: okänt värde 'nonsense'"


def test_import_page_shows_the_reason_in_swedish(world, as_user):
    client = as_user(world.editor)
    client.cookies["django_language"] = "sv"
    upload = io.BytesIO(b"organisation_code;field;name_fi;visibility\n"
                        + f"{world.a1.code};youth_work;Ohjaamo;secret\n".encode())
    upload.name = "tjanster.csv"
    page = client.post("/catalogue/services/import/", {"file": upload}).content.decode()
    assert "tjanster.csv, rad 2: visibility: använd public eller internal, inte" in page
    assert "use public or internal" not in page
    assert not Service.objects.exists()


def _services_xlsx_with(world, part, old, new):
    """A valid services XLSX (shared strings) with one XML part edited."""
    from tests.xlsx import with_part_edited
    from yhdyspinta.core.exports import rows_to_xlsx

    data = rows_to_xlsx(["organisation_code", "field", "name_fi"], [[world.a1.code, "youth_work", "Ohjaamo"]])
    return with_part_edited(data, part, old, new)


@pytest.mark.parametrize("part, old, new, reason", [
    ("xl/workbook.xml", b'<sheet name="Data" sheetId="1" r:id="rId1"/>', b"", "no sheets"),  # was IndexError
    ("xl/worksheets/sheet1.xml", b"<v>3</v>", b"<v>99</v>", "not a readable XLSX sheet"),  # no shared string 99
])
def test_import_refuses_xlsx_that_openpyxl_cannot_stream(world, part, old, new, reason):
    """Found by bench/fuzz/fuzz_catalogue.py: xlsx_to_rows let these escape as IndexError."""
    data = _services_xlsx_with(world, part, old, new)
    with pytest.raises(InputError) as exc:
        import_services(data, world.coordinator, name="palvelut.xlsx")
    assert exc.value.file == "palvelut.xlsx" and reason in exc.value.reason
    assert not Service.objects.exists()


def test_card_exports_escape_and_hide_internal_notes(world, as_user):
    interface = InterfaceFactory(parties=[world.a1, world.county_a], where_client_fi="-Neuvolassa",
                                 internal_notes="Vain jäsenille")
    InterfaceFactory(parties=[world.b1, world.county_b], title="Betan yhdyspinta")
    member = as_user(world.viewer).get("/catalogue/interfaces/cards.csv", {"pk": interface.pk})
    text = member.content.decode("utf-8-sig")
    assert "'-Neuvolassa" in text and "Vain jäsenille" in text and "Betan" not in text
    outsider = as_user(world.other).get("/catalogue/interfaces/cards.csv").content.decode("utf-8-sig")
    assert "'-Neuvolassa" in outsider and "Vain jäsenille" not in outsider and "Betan yhdyspinta" in outsider
    assert as_user(None).get("/catalogue/interfaces/cards.xlsx").status_code == 200
    assert as_user(None).get("/catalogue/interfaces/cards.txt").status_code == 404


def test_internal_owner_names_only_for_those_who_may_see_them(world, as_user):
    from tests.factories import PersonFactory

    owner = PersonFactory(organisation=world.a1, first_name="Sisäinen", last_name="Omistaja", visibility="internal")
    interface = actions.create_interface(acting_user=world.editor, parties=[world.a1, world.county_a], owners=[owner],
                                         title="Neuvola", theme="early_childhood", client_group="children_families",
                                         visibility="public")
    assert "Sisäinen Omistaja" in as_user(world.viewer).get(interface.get_absolute_url()).content.decode()
    assert "Sisäinen Omistaja" not in as_user(world.other).get(interface.get_absolute_url()).content.decode()
    export = as_user(None).get("/catalogue/interfaces/cards.csv").content.decode("utf-8-sig")
    assert "Neuvola" in export and "Sisäinen Omistaja" not in export
