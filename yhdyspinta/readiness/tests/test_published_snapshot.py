"""Published means frozen: closing stores the figures as a snapshot that later roadmap or status
edits never change, and the close/reopen history is kept."""

import pytest
from django.core.exceptions import ValidationError

from conftest import api_client_for, client_for
from tests.factories import member
from yhdyspinta.readiness import actions, queries
from yhdyspinta.readiness.loaders import clear_cache, differing, figures_for, published
from yhdyspinta.readiness.models import PeriodEvent, PublishedFigures
from yhdyspinta.readiness.reference_2021 import load_published


@pytest.fixture
def owner(demo_roadmap):
    return member(demo_roadmap.owner, "editor")


def national_csv(client, period):
    """The export without its "generated at" metadata line (the one line that names the time)."""
    content = client.get(f"/readiness/periods/{period.pk}/?export=csv").content.decode("utf-8")
    return [line for line in content.split("\r\n") if not line.startswith(("Muodostettu", "Generated at"))]


def published_cells(period):
    data = figures_for(period)
    label = {r.organisation_id: r.label for r in data.regions}
    return {(label[f.region], f.area, f.subarea): f for f in data.figures}


def test_a_roadmap_import_after_closing_leaves_the_published_figures_identical(demo_roadmap, owner):
    october = demo_roadmap.periods.get(code="2021-10")
    assert october.closed and PublishedFigures.objects.filter(period=october).count() == 1
    client = client_for(owner)
    before_page = client.get(f"/readiness/periods/{october.pk}/").content.decode()
    before_csv = national_csv(client, october)
    before_api = api_client_for(owner).get(f"/api/v1/readiness/periods/{october.pk}/figures/").json()
    before = published(october)[1]
    # the roadmap gains one task due in Q4/2021 (the case that changed 40 of 315 published cells)
    header, rows = queries.export_roadmap(demo_roadmap)
    rows.append(["X-EXTRA", rows[0][1], "", "Uusi tehtävä", "2021-12-31", "no", "", ""])
    data = ("\n".join(",".join(header if i < 0 else rows[i]) for i in range(-1, len(rows))) + "\n").encode()
    assert actions.import_roadmap(demo_roadmap, data, "roadmap.csv", actor=owner)["created"] == 1
    clear_cache()
    october.refresh_from_db()
    # the snapshot, every view of it, the export and the API are unchanged
    assert published(october)[1] == before
    assert national_csv(client, october) == before_csv
    assert api_client_for(owner).get(f"/api/v1/readiness/periods/{october.pk}/figures/").json() == before_api
    page = client.get(f"/readiness/periods/{october.pk}/").content.decode()
    assert page.count('class="num') == before_page.count('class="num')
    # the 10/2021 national table still reproduces from the published snapshot
    cells = published_cells(october)
    for (region, area), (due, pct) in load_published()["progress"].items():
        assert (cells[(region, area, "")].roadmap_due, cells[(region, area, "")].progress_pct) == (due, pct)
    # ... and the revision is visible: the current data differ, both versions can be seen
    live = figures_for(october, live=True)
    changed = differing(before, live)
    assert changed > 0
    assert 'href="?version=current"' in page
    current = client.get(f"/readiness/periods/{october.pk}/?version=current").content.decode()
    assert 'href="?version=current"' not in current and 'href="?"' in current
    assert current.count('class="num') == page.count('class="num')  # same table shape, other numbers


def test_reopen_and_close_keep_the_history_and_the_first_closing(demo_roadmap, owner):
    october = demo_roadmap.periods.get(code="2021-10")
    first_closed_at = october.closed_at
    assert first_closed_at is not None
    actions.reopen_period(october, actor=owner)
    october.refresh_from_db()
    assert not october.closed and october.closed_at == first_closed_at
    actions.close_period(october, actor=owner)
    october.refresh_from_db()
    assert october.closed and october.closed_at == first_closed_at
    events = list(PeriodEvent.objects.filter(period=october).values_list("action", "by", "publication__number"))
    assert events == [("closed", None, 1), ("reopened", owner.pk, None), ("closed", owner.pk, 2)]
    assert list(october.publications.values_list("number", flat=True)) == [1, 2]
    assert published(october)[0].number == 2 and published(october)[0].published_by == owner
    page = client_for(owner).get(f"/readiness/periods/{october.pk}/").content.decode()
    assert "period-history" in page
    with pytest.raises(ValidationError, match="2021-10"):
        actions.close_period(october, actor=owner)


def test_an_open_period_is_computed_live(demo_roadmap):
    november = demo_roadmap.periods.get(code="2021-11")
    assert published(november) is None
    assert figures_for(november) == figures_for(november, live=True)
