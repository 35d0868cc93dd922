"""Pages and API of the knowledge base: goal progress, the situational picture, composite, report PDF."""

import pytest
from weasyprint import HTML

from conftest import api_client_for, client_for
from yhdyspinta.indicators import actions
from yhdyspinta.indicators.models import GoalIndicator, IndicatorValue, ReportSection

from .factories import (
    CompositeComponentFactory,
    CompositeFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorSetFactory,
    MeasureFactory,
    SharedGoalFactory,
    WelfareReportFactory,
)


def put(indicator, region, values, sex="total"):
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, region=region, year=y, sex=sex, value=v) for y, v in values.items())


@pytest.fixture
def area_goal(world):
    """A county goal: up from 10 (2020) to 20 (2030); path value in 2024 is 14."""
    ind = IndicatorFactory(title="Liikkuvat lapset", title_fi="Liikkuvat lapset", decimals=1)
    goal = SharedGoalFactory(organisation=world.county_a, title="Lapset liikkuvat", visibility="public")
    GoalIndicatorFactory(goal=goal, indicator=ind)
    put(ind, world.county_a, {2020: 10.0, 2024: 14.5})
    put(ind, world.a1, {2020: 9.0, 2024: 12.0})
    MeasureFactory(goal=goal, title="Liikkumisohjelma", resources="1 htv")
    return goal, ind


