"""The readiness part of the synthetic national data set: one roadmap of tasks × regions ×
periods of status reports (`generate_national`)."""

from datetime import date, timedelta

from yhdyspinta.core.synthetic import Part, insert, n, stream

from .models import (
    Area,
    Period,
    ReportingRegion,
    Roadmap,
    RoadmapTask,
    Status,
    StatusReport,
    quarter_end,
)


def generate(ctx):
    rng = ctx.rng
    roadmap = insert(Roadmap, [{"name": "Kansallinen tiekartta (generoitu)", "owner": ctx.counties[0],
                                "target_date": date(2026, 12, 31), "visibility": "public"}])[0]
    areas = insert(Area, ({"roadmap": roadmap, "code": f"a{k}", "name": f"Osa-alue {k}", "order": k}
                          for k in range(10)))
    tasks = insert(RoadmapTask, (
        {"roadmap": roadmap, "code": f"T{i:04d}", "title": f"Tehtävä {i}", "area": areas[i % len(areas)],
         "due_date": date(2024, 1, 31) + timedelta(days=30 * (i % 36)), "critical": i % 10 == 0, "order": i}
        for i in range(n(1000, ctx.scale, 2))
    ))
    regions = ctx.regions[:300]
    insert(ReportingRegion, ({"roadmap": roadmap, "organisation": o, "order": k} for k, o in enumerate(regions)))
    ends = [date(2024 + m // 12, m % 12 + 1, 28) for m in range(24)]
    periods = insert(Period, ({"roadmap": roadmap, "code": f"{d:%Y-%m}", "end_date": d,
                               "progress_end": quarter_end(d)} for d in ends))
    statuses = [c[0] for c in Status.choices]
    reports = stream(StatusReport, (
        {"period_id": p.pk, "region_id": r.pk, "task_id": t.pk, "status": rng.choice(statuses)}
        for p in periods for r in regions for t in tasks
    ), batch=5000)
    return {"tasks": len(tasks), "regions": len(regions), "periods": len(periods), "status reports": reports}


PARTS = [Part("readiness", 40, generate)]
