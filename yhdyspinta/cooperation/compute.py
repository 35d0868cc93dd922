"""Pure rules of cooperation: escalation states, duty periods and compliance, agreement checks.

No Django import here, so the rules are unit-tested and reused by models, actions and the API.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

# ---- escalation (nostaminen) -----------------------------------------------------------
RAISED, ON_AGENDA, DECIDED, DONE, REJECTED = "raised", "on_agenda", "decided", "done", "rejected"
TRANSITIONS: dict[str, frozenset[str]] = {
    RAISED: frozenset({ON_AGENDA, REJECTED}),
    ON_AGENDA: frozenset({DECIDED, REJECTED, RAISED}),
    DECIDED: frozenset({DONE}),
    DONE: frozenset(),
    REJECTED: frozenset(),
}
CLOSED = frozenset({DONE, REJECTED})


class TransitionError(ValueError):
    """An escalation move the process does not allow."""


def check_transition(current: str, target: str, *, reason: str = "", has_agenda_item: bool = False) -> None:
    """Raises TransitionError unless `current → target` is allowed with what is given.

    A rejection needs a reason; putting on the agenda needs the agenda item of the forum above.
    """
    if current not in TRANSITIONS or target not in TRANSITIONS:
        raise TransitionError(f"unknown state: {current} → {target}")
    if target not in TRANSITIONS[current]:
        raise TransitionError(f"not allowed: {current} → {target}")
    if target == REJECTED and not reason.strip():
        raise TransitionError("a rejection needs a reason")
    if target in (ON_AGENDA, DECIDED) and not has_agenda_item:
        raise TransitionError("the escalation must be linked to an agenda item of the forum above")


def allowed_targets(current: str) -> list[str]:
    return sorted(TRANSITIONS.get(current, ()))


# ---- statutory duty periods ------------------------------------------------------------
YEARLY, COUNCIL_TERM = "yearly", "council_term"
PERIOD_KINDS = (YEARLY, COUNCIL_TERM)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    due: date
    label: str


def _due_in(start: date, end: date, month: int | None, day: int | None) -> date:
    """The last `month`/`day` inside [start, end]; the period's end when no date is set or none fits."""
    if not month:
        return end
    for year in range(end.year, start.year - 1, -1):
        try:
            candidate = date(year, month, day or 1)
        except ValueError:  # 29.2. in a common year
            candidate = date(year, month, 28)
        if start <= candidate <= end:
            return candidate
    return end


def periods(kind: str, years: range, terms: list[tuple[date, date]], month=None, day=None) -> list[Period]:
    """The periods of a rule within `years`: each calendar year, or each council term that overlaps them."""
    if kind == YEARLY:
        out = []
        for y in years:
            start, end = date(y, 1, 1), date(y, 12, 31)
            out.append(Period(start, end, _due_in(start, end, month or 12, day or 31), str(y)))
        return out
    if kind == COUNCIL_TERM:
        first, last = date(years.start, 1, 1), date(years.stop - 1, 12, 31)
        return [
            Period(s, e, _due_in(s, e, month, day), f"{s.year}–{e.year}")
            for s, e in sorted(terms) if s <= last and e >= first
        ]
    raise ValueError(f"unknown period kind: {kind}")


# ---- compliance ------------------------------------------------------------------------
STATE_DONE, STATE_DUE, STATE_OVERDUE = "done", "due", "overdue"


def compliance_state(evidence_count: int, required: int, due: date, today: date) -> str:
    """Done when enough evidence is linked; otherwise overdue after the due date, else due."""
    if evidence_count >= max(required, 1):
        return STATE_DONE
    return STATE_OVERDUE if today > due else STATE_DUE


# ---- agreements ------------------------------------------------------------------------
@dataclass(frozen=True)
class Party:
    pk: int
    kind: str  # organisations.OrganisationKind value
    area_id: int | None


def agreement_problems(kind: str, parties: list[Party], county_municipalities: dict[int, set[int]],
                       has_funding_clause: bool) -> list[str]:
    """Legal problems of an agreement (English messages; the caller translates).

    `county_municipalities` maps each county party's id to the ids of its active municipalities.
    """
    problems = []
    if len({p.pk for p in parties}) < 2:
        problems.append("one_party")
    counties = [p for p in parties if p.kind == "county"]
    municipalities = {p.pk for p in parties if p.kind == "municipality"}
    if kind == "task_transfer":
        if not counties:
            problems.append("transfer_needs_county")
        for county in counties:
            if not county_municipalities.get(county.pk, set()) <= municipalities:
                problems.append("transfer_needs_all_municipalities")
        if not has_funding_clause:
            problems.append("transfer_needs_funding")
    if kind == "purchase" and counties and municipalities:
        problems.append("direct_purchase")
    return problems


def reminder_date(valid_until: date | None, renewal: date | None, notice_months: int | None,
                  reminder_days: int) -> date | None:
    """When to remind: `reminder_days` before the earlier of the renewal date and the last notice day."""
    candidates = []
    if renewal:
        candidates.append(renewal)
    if valid_until:
        months = notice_months or 0
        y, m = divmod(valid_until.month - 1 - months, 12)
        year, month = valid_until.year + y, m + 1
        candidates.append(date(year, month, min(valid_until.day, monthrange(year, month)[1])))
    if not candidates:
        return None
    return min(candidates) - timedelta(days=reminder_days)