def test_goal_progress_for_area_and_each_municipality(world, area_goal):
    goal, _ind = area_goal
    body = api_client_for(None).get(f"/api/v1/indicators/goals/{goal.pk}/progress/").json()
    assert body["status"] == "on_track"
    row = body["indicators"][0]
    assert (row["state"], row["year"], row["value"], row["path_value"]) == ("on_track", 2024, 14.5, 14.0)
    states = {m["region"]: m["state"] for m in row["municipalities"]}
    assert states == {world.a1.pk: "behind", world.a2.pk: "no_data"}
    page = client_for(None).get(goal.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "state-on_track" in page and "state-behind" in page and "state-no_data" in page
    assert "14,5 (2024)" in page or "14.5 (2024)" in page
    assert "Liikkumisohjelma" in page


def test_goal_behind_makes_the_goal_behind(world, area_goal):
    goal, ind = area_goal
    put(ind, world.county_a, {2025: 11.0})
    assert api_client_for(None).get(f"/api/v1/indicators/goals/{goal.pk}/progress/").json()["status"] == "behind"


def test_editor_adds_goal_indicator_through_the_form(world):
    goal = SharedGoalFactory(organisation=world.a1, visibility="internal")
    ind = IndicatorFactory()
    data = {"goal": goal.pk, "indicator": ind.pk, "baseline_year": 2020, "baseline_value": "5",
            "target_year": 2019, "target_value": "1", "direction": "down"}
    editor = client_for(world.editor)
    page = editor.post("/indicators/goals/indicators/add/", data)
    assert page.status_code == 200 and not GoalIndicator.objects.exists()  # target before baseline refused
    assert editor.post("/indicators/goals/indicators/add/", {**data, "target_year": 2030}).status_code == 302
    assert GoalIndicator.objects.get().goal == goal
    other = client_for(world.other)
    assert other.post("/indicators/goals/indicators/add/", {**data, "target_year": 2031}).status_code == 200
    assert GoalIndicator.objects.count() == 1  # b1's editor cannot write a1's goal


def test_situational_picture_side_by_side_in_finnish(world, area_goal):
    _goal, ind = area_goal
    other = IndicatorFactory(title="Väestö", title_fi="Väestö", decimals=0)
    followed = IndicatorSetFactory(organisation=world.county_a, name="Yhteinen tilannekuva")
    followed.indicators.set([ind, other])
    put(other, world.county_a, {2023: 123456.0, 2024: 124567.0})
    put(other, world.a1, {2024: 1234.0})
    put(other, world.a2, {2024: 250000.0})
    put(other, actions.country(), {2024: 5603851.0})
    page = client_for(None).get(f"/indicators/picture/{world.county_a.pk}/", HTTP_ACCEPT_LANGUAGE="fi")
    assert page.status_code == 200
    html = page.content.decode()
    assert "124\xa0567" in html and "5\xa0603\xa0851" in html and "14,5" in html
    assert html.count('role="img"') == 2 and "<caption>" in html
    assert "Alfala" in html and "Alfanen" in html and "Lapset liikkuvat" in html
    # Alfanen differs most from the county: (250000 − 124567) / 124567 = +100,7 %
    assert "Alfanen: 100,7 %" in html
    english = client_for(None).get(f"/indicators/picture/{world.county_a.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "124,567" in english.content.decode()


def test_internal_goal_is_not_on_a_public_picture(world):
    SharedGoalFactory(organisation=world.a1, title="Sisäinen tavoite", visibility="internal")
    page = client_for(None).get(f"/indicators/picture/{world.county_a.pk}/").content.decode()
    assert "Sisäinen tavoite" not in page
    assert "Sisäinen tavoite" in client_for(world.viewer).get(f"/indicators/picture/{world.county_a.pk}/").content.decode()


def test_composite_results_against_hand_computed_values(world):
    comp = CompositeFactory(organisation=world.county_a)
    a = IndicatorFactory(title="A")
    b = IndicatorFactory(title="B")
    CompositeComponentFactory(composite=comp, indicator=a, lower=0, upper=50, weight=2, direction="up")
    CompositeComponentFactory(composite=comp, indicator=b, lower=10, upper=30, weight=1, direction="down")
    put(a, world.a1, {2023: 30.0, 2024: 40.0})  # latest 40 → 80
    put(b, world.a1, {2024: 15.0})              # 100 − 25 = 75 → (2·80 + 75) / 3 = 78.333…
    put(a, world.a2, {2024: 60.0})              # clipped 100; b missing → no index
    body = api_client_for(None).get(f"/api/v1/indicators/composites/{comp.pk}/results/").json()
    by_region = {r["region"]: r for r in body["results"]}
    assert by_region[world.a1.pk]["index"] == pytest.approx(235 / 3)
    assert by_region[world.a1.pk]["scores"] == {str(a.pk): 80.0, str(b.pk): 75.0}
    assert by_region[world.a2.pk]["index"] is None and by_region[world.a2.pk]["missing"] == [b.pk]
    assert world.county_a.pk not in by_region  # computed for municipalities
    page = client_for(None).get(comp.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "78,3" in page and "100,0" in page


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF's objects with compressed object streams inflated (to find the structure tree)."""
    import re
    import zlib

    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def _pdf_text(pdf_bytes, html):
    """The PDF's text: pypdf when installed, else WeasyPrint's laid-out pages of the same document."""
    try:
        from io import BytesIO

        from pypdf import PdfReader
    except ImportError:
        pages = HTML(string=html).render().pages
        out = []

        def walk(box):
            if hasattr(box, "text"):
                out.append(box.text)
            for child in getattr(box, "children", []):
                walk(child)

        for page in pages:
            walk(page._page_box)
        return " ".join(out), len(pages)
    reader = PdfReader(BytesIO(pdf_bytes))
    return " ".join(p.extract_text() for p in reader.pages), len(reader.pages)


def test_report_pdf_renders_with_its_text(world, area_goal):
    from django.template.loader import render_to_string

    goal, ind = area_goal
    report = WelfareReportFactory(organisation=world.county_a, title="Alfan hyvinvointikertomus 2024",
                                  status="approved", year=2024)
    report.goals.set([goal])
    section = ReportSection.objects.create(report=report, theme="children",
                                           analysis="Lasten liikkuminen on lisääntynyt.")
    section.indicators.set([ind])
    response = client_for(None).get(f"/indicators/reports/{report.pk}/pdf/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    objects = _pdf_objects(pdf)
    assert b"/StructTreeRoot" in objects and b"/Lang (fi)" in objects  # tagged PDF/UA with its language
    from yhdyspinta.indicators.views_reports import report_context

    html = render_to_string("indicators/report_pdf.html",
                            {"object": report, "lang": "fi", **report_context(report)})
    text, pages = _pdf_text(pdf, html)
    assert pages >= 1
    for expected in ("Alfan hyvinvointikertomus 2024", "Lasten liikkuminen on lisääntynyt.", "Liikkuvat lapset",
                     "Lapset liikkuvat", "Liikkumisohjelma", "14,5"):
        assert expected in text, expected


def test_indicator_page_shows_values_table(world):
    ind = IndicatorFactory(title="Työttömät", title_fi="Työttömät", decimals=1)
    put(ind, world.a1, {2022: 8.25, 2023: 7.5})
    put(ind, world.a1, {2023: 8.0}, sex="male")
    page = client_for(None).get(f"{ind.get_absolute_url()}?region={world.a1.pk}", HTTP_ACCEPT_LANGUAGE="fi")
    html = page.content.decode()
    assert "7,5" in html and "8,0" in html and 'role="img"' in html


def test_goal_links_interfaces_and_forums_as_the_reader_may_see_them(world):
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory
    from yhdyspinta.cooperation.tests.factories import forum_for

    goal = SharedGoalFactory(organisation=world.county_a, visibility="public")
    public = InterfaceFactory(title="Neuvolan ja varhaiskasvatuksen yhdyspinta", parties=[world.a1, world.county_a])
    hidden = InterfaceFactory(title="Sisäinen yhdyspinta", visibility="internal", parties=[world.a1, world.county_a])
    forum = forum_for(world.a1, name="Hyte-ryhmä")
    goal.interfaces.set([public, hidden])
    goal.forums.set([forum])
    anonymous = client_for(None).get(goal.get_absolute_url()).content.decode()
    assert public.title in anonymous and "Hyte-ryhmä" in anonymous and hidden.title not in anonymous
    assert hidden.title in client_for(world.viewer).get(goal.get_absolute_url()).content.decode()
    body = api_client_for(None).get(f"/api/v1/indicators/goals/{goal.pk}/").json()
    assert body["interfaces"] == [public.pk] and body["forums"] == [forum.pk]
    body = api_client_for(world.viewer).get(f"/api/v1/indicators/goals/{goal.pk}/").json()
    assert set(body["interfaces"]) == {public.pk, hidden.pk}


def test_indicator_set_entered_by_sotkanet_ids(world):
    known = [IndicatorFactory(source_id=sid) for sid in ("127", "186", "322")]
    editor = client_for(world.editor)
    data = {"organisation": world.a1.pk, "name_fi": "THL:n vähimmäistietosisältö", "source_ids": "127, 186 999"}
    page = editor.post("/indicators/sets/add/", data)
    assert page.status_code == 200 and "999" in page.content.decode()
    response = editor.post("/indicators/sets/add/", {**data, "source_ids": "127, 186\n322", "indicators": [known[0].pk]})
    assert response.status_code == 302
    from yhdyspinta.indicators.models import IndicatorSet

    assert set(IndicatorSet.objects.get().indicators.values_list("source_id", flat=True)) == {"127", "186", "322"}


def test_goal_actor_measure_and_report_section_forms(world):
    goal = SharedGoalFactory(organisation=world.a1, visibility="internal")
    report = WelfareReportFactory(organisation=world.a1)
    ind = IndicatorFactory()
    editor = client_for(world.editor)
    assert editor.post("/indicators/goals/actors/add/", {"goal": goal.pk, "actor_type": "ngo",
                                                         "role_fi": "Vertaistuki"}).status_code == 302
    assert editor.post("/indicators/measures/add/", {"goal": goal.pk, "title_fi": "Kerhot", "status": "planned",
                                                     "start": "2025-01-01", "end": "2024-01-01"}).status_code == 200
    assert editor.post("/indicators/measures/add/", {"goal": goal.pk, "title_fi": "Kerhot", "status": "planned",
                                                     "start": "2025-01-01", "indicators": [ind.pk]}).status_code == 302
    assert editor.post("/indicators/reports/sections/add/", {"report": report.pk, "theme": "children",
                                                             "analysis_fi": "Lapset voivat hyvin",
                                                             "order": 1}).status_code == 302
    page = editor.get(goal.get_absolute_url()).content.decode()
    assert "Vertaistuki" in page and "Kerhot" in page
    assert "Lapset voivat hyvin" in editor.get(report.get_absolute_url()).content.decode()
    other = client_for(world.other)
    assert other.post("/indicators/goals/actors/add/", {"goal": goal.pk, "actor_type": "ngo",
                                                        "role_fi": "Ulkopuolinen"}).status_code == 200
    assert goal.actors.count() == 1


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_fast_number_formatter_matches_fi_value(lang):
    from django.utils import translation

    from yhdyspinta.indicators.templatetags.indicator_tags import fi_value, number_formatter

    with translation.override(lang):
        fmt = number_formatter()
        for value, dec in ((1234.5, 1), (14.56, 1), (5603851, 0), (-0.04, 1), (0.999, 2), (None, 1),
                           (-1234567.891, 2), (100.6952, 1)):
            assert fmt(value, dec) == fi_value(value, dec), (value, dec)
    with translation.override("fi"):
        assert number_formatter()(1234.56, 1) == "1\xa0234,6"


def test_report_without_children_section_is_flagged(world):
    report = WelfareReportFactory(organisation=world.a1, status="approved")
    page = client_for(None).get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "no section on children and young people" in page
    ReportSection.objects.create(report=report, theme="children", analysis="Lapset")
    page = client_for(None).get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "no section on children and young people" not in page
