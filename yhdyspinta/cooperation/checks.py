"""Legal checks of agreements with messages that name the law (domain S4, S5)."""

from django.utils.translation import gettext_lazy as _

from yhdyspinta.organisations.models import Organisation

from . import compute

MESSAGES = {
    "one_party": _("An agreement needs at least two parties."),
    "transfer_needs_county": _("A task transfer to the county needs the county as a party."),
    "transfer_needs_all_municipalities": _(
        "A voluntary municipal task moves to the county only if every municipality of the county is a party "
        "(hyvinvointialuelaki 611/2021 § 7). Missing: %(missing)s."),
    "transfer_needs_funding": _(
        "A task transfer needs a funding clause: the municipalities fund the task they give to the county "
        "(hyvinvointialuelaki 611/2021 § 7)."),
    "direct_purchase": _(
        "A county cannot buy services directly from a municipality (hankintalaki 1397/2016; domain S5): "
        "use an in-house company owned jointly or another arrangement."),
}


def agreement_errors(kind: str, organisations, has_funding_clause: bool) -> list[str]:
    """Translated problems of an agreement of `kind` between `organisations` (Organisation objects)."""
    orgs = list(organisations)
    parties = [compute.Party(o.pk, o.kind, o.area_id) for o in orgs]
    counties = [o for o in orgs if o.kind == "county"]
    members = {c.pk: set(c.area_members.municipalities().values_list("pk", flat=True)) for c in counties}
    chosen = {o.pk for o in orgs}
    out = []
    for code in compute.agreement_problems(kind, parties, members, has_funding_clause):
        message = MESSAGES[code]
        if code == "transfer_needs_all_municipalities":
            missing = set().union(*members.values()) - chosen
            names = ", ".join(Organisation.objects.filter(pk__in=missing).order_by("name")
                              .values_list("name", flat=True)[:20])
            message = message % {"missing": names}
        out.append(str(message))
    return out
