"""Every page renders for anonymous visitors and shows the figures with band text."""

from conftest import client_for
from yhdyspinta.readiness.models import Period


def test_pages_render(demo_roadmap):
    client = client_for(None)
    october = demo_roadmap.periods.get(code="2021-10")
    helsinki = demo_roadmap.reporting_regions.get(label="Helsinki").organisation_id
    hus = demo_roadmap.reporting_regions.get(label="HUS").organisation_id
    pages = [
        "/readiness/", demo_roadmap.get_absolute_url(), f"/readiness/periods/{october.pk}/",
        f"/readiness/periods/{october.pk}/areas/yhdyspinnat/", f"/readiness/periods/{october.pk}/map/",
        f"/readiness/periods/{october.pk}/map/?figure=done_pct&area=ict",
        f"/readiness/periods/{october.pk}/overdue/", f"/readiness/periods/{october.pk}/regions/{helsinki}/",
        f"/readiness/periods/{october.pk}/regions/{hus}/", f"/readiness/{demo_roadmap.pk}/trend/",
        f"/readiness/{demo_roadmap.pk}/trend/?region={helsinki}&figure=in_progress_pct", "/readiness/reports/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    national = client.get(f"/readiness/periods/{october.pk}/").content.decode()
    assert "band-gt75" in national and "&gt;75" in national
    assert "ei raportoitu" in national
    assert national.count("<tr>") >= 23 * 2


def test_exports(demo_roadmap):
    client = client_for(None)
    period = Period.objects.get(roadmap=demo_roadmap, code="2021-10")
    xlsx = client.get(f"/readiness/periods/{period.pk}/", {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(f"/readiness/periods/{period.pk}/", {"export": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv = client.get(f"/readiness/periods/{period.pk}/", {"export": "csv"}).content.decode("utf-8-sig")
    lines = csv.splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("Alue;Tila"))
    assert "Etelä-Karjala" in lines[header_at + 1]
    assert any(line.startswith("Lähde: Yhdyspinta") for line in lines[:header_at])  # metadata lines first
    roadmap_csv = client.get(f"/readiness/{demo_roadmap.pk}/export/").content.decode("utf-8-sig")
    assert roadmap_csv.splitlines()[0].startswith("task_id;area;subarea;title;due")  # Finnish CSV: ";"


def test_a_roadmap_download_in_a_format_not_made_is_refused_not_a_csv(demo_roadmap):
    client = client_for(None)
    assert client.get(f"/readiness/{demo_roadmap.pk}/export/", {"format": "pdf"}).status_code == 404
    xlsx = client.get(f"/readiness/{demo_roadmap.pk}/export/", {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
