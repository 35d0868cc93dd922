"""Indicators on an organisation's overview (core/orgpage.py): its values of the latest year."""

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yhdyspinta.core import orgpage

from .models import IndicatorValue, Sex


@orgpage.section("indicators", gettext_lazy("Indicators"), order=80,
                 empty=gettext_lazy("No indicator values for the organisation."))
def indicators(org, user):
    values = IndicatorValue.objects.restrict(user, "view").filter(region=org, sex=Sex.TOTAL)
    year = values.aggregate(latest=Max("year"))["latest"]
    if year is None:
        return orgpage.Table([_("Indicator"), _("Year"), _("Value")])
    rows = [orgpage.Row([v.indicator.title, v.year, "–" if v.value is None else round(v.value, v.indicator.decimals)],
                        url=v.indicator.get_absolute_url())
            for v in values.filter(year=year).select_related("indicator").order_by("indicator__title")[:100]]
    return orgpage.Table([_("Indicator"), _("Year"), _("Value")], rows,
                         note=_("The latest year with values: %(year)s.") % {"year": year})
