"""A mapping round's life: its answering window, who answers what, last round's answers and the
maturity the answers suggest. Pure reads; the writes are in actions.py."""

from django.utils import formats
from django.utils.translation import gettext as _

from .choices import Answer, Maturity
from .models import Interface, MappingAnswer, MappingRound, helsinki_today

NOT_YET, OPEN, CLOSED = "not_yet", "open", "closed"


def state(round_, today=None) -> str:
    """not_yet before the opening date; closed when closed by hand or after the closing date."""
    today = today or helsinki_today()
    if not round_.is_open or (round_.closes_on and today > round_.closes_on):
        return CLOSED
    if round_.opens_on and today < round_.opens_on:
        return NOT_YET
    return OPEN


def state_text(round_, today=None) -> str:
    """The round's state in words, with the date that matters."""
    current = state(round_, today)
    if current == NOT_YET:
        return _("Opens on %(date)s") % {"date": _date(round_.opens_on)}
    if current == CLOSED:
        if round_.closes_on and round_.closes_on < (today or helsinki_today()):
            return _("Closed on %(date)s") % {"date": _date(round_.closes_on)}
        return _("Closed")
    if round_.closes_on:
        return _("Open until %(date)s") % {"date": _date(round_.closes_on)}
    return _("Open")


def refusal(round_, today=None):
    """Why an answer would be refused now, or None while the round takes answers."""
    current = state(round_, today)
    if current == NOT_YET:
        return _("This mapping round opens on %(date)s; answers are taken from then on.") % {
            "date": _date(round_.opens_on)}
    if current == CLOSED:
        if round_.closes_on and round_.closes_on < (today or helsinki_today()):
            return _("This mapping round closed on %(date)s; the coordinator can reopen it.") % {
                "date": _date(round_.closes_on)}
        return _("This mapping round is closed; the coordinator can reopen it.")
    return None


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def scope(round_):
    """(interfaces, respondent organisation ids) of the round: the frozen scope when one was stored
    at opening, else the area's interfaces now and their parties without the county itself."""
    frozen = frozen_scope(round_)
    if frozen is not None:
        return frozen
    interfaces = list(Interface.objects.filter(area=round_.area).prefetch_related("parties"))
    respondents = {p.pk for i in interfaces for p in i.parties.all()} - {round_.area_id}
    return interfaces, respondents


def frozen_scope(round_):
    """The scope stored when the round opened (cooperation.RoundScope), or None for older rounds."""
    from yhdyspinta.cooperation.models import RoundRespondent, RoundScope

    stored = RoundScope.objects.filter(round=round_).first()
    if stored is None:
        return None
    interfaces = list(stored.interfaces.prefetch_related("parties"))
    respondents = set(RoundRespondent.objects.filter(round=round_).values_list("organisation_id", flat=True))
    return interfaces, respondents


def expected_pairs(round_):
    """Every (interface, organisation) the round expects an answer for."""
    interfaces, respondents = scope(round_)
    return {(i.pk, p.pk) for i in interfaces for p in i.parties.all() if p.pk in respondents}


def respondent_interfaces(round_, organisation):
    """The interfaces `organisation` answers about in the round (none when it is not a respondent)."""
    interfaces, respondents = scope(round_)
    if organisation.pk not in respondents:
        return []
    return sorted((i for i in interfaces if any(p.pk == organisation.pk for p in i.parties.all())),
                  key=lambda i: i.title)


def previous_round(round_):
    """The area's latest round that opened before this one (the same day: the one created earlier)."""
    from django.db.models import Q

    earlier = Q(opens_on__lt=round_.opens_on) | Q(opens_on=round_.opens_on, pk__lt=round_.pk)
    return (MappingRound.objects.filter(area=round_.area).filter(earlier).exclude(pk=round_.pk)
            .order_by("-opens_on", "-pk").first())


def previous_answers(round_, organisation):
    """{interface id: answer} of the organisation in the previous round (the pre-fill)."""
    before = previous_round(round_)
    if before is None:
        return before, {}
    return before, {a.interface_id: a for a in MappingAnswer.objects.filter(round=before, organisation=organisation)}


_LEVEL = {Answer.YES: 2, Answer.PARTLY: 1, Answer.NO: 0}


def answer_level(answer):
    """The maturity (0–3) one answer suggests, or None when it says nothing (all "don't know").

    Not agreed → 0; agreed (at least partly) → 1; agreed and in use (works at least partly) → 2;
    agreed and works → 3."""
    if answer.exists == Answer.UNKNOWN and answer.agreed == Answer.UNKNOWN and answer.works == Answer.UNKNOWN:
        return None
    if answer.exists == Answer.NO or answer.agreed in (Answer.NO, Answer.UNKNOWN):
        return Maturity.NOT_AGREED
    if answer.agreed == Answer.YES and answer.works == Answer.YES:
        return Maturity.WORKING
    if answer.works in (Answer.YES, Answer.PARTLY):
        return Maturity.IN_USE
    return Maturity.AGREED


def proposed_assessments(round_, user):
    """Per interface the user may change: the maturity the round's answers suggest (the weakest
    party's view counts), how many answers it rests on and the problems reported."""
    from yhdyspinta.accounts.permissions import can

    answers = (MappingAnswer.objects.restrict(user, "view").filter(round=round_)
               .select_related("interface", "organisation").order_by("interface__title", "organisation__name"))
    rows = {}
    for answer in answers:
        row = rows.setdefault(answer.interface_id, {"interface": answer.interface, "levels": [], "problems": []})
        level = answer_level(answer)
        if level is not None:
            row["levels"].append(level)
        if answer.problems.strip():
            row["problems"].append((answer.organisation, answer.problems.strip()))
    proposals = []
    for row in rows.values():
        if not row["levels"]:
            continue
        row["value"] = min(row["levels"])
        row["value_label"] = Maturity(row["value"]).label
        row["count"] = len(row["levels"])
        row["may_assess"] = can(user, row["interface"], "change")
        proposals.append(row)
    return proposals
