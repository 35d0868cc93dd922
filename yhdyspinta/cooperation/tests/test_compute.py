"""The pure rules: escalation states, duty periods, compliance and agreement checks."""

from datetime import date
from typing import ClassVar

import pytest

from yhdyspinta.cooperation import compute
from yhdyspinta.cooperation.compute import Party


class TestEscalationStateMachine:
    def test_the_happy_path(self):
        state = "raised"
        for target in ("on_agenda", "decided", "done"):
            compute.check_transition(state, target, has_agenda_item=True)
            state = target
        assert compute.allowed_targets(state) == []

    @pytest.mark.parametrize("current,target", [
        ("raised", "decided"), ("raised", "done"), ("decided", "raised"), ("done", "raised"),
        ("rejected", "raised"), ("decided", "rejected"), ("raised", "nonsense"),
    ])
    def test_refused_moves(self, current, target):
        with pytest.raises(compute.TransitionError):
            compute.check_transition(current, target, reason="x", has_agenda_item=True)

    def test_rejection_needs_a_reason(self):
        with pytest.raises(compute.TransitionError, match="reason"):
            compute.check_transition("raised", "rejected", reason="  ")
        compute.check_transition("raised", "rejected", reason="Ei kuulu tälle foorumille")

    def test_agenda_needs_an_item(self):
        with pytest.raises(compute.TransitionError, match="agenda item"):
            compute.check_transition("raised", "on_agenda")

    def test_back_from_agenda_to_raised_is_allowed(self):
        compute.check_transition("on_agenda", "raised")


class TestPeriods:
    TERMS = ((date(2022, 3, 1), date(2025, 5, 31)), (date(2025, 6, 1), date(2029, 5, 31)))

    def test_yearly_periods_and_due_dates(self):
        out = compute.periods("yearly", range(2024, 2027), [], 4, 30)
        assert [(p.start, p.end, p.due) for p in out] == [
            (date(y, 1, 1), date(y, 12, 31), date(y, 4, 30)) for y in (2024, 2025, 2026)]

    def test_yearly_defaults_to_year_end(self):
        assert compute.periods("yearly", range(2026, 2027), [])[0].due == date(2026, 12, 31)

    def test_council_terms_overlapping_the_years(self):
        out = compute.periods("council_term", range(2024, 2027), self.TERMS)
        assert [(p.start, p.due, p.label) for p in out] == [
            (date(2022, 3, 1), date(2025, 5, 31), "2022–2025"), (date(2025, 6, 1), date(2029, 5, 31), "2025–2029")]
        assert len(compute.periods("council_term", range(2026, 2027), self.TERMS)) == 1

    def test_term_due_date_on_a_month_and_day(self):
        out = compute.periods("council_term", range(2026, 2027), self.TERMS, 11, 30)
        assert out[0].due == date(2028, 11, 30)

    def test_unknown_period_kind(self):
        with pytest.raises(ValueError, match="unknown period"):
            compute.periods("monthly", range(2026, 2027), [])


class TestCompliance:
    def test_states(self):
        due = date(2026, 12, 31)
        assert compute.compliance_state(1, 1, due, date(2027, 1, 5)) == "done"
        assert compute.compliance_state(0, 1, due, date(2026, 6, 1)) == "due"
        assert compute.compliance_state(0, 1, due, date(2027, 1, 1)) == "overdue"
        assert compute.compliance_state(1, 2, due, date(2027, 1, 1)) == "overdue"


class TestAgreementProblems:
    county = Party(1, "county", 1)
    m1, m2 = Party(2, "municipality", 1), Party(3, "municipality", 1)
    members: ClassVar[dict] = {1: {2, 3}}

    def test_one_party(self):
        assert "one_party" in compute.agreement_problems("other", [self.m1], {}, False)
        assert compute.agreement_problems("other", [self.m1, self.m2], {}, False) == []

    def test_task_transfer_needs_all_municipalities_and_funding(self):
        problems = compute.agreement_problems("task_transfer", [self.county, self.m1], self.members, False)
        assert set(problems) == {"transfer_needs_all_municipalities", "transfer_needs_funding"}
        assert compute.agreement_problems("task_transfer", [self.county, self.m1, self.m2], self.members,
                                          True) == []

    def test_direct_purchase_from_a_municipality(self):
        assert compute.agreement_problems("purchase", [self.county, self.m1], self.members, False) == [
            "direct_purchase"]
        assert compute.agreement_problems("in_house", [self.county, self.m1], self.members, False) == []

    def test_reminder_date(self):
        assert compute.reminder_date(date(2026, 12, 31), None, 6, 60) == date(2026, 5, 1)
        assert compute.reminder_date(None, date(2027, 1, 15), None, 90) == date(2026, 10, 17)
        assert compute.reminder_date(None, None, 3, 30) is None
