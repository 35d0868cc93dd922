"""No cell of fewer than five respondents is shown, exported or sent by the API."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import api_client_for, client_for

from .. import analysis
from .factories import StudyFactory
from .helpers import long_csv


@pytest.fixture
def small_study(world):
    """Task group 2.1 has 8 respondents, 2.4 only 3: every cell of 2.4 must be suppressed."""
    study = StudyFactory(owner=world.a1, visibility="public")
    data = long_csv({"2.1": 8, "2.4": 3, "2.12": 6}, parties=("2.2", "2.12", "2.13", "2.1", "2.4"))
    response = client_for(world.editor).post(f"/integration/{study.pk}/import/",
                                             {"file": SimpleUploadedFile("a.csv", data), "kind": "long"})
    assert response.status_code == 302
    study.refresh_from_db()
    return study


def _small_cells(res):
    return [c for c in res["cells"] if c["group"] == "2.4"]


def test_publish_cells_is_the_one_rule(small_study):
    res = analysis.results(small_study)
    small = _small_cells(res)
    assert small and all(c["suppressed"] and c["n"] is None and c["mean_index"] is None for c in small)
    big = [c for c in res["cells"] if c["group"] == "2.1"]
    assert big and all(not c["suppressed"] and c["n"] == 8 for c in big)
    # the suppressed direction 2.4 → 2.1 leaves no trace: the symmetric need is the published 2.1 → 2.4
    sym = {(s["a"], s["b"]): s["need"] for s in res["symmetric"]}
    published = next(c for c in res["cells"] if (c["group"], c["party"]) == ("2.1", "2.4"))
    assert sym[("2.1", "2.4")] == pytest.approx(published["mean_index"], abs=1e-3)


def test_page_shows_n_less_than_5(small_study):
    page = client_for(None).get(f"/integration/{small_study.pk}/analysis/").content.decode()
    assert "n&nbsp;&lt;&nbsp;5" in page  # in the grid
    assert "n < 5" in page or "n &lt; 5" in page  # in the long table


def test_exports_show_n_less_than_5(small_study):
    client = client_for(None)
    csv_text = client.get(f"/integration/{small_study.pk}/analysis/", {"export": "csv"}).content.decode("utf-8-sig")
    rows = [line.split(";") for line in csv_text.splitlines()[1:]]
    small = [r for r in rows if r[0] == "2.4"]
    assert small and all(r[4] == "n < 5" and r[5] == r[6] == r[7] == "" for r in small)
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/integration/{small_study.pk}/analysis/",
                                                        {"export": "xlsx"}).content), read_only=True)
    values = [row for row in book.active.iter_rows(values_only=True) if row[0] == "2.4"]
    assert values and all(r[4] == "n < 5" and r[5] is None for r in values)
    # the files say what they are: the study, the address, the time (XLSX on its Metadata sheet)
    assert csv_text.splitlines()[0] == f"Analyysi: {small_study}" and book.sheetnames[-1] == "Metadata"


def test_api_sends_no_small_cell(small_study):
    body = api_client_for(None).get(f"/api/v1/integration/studies/{small_study.pk}/matrix/").json()
    small = [c for c in body["cells"] if c["group"] == "2.4"]
    assert small and all(c["suppressed"] and c["mean_index"] is None and c["n"] is None and c["ci_low"] is None
                         for c in small)
    assert body["min_n"] == 5
    assert "respondents" not in api_client_for(None).get("/api/v1/integration/").json()


def test_size_group_comparison_hides_small_sides(small_study):
    res = analysis.results(small_study)
    by_group = {c["group"]: c for c in res["comparison"]}
    assert by_group["2.4"]["suppressed"] is True and "diff" not in by_group["2.4"]


def test_map_exports_and_results_api(small_study, world):
    from ..views_results import png_available

    client = client_for(None)
    url = f"/integration/{small_study.pk}/analysis/"
    svg = client.get(url, {"export": "svg"})
    assert svg["Content-Type"] == "image/svg+xml" and b'tabindex="0"' in svg.content
    pdf = client.get(url, {"export": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    png = client.get(url, {"export": "png"})
    if png_available():
        assert png.content.startswith(b"\x89PNG")
    else:
        assert png.status_code == 404
    assert client.get(url, {"export": "exe"}).status_code == 404
    api = api_client_for(None)
    clusters = api.get(f"/api/v1/integration/studies/{small_study.pk}/clusters/").json()
    assert clusters["clusters"] and clusters["modularity"] is not None
    boundary = api.get(f"/api/v1/integration/studies/{small_study.pk}/boundary/").json()
    assert boundary["exact"] is True and "key" not in boundary
    from yhdyspinta.core.models import AccessLog

    assert AccessLog.objects.filter(action="export").count() >= 3


@pytest.mark.parametrize("groups, parties", [
    ({}, ()),  # no answers at all
    ({"2.1": 6}, ("2.2",)),  # one pair
    ({"2.1": 6}, ("2.2", "2.12")),  # three nodes
    ({"2.1": 4}, ("2.2", "2.12")),  # everything suppressed
])
def test_tiny_studies_never_fail(world, groups, parties):
    study = StudyFactory(owner=world.a1, visibility="public")
    if groups:
        data = long_csv(groups, parties=parties)
        client_for(world.editor).post(f"/integration/{study.pk}/import/",
                                      {"file": SimpleUploadedFile("a.csv", data), "kind": "long"})
    client = client_for(None)
    for url in (f"/integration/{study.pk}/analysis/", f"/integration/{study.pk}/boundary/",
                f"/integration/{study.pk}/analysis/?export=csv", f"/api/v1/integration/studies/{study.pk}/matrix/",
                f"/api/v1/integration/studies/{study.pk}/clusters/", f"/api/v1/integration/studies/{study.pk}/boundary/"):
        assert client.get(url).status_code == 200, url
