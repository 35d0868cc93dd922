"""The catalogue's panels on "My work" (core/mywork.py): mapping rounds to answer, the interfaces
with the weakest maturity, and what changed in the user's interfaces since the previous visit."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from yhdyspinta.core import mywork
from yhdyspinta.organisations.models import Organisation

from . import compute
from .choices import Dimension
from .models import (
    EscalationStep,
    Interface,
    InterfaceOwner,
    InterfaceResponsibility,
    MappingAnswer,
    MappingRound,
    MaturityAssessment,
)

FIRST_VISIT_DAYS = 14  # "changed since": without a previous visit, the last two weeks


def my_interfaces(desk) -> list[int]:
    """The ids of the interfaces the user may view that one of the user's organisations is a party
    of (one query, shared by the panels)."""
    if "catalogue_interfaces" not in desk.cache:
        desk.cache["catalogue_interfaces"] = list(Interface.objects.restrict(desk.user, "view").filter(
            pk__in=Interface.parties.through.objects.filter(organisation_id__in=desk.org_ids).values("interface_id"))
            .order_by().values_list("pk", flat=True))
    return desk.cache["catalogue_interfaces"]


@mywork.panel("rounds", gettext_lazy("Mapping rounds to answer"), order=10,
              empty=gettext_lazy("No open mapping round waits for your organisation's answers."))
def rounds(desk):
    """Open rounds of the areas where one of my organisations is a party, with how many of its
    interfaces it has not answered yet; a line per round and organisation, the fewest days left first."""
    if not desk.org_ids:
        return None
    today = desk.today
    pairs = list(Interface.parties.through.objects.filter(organisation_id__in=desk.org_ids)
                 .values_list("interface__area_id", "interface_id", "organisation_id"))
    areas = {a for a, _i, _o in pairs if a}
    open_rounds = list(MappingRound.objects.restrict(desk.user, "view").filter(
        area_id__in=areas, is_open=True, opens_on__lte=today).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .order_by("closes_on", "pk"))
    if not open_rounds:
        return mywork.Result()
    answered = set(MappingAnswer.objects.filter(round__in=open_rounds, organisation_id__in=desk.org_ids)
                   .values_list("round_id", "interface_id", "organisation_id"))
    names = dict(Organisation.objects.filter(pk__in=desk.org_ids).values_list("pk", "name"))
    # The scope frozen at opening (cooperation.RoundScope): its interfaces and respondents only;
    # a round without one asks the area's interfaces now, the county itself left out.
    from yhdyspinta.cooperation.models import RoundRespondent, RoundScope

    frozen: dict[int, set] = {}
    for round_id, interface_id in RoundScope.interfaces.through.objects.filter(
            roundscope__round__in=open_rounds).values_list("roundscope__round_id", "interface_id"):
        frozen.setdefault(round_id, set()).add(interface_id)
    scoped = set(RoundScope.objects.filter(round__in=open_rounds).values_list("round_id", flat=True))
    answering = set(RoundRespondent.objects.filter(round__in=open_rounds, organisation_id__in=desk.org_ids)
                    .values_list("round_id", "organisation_id"))
    lines = []
    for round_ in open_rounds:
        expected: dict[int, int] = {}
        missing: dict[int, int] = {}
        for area, interface, org in pairs:
            if round_.pk in scoped:
                if interface not in frozen.get(round_.pk, ()) or (round_.pk, org) not in answering:
                    continue
            elif org == round_.area_id:
                continue
            if area == round_.area_id:
                expected[org] = expected.get(org, 0) + 1
                if (round_.pk, interface, org) not in answered:
                    missing[org] = missing.get(org, 0) + 1
        for org, left in sorted(missing.items(), key=lambda kv: names.get(kv[0], "")):
            note = ngettext("%(left)s of %(n)s interfaces not answered", "%(left)s of %(n)s interfaces not answered",
                            expected[org]) % {"left": left, "n": expected[org]}
            if round_.closes_on:
                note += ", " + _("closes %(date)s") % {"date": formats.date_format(round_.closes_on, "SHORT_DATE_FORMAT")}
            text = f"{round_.title} ({names.get(org, '')})" if len(desk.org_ids) > 1 else round_.title
            flag = _("Closes soon") if round_.closes_on and (round_.closes_on - today).days <= 7 else ""
            lines.append(mywork.Item(text, reverse("catalogue:round_answer", args=[round_.pk, org]), note, flag,
                                     record=round_))
    return mywork.Result(items=lines[:desk.limit], total=len(lines), more_url=reverse("catalogue:round_list"))


@mywork.panel("weakest", gettext_lazy("My interfaces with the weakest maturity"), order=60,
              empty=gettext_lazy("None of your organisation's interfaces has a maturity assessment yet."))
def weakest(desk):
    """The assessed interfaces of my organisations whose weakest dimension is lowest (an interface
    works only as well as its weakest dimension), then by mean; unassessed ones are counted."""
    if not desk.org_ids:
        return None
    interfaces = my_interfaces(desk)
    latest: dict[int, dict] = {}
    rows = (MaturityAssessment.objects.filter(interface_id__in=interfaces, retracted_at__isnull=True)
            .order_by("interface_id", "dimension", "-assessed_on", "-pk")
            .values_list("interface_id", "dimension", "value"))
    for interface_id, dimension, value in rows:
        latest.setdefault(interface_id, {}).setdefault(dimension, value)
    dimensions = Dimension.values
    labels = dict(Dimension.choices)
    scored = []
    for interface_id, values in latest.items():
        cell = compute.maturity_cell(values, dimensions)
        weakest_dimension = compute.weakest_first(values, [d for d in dimensions if d in values])[0]
        scored.append((cell["min"], cell["mean"], interface_id, cell, weakest_dimension))
    scored.sort(key=lambda t: (t[0], t[1], t[2]))
    shown = scored[:desk.limit]
    records = Interface.objects.in_bulk([t[2] for t in shown])
    items = []
    for minimum, mean, interface_id, cell, (dimension, value) in shown:
        note = _("weakest: %(dimension)s %(value)s/3; mean %(mean)s; %(assessed)s of %(total)s dimensions assessed") % {
            "dimension": labels[dimension], "value": value, "mean": formats.number_format(mean, 1),
            "assessed": cell["assessed"], "total": cell["total"]}
        items.append(mywork.Item(str(records[interface_id]), reverse("catalogue:interface_detail",
                                                                      args=[interface_id]), note,
                                 record=records[interface_id]))
    unassessed = len(set(interfaces) - set(latest))
    note = ngettext("%(n)s of your interfaces has no assessment.", "%(n)s of your interfaces have no assessment.",
                    unassessed) % {"n": unassessed} if unassessed else ""
    return mywork.Result(items=items, total=len(scored), note=note, more_url=reverse("catalogue:overview"))


# The parts whose changes show in an interface's history (their `history_parent` is "interface").
PART_MODELS = (MaturityAssessment, InterfaceResponsibility, InterfaceOwner, EscalationStep)


@mywork.panel("changed", gettext_lazy("Changed in my interfaces since my previous visit"), order=70,
              empty=gettext_lazy("Nothing has changed in your interfaces since your previous visit."))
def changed(desk):
    """Changes by other people (the audit log) to my interfaces and their parts (assessments,
    responsibilities, owners, escalation steps) after the previous visit; each links to the
    interface's history page, newest first."""
    from auditlog.models import LogEntry

    if not desk.org_ids:
        return None
    since = desk.since or (desk.now - timedelta(days=FIRST_VISIT_DAYS))
    mine = my_interfaces(desk)
    if not mine:
        return mywork.Result()
    types = ContentType.objects.get_for_models(Interface, *PART_MODELS)
    model_of = {types[m].pk: m for m in (Interface, *PART_MODELS)}
    # one query over the record and its parts (the change log's (content type, id, time) index)
    which = Q(content_type=types[Interface], object_id__in=mine)
    for model in PART_MODELS:
        which |= Q(content_type=types[model], object_id__in=model.objects.filter(interface_id__in=mine).values("pk"))
    rows = list(LogEntry.objects.filter(which, timestamp__gt=since).exclude(actor_id=desk.user.pk)
                .values("content_type_id", "object_id").annotate(n=Count("pk"), last=Max("timestamp"))
                .values_list("content_type_id", "object_id", "n", "last"))
    by_interface: dict[int, list] = {}
    parts: dict = {}
    for ct, pk, n, last in rows:
        if model_of[ct] is Interface:
            by_interface.setdefault(pk, []).append((n, last))
        else:
            parts.setdefault(model_of[ct], []).append((pk, n, last))
    for model, found in parts.items():
        parent = dict(model.objects.filter(pk__in=[r[0] for r in found]).values_list("pk", "interface_id"))
        for pk, n, last in found:
            if pk in parent:
                by_interface.setdefault(parent[pk], []).append((n, last))
    summary = sorted(((max(last for _n, last in v), sum(n for n, _l in v), pk) for pk, v in by_interface.items()),
                     reverse=True)
    shown = summary[:desk.limit]
    records = Interface.objects.in_bulk([pk for _l, _n, pk in shown])
    ct = types[Interface].pk
    items = [mywork.Item(str(records[pk]), reverse("object_history", args=[ct, pk]),
                         ngettext("%(n)s change, latest %(when)s", "%(n)s changes, latest %(when)s", n) % {
                             "n": n, "when": formats.date_format(timezone.localtime(last), "SHORT_DATETIME_FORMAT")},
                         record=records[pk])
             for last, n, pk in shown if pk in records]
    note = _("Changes by others since %(when)s.") % {
        "when": formats.date_format(timezone.localtime(since), "SHORT_DATETIME_FORMAT")}
    return mywork.Result(items=items, total=len(summary), note=note)
