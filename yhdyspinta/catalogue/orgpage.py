"""The catalogue's sections on an organisation's overview (core/orgpage.py): its interfaces with
their maturity, and its answers in every mapping round."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yhdyspinta.core import orgpage

from . import queries
from .choices import Dimension
from .models import Interface, MappingAnswer


@orgpage.section("interfaces", gettext_lazy("Interfaces and their maturity"), order=10,
                 empty=gettext_lazy("The organisation is a party of no interface you may see."))
def interfaces(org, user):
    shown = list(Interface.objects.restrict(user, "view").filter(parties=org).distinct().order_by("title"))
    latest = queries.latest_values([i.pk for i in shown])
    labels = dict(Dimension.choices)
    rows = []
    for i in shown:
        values = latest.get(i.pk, {})
        weakest = min(values.items(), key=lambda kv: (kv[1], kv[0])) if values else None
        rows.append(orgpage.Row(
            [i.title, f"{len(values)} / {len(Dimension.values)}",
             f"{weakest[1]} ({labels[weakest[0]]})" if weakest else _("not assessed")],
            url=i.get_absolute_url(), record=i))
    return orgpage.Table([_("Interface"), _("Dimensions assessed"), _("Weakest maturity")], rows,
                         more_url=reverse("catalogue:interface_list"))


@orgpage.section("mapping", gettext_lazy("Answers in mapping rounds"), order=60,
                 empty=gettext_lazy("No answers of the organisation you may see."))
def mapping(org, user):
    answers = (MappingAnswer.objects.restrict(user, "view").filter(organisation=org)
               .select_related("round", "interface").order_by("-round__opens_on", "interface__title"))
    rows = [orgpage.Row([str(a.round), a.interface.title, a.get_exists_display(), a.get_agreed_display(),
                         a.get_works_display(), a.problems], url=a.round.get_absolute_url(), record=a)
            for a in answers[:200]]
    return orgpage.Table([_("Mapping round"), _("Interface"), _("Exists"), _("Agreed"), _("Works"), _("Problems")],
                         rows, more_url=reverse("catalogue:round_list"))
