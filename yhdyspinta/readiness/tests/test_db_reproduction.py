"""The demo data in the database reproduces VM's published 10/2021 tables cell by cell."""

from yhdyspinta.readiness import demo
from yhdyspinta.readiness.loaders import figures_for
from yhdyspinta.readiness.reference_2021 import load_published


def _cells(period):
    data = figures_for(period, use_cache=False)
    label = {r.organisation_id: r.label for r in data.regions}
    return {(label[f.region], f.area, f.subarea): f for f in data.figures}


def test_national_tables_from_the_database_equal_the_published_ones(demo_roadmap):
    period = demo_roadmap.periods.get(code="2021-10")
    cells = _cells(period)
    published = load_published()
    assert len(published["readiness"]) > 100
    for (region, area), (ip, done) in published["readiness"].items():
        f = cells[(region, area, "")]
        assert (f.in_progress_pct, f.done_pct) == (ip, done), (region, area)
    for (region, area), (due, pct) in published["progress"].items():
        f = cells[(region, area, "")]
        assert (f.roadmap_due, f.progress_pct) == (due, pct), (region, area)
    for (region, sub), (due, pct) in published["yhdyspinnat"].items():
        f = cells[(region, "yhdyspinnat", "" if sub == "total" else sub)]
        assert (f.roadmap_due, f.progress_pct) == (due, pct), (region, sub)
    hus = [f for key, f in cells.items() if key[0] == "HUS"]
    assert hus and all(not f.reported and f.progress_pct is None for f in hus)


def test_demo_is_idempotent_and_november_advances(demo_roadmap):
    from yhdyspinta.readiness.models import StatusReport

    count = StatusReport.objects.count()
    demo.load()
    assert StatusReport.objects.count() == count
    october = _cells(demo_roadmap.periods.get(code="2021-10"))
    november = _cells(demo_roadmap.periods.get(code="2021-11"))
    assert demo_roadmap.periods.get(code="2021-10").closed
    assert not demo_roadmap.periods.get(code="2021-11").closed
    advanced = [k for k, f in october.items() if f.reported and november[k].progress_pct > f.progress_pct]
    assert advanced
    assert all(november[k].progress_pct >= f.progress_pct for k, f in october.items() if f.reported
               and f.progress_pct is not None)
