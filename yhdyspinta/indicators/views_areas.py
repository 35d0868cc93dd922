"""One indicator across the 21 counties and Helsinki: a table, a map with the same numbers and
`?export=csv|xlsx` (the one export response, metadata lines first)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from yhdyspinta.core.exports import export_response
from yhdyspinta.core.geo import choropleth
from yhdyspinta.core.views.generic import ObjectDetailView

from . import queries
from .compute.classes import equal_classes
from .models import Indicator, Sex
from .templatetags.indicator_tags import fi_value

MAP_CLASSES = 5


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class IndicatorAreasView(ObjectDetailView):
    """`/indicators/<id>/areas/?year=&sex=`: the counties and Helsinki side by side."""

    model = Indicator
    template_name = "indicators/indicator_areas.html"

    def choices(self):
        sex = self.request.GET.get("sex", Sex.TOTAL)
        return _int(self.request.GET.get("year")), sex if sex in Sex.values else Sex.TOTAL

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt not in ("csv", "xlsx"):
            return super().get(request, *args, **kwargs)
        self.object = self.get_object()
        year, sex = self.choices()
        data = queries.across_areas(self.object, year=year, sex=sex)
        return export_response(request, fmt, *self.table(data), name=f"indicator-{self.object.source_id}-areas",
                               model=Indicator, objects=[self.object], detail=f"{fmt} areas {self.object.pk}",
                               metadata=self.metadata(data, sex))

    def table(self, data):
        year = data["year"]
        header = [pgettext("indicator by county", "Area code"), pgettext("indicator by county", "Area"), str(year or ""),
                  str(year - 1) if year else "", pgettext("indicator by county", "Change")]
        rows = [[r["code"], r["name"], r["value"], r["previous"], r["change"]] for r in data["rows"]]
        if data["country"]:
            c = data["country"]
            rows.append(["", c["name"], c["value"], c["previous"], c["change"]])
        return header, rows

    def metadata(self, data, sex):
        ind = self.object
        lines = [ind.title, _("Source: %(source)s, id %(id)s; Yhdyspinta, %(address)s") % {
                     "source": ind.get_source_display(), "id": ind.source_id,
                     "address": self.request.build_absolute_uri()},
                 _("Year: %(year)s; sex: %(sex)s; unit: %(unit)s") % {
                     "year": data["year"] or "–", "sex": Sex(sex).label, "unit": ind.unit or "–"},
                 _("Helsinki: its row as the organiser of its own services where Sotkanet has one."),
                 _("Generated at: %(time)s") % {"time": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")}]
        if ind.illustrative:
            lines.append(_("Illustrative, not official figures."))
        return lines

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ind = self.object
        year, sex = self.choices()
        data = queries.across_areas(ind, year=year, sex=sex)
        index, limits = equal_classes([r["value"] for r in data["rows"]], MAP_CLASSES)
        unit = ind.unit or ""
        regions, rows = {}, []
        for r, cls in zip(data["rows"], index, strict=True):
            text = f"{fi_value(r['value'], ind.decimals)} {unit}".strip() if r["value"] is not None else _("no value")
            url = reverse("indicators:indicator_detail", args=[ind.pk]) + f"?region={r['region'].pk}"
            if r["region"].letter_code:
                regions[r["region"].letter_code] = {"label": r["name"], "text": text, "url": url,
                                                    "css": f"ind-c{cls}" if cls else "map-none"}
            rows.append({**r, "url": url, "class": cls, "value_text": fi_value(r["value"], ind.decimals),
                         "previous_text": fi_value(r["previous"], ind.decimals),
                         "change_text": fi_value(r["change"], ind.decimals)})
        title = _("%(title)s by county, %(year)s") % {"title": ind.title, "year": data["year"] or "–"}
        ctx.update(data=data, rows=rows, title=title, sex=sex, sex_choices=Sex.choices,
                   country=data["country"] and {**data["country"],
                                                "value_text": fi_value(data["country"]["value"], ind.decimals),
                                                "previous_text": fi_value(data["country"]["previous"], ind.decimals),
                                                "change_text": fi_value(data["country"]["change"], ind.decimals)},
                   legend=[{"css": f"ind-c{i + 1}", "class": i + 1,
                            "text": f"{fi_value(lo, ind.decimals)} – {fi_value(hi, ind.decimals)} {unit}".strip()}
                           for i, (lo, hi) in enumerate(limits)],
                   map_svg=choropleth("hva", title=title, regions=regions, description=_(
                       "Map of the wellbeing services counties and Helsinki shaded by the value's class (the "
                       "darker, the higher); each area is a link and names its value. The table has the same "
                       "numbers.")) if data["year"] else "")
        return ctx
