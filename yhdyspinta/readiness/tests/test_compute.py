"""compute.py against hand counts and a naive re-count (hypothesis)."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yhdyspinta.readiness.compute import (
    DONE,
    IN_PROGRESS,
    NOT_APPLICABLE,
    NOT_STARTED,
    ON_SCHEDULE,
    STATUSES,
    Task,
    band,
    compute_figures,
    normalise_status,
    round_half_up,
)

D = date(2021, 12, 31)


@pytest.mark.parametrize(
    ("n", "d", "pct"),
    [(1, 8, 13), (5, 8, 63), (3, 8, 38), (57, 200, 29), (29, 200, 15), (1, 40, 3),
     (1, 3, 33), (2, 3, 67), (0, 5, 0), (5, 5, 100), (6, 14, 43), (0, 0, None), (3, 0, None)],
)
def test_round_half_up(n, d, pct):
    assert round_half_up(n, d) == pct


def test_round_half_up_is_not_bankers_rounding():
    # Python's round() gives 14 and 12 here; VM's tables round half up.
    assert (round(29 / 200 * 100), round(1 / 8 * 100)) == (14, 12)
    assert (round_half_up(29, 200), round_half_up(1, 8)) == (15, 13)


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_round_half_up_matches_decimal(n, d):
    exact = (Decimal(100 * n) / Decimal(d)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert round_half_up(n, d) == int(exact)


@pytest.mark.parametrize(
    ("pct", "expected"),
    [(0, "lt25"), (24, "lt25"), (25, "25-49"), (49, "25-49"), (50, "50-75"), (75, "50-75"),
     (76, "gt75"), (100, "gt75"), (None, None)],
)
def test_band(pct, expected):
    assert band(pct) == expected


def test_finnish_status_names():
    assert [normalise_status(s) for s in
            ("ei_aloitettu", "Käynnissä", "valmistuu_aikataulussa", "valmis", "ei_koske")] == [
        NOT_STARTED, IN_PROGRESS, ON_SCHEDULE, DONE, NOT_APPLICABLE]
    with pytest.raises(ValueError, match="unknown status"):
        normalise_status("aloitettu")


def _tasks():
    return [
        Task("T1", "HTT", "A", "t1", date(2021, 6, 30)),
        Task("T2", "HTT", "A", "t2", date(2021, 12, 31)),
        Task("T3", "HTT", "B", "t3", date(2022, 6, 30)),
        Task("T4", "ICT", "", "t4", date(2021, 9, 30)),
        Task("T5", "ICT", "", "t5", date(2023, 6, 30)),
    ]


def _row(figures, region, area, subarea=""):
    (row,) = [f for f in figures if (f.region, f.area, f.subarea) == (region, area, subarea)]
    return row


def test_hand_counted_example():
    statuses = {
        "R1": {"T1": ON_SCHEDULE, "T3": DONE, "T5": IN_PROGRESS},  # T2, T4 missing: not started
        "R2": {"T1": "valmis", "T2": "käynnissä", "T4": "ei_koske"},
        "HUS": {},
    }
    figs = compute_figures(_tasks(), statuses, D, date(2023, 1, 1))
    assert [(f.region, f.area, f.subarea) for f in figs[:5]] == [
        ("R1", "HTT", ""), ("R1", "HTT", "A"), ("R1", "HTT", "B"), ("R1", "ICT", ""), ("R1", "", "")]
    total = _row(figs, "R1", "")
    assert (total.applicable, total.in_progress_pct, total.done_pct, total.due,
            total.progress_pct) == (4, 25, 25, 3, 33)
    sub_b = _row(figs, "R1", "HTT", "B")
    assert (sub_b.applicable, sub_b.done_pct, sub_b.due, sub_b.progress_pct) == (1, 100, 0, None)
    ict2 = _row(figs, "R2", "ICT")
    assert (ict2.applicable, ict2.in_progress_pct, ict2.due, ict2.progress_pct) == (0, None, 0, None)
    assert (ict2.roadmap_tasks, ict2.roadmap_due) == (1, 1)
    htt2 = _row(figs, "R2", "HTT")
    assert (htt2.in_progress_pct, htt2.done_pct, htt2.progress_pct) == (33, 33, 100)
    hus = [f for f in figs if f.region == "HUS"]
    assert len(hus) == 5 and not any(f.reported for f in hus)
    assert all(f.applicable is None and f.in_progress_pct is None and f.progress_pct is None
               for f in hus)
    assert _row(figs, "HUS", "").roadmap_tasks == 4


def test_target_none_counts_every_task():
    figs = compute_figures(_tasks(), {"R1": {"T5": IN_PROGRESS}}, D, None)
    assert (_row(figs, "R1", "ICT").applicable, _row(figs, "R1", "ICT").in_progress_pct) == (2, 50)
    assert _row(figs, "R1", "").applicable == 5


def test_unknown_task_or_status_raises():
    with pytest.raises(ValueError, match="T9"):
        compute_figures(_tasks(), {"R1": {"T9": DONE}}, D)
    with pytest.raises(ValueError, match="started"):
        compute_figures(_tasks(), {"R1": {"T1": "started"}}, D)


# --- property tests: percentages equal a direct count -----------------------------------

DAY0 = date(2021, 1, 1)
task_lists = st.lists(
    st.tuples(st.sampled_from(["A1", "A2", "A3"]), st.sampled_from(["", "x", "y"]),
              st.integers(0, 900)),
    min_size=1, max_size=40,
).map(lambda rows: [Task(f"t{i}", a, s if a != "A3" else "", "", DAY0 + timedelta(days=d))
                    for i, (a, s, d) in enumerate(rows)])
status_or_missing = st.sampled_from([*STATUSES, "ei_koske", "valmis", None])


@st.composite
def scenarios(draw):
    tasks = draw(task_lists)
    regions = {}
    for r in range(draw(st.integers(1, 4))):
        drawn = [draw(status_or_missing) for _ in tasks]
        regions[f"R{r}"] = {t.task_id: s for t, s in zip(tasks, drawn) if s is not None}
    period_end = DAY0 + timedelta(days=draw(st.integers(0, 900)))
    target = draw(st.one_of(st.none(), st.integers(0, 900).map(lambda d: DAY0 + timedelta(d))))
    return tasks, regions, period_end, target


def _naive(tasks, statuses, period_end, target, area, subarea):
    def canon(t):
        return normalise_status(statuses.get(t.task_id, NOT_STARTED))

    scope = [t for t in tasks if (not area or t.area == area) and (not subarea or
                                                                     t.subarea == subarea)]
    applicable = [t for t in scope if canon(t) != NOT_APPLICABLE and (target is None or
                                                                      t.due <= target)]
    due = [t for t in scope if canon(t) != NOT_APPLICABLE and t.due <= period_end]
    ip = sum(canon(t) in (IN_PROGRESS, ON_SCHEDULE) for t in applicable)
    done = sum(canon(t) == DONE for t in applicable)
    started = sum(canon(t) in (IN_PROGRESS, ON_SCHEDULE, DONE) for t in due)

    def pct(n, d):
        return None if d == 0 else int((Decimal(100 * n) / d).quantize(1, ROUND_HALF_UP))

    return (len(applicable), pct(ip, len(applicable)), pct(done, len(applicable)), len(due),
            pct(started, len(due)))


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_percentages_equal_direct_count(scenario):
    tasks, regions, period_end, target = scenario
    figs = compute_figures(tasks, regions, period_end, target)
    expected_rows = 0
    for region, statuses in regions.items():
        areas = list(dict.fromkeys(t.area for t in tasks))
        expected_rows += 1 + len(areas) + len({(t.area, t.subarea) for t in tasks if t.subarea})
        for f in (f for f in figs if f.region == region):
            got = (f.applicable, f.in_progress_pct, f.done_pct, f.due, f.progress_pct)
            if not statuses:
                assert not f.reported and got == (None,) * 5
            else:
                assert got == _naive(tasks, statuses, period_end, target, f.area, f.subarea)
    assert len(figs) == expected_rows


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.lists(st.tuples(st.sampled_from(["A1", "A2"]), st.integers(0, 900)),
                             min_size=1, max_size=10))
def test_not_applicable_tasks_never_count(scenario, extra):
    tasks, regions, period_end, target = scenario
    regions = {r: s for r, s in regions.items() if s}
    more = [Task(f"na{i}", a, "", "", DAY0 + timedelta(days=d)) for i, (a, d) in enumerate(extra)]
    with_na = {r: s | {t.task_id: NOT_APPLICABLE for t in more} for r, s in regions.items()}

    def figures(ts, ss):
        return {(f.region, f.area, f.subarea): (f.applicable, f.in_progress_pct, f.done_pct,
                                                 f.due, f.progress_pct)
                for f in compute_figures(ts, ss, period_end, target)}

    before, after = figures(tasks, regions), figures(tasks + more, with_na)
    for key, value in before.items():
        assert after[key] == value
    for key in after.keys() - before.keys():  # an area holding only n/a tasks
        assert after[key] == (0, None, None, 0, None)


def test_thousand_tasks_three_hundred_regions():
    """Its time is measured in bench/trust/bench_limits.py, not here."""
    tasks = [Task(f"t{i}", f"area{i % 5}", f"s{i % 3}", "", DAY0 + timedelta(days=i))
             for i in range(1000)]
    cycle = [NOT_STARTED, IN_PROGRESS, ON_SCHEDULE, DONE, NOT_APPLICABLE, "valmis"]
    regions = {f"R{r}": {t.task_id: cycle[(i + r) % 6] for i, t in enumerate(tasks)}
               for r in range(300)}
    figs = compute_figures(tasks, regions, DAY0 + timedelta(days=500), None)
    assert len(figs) == 300 * (1 + 5 + 15)
