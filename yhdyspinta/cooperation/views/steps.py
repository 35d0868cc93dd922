"""The SISOTE steps checklist (seed 000) of a county, and of each of its municipalities."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from yhdyspinta.accounts.permissions import can_add_for
from yhdyspinta.core.views.generic import ObjectEditView
from yhdyspinta.organisations.models import Organisation

from ..forms import StepTickForm
from ..models import STEPS, StepTick


def checklist(county, ticks=None):
    """Each step with its items and ticks, and the step where the county (or municipality) stands
    (first not complete). `ticks`: {item: tick} when already read."""
    if ticks is None:
        ticks = {t.item: t for t in StepTick.objects.filter(county=county).select_related("meeting__forum")}
    steps, current = [], None
    for number, title, items in STEPS:
        rows = [(key, text, ticks.get(key)) for key, text in items]
        done = sum(1 for r in rows if r[2])
        if current is None and done < len(rows):
            current = number
        steps.append({"number": number, "title": title, "items": rows, "done": done, "total": len(rows)})
    total = sum(s["total"] for s in steps)
    return steps, current, sum(s["done"] for s in steps), total


def owners():
    """The organisations that have a checklist: the organising areas and the municipalities."""
    return Organisation.objects.active().filter(Q(organises_sote=True) | Q(kind="municipality"))


def progress(organisations):
    """[{"county": org, "current", "done", "total"}] of each organisation's checklist (one query)."""
    organisations = list(organisations)
    ticks = {}
    for tick in StepTick.objects.filter(county__in=organisations):
        ticks.setdefault(tick.county_id, {})[tick.item] = tick
    rows = []
    for org in organisations:
        _steps, current, done, total = checklist(org, ticks.get(org.pk, {}))
        rows.append({"county": org, "current": current, "done": done, "total": total})
    return rows


class StepsView(TemplateView):
    """A county's checklist with its municipalities' progress, or a municipality's own checklist."""

    template_name = "cooperation/steps.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        county = get_object_or_404(owners().select_related("area"), pk=self.kwargs["pk"])
        is_area = county.organises_sote
        steps, current, done, total = checklist(county)
        user = self.request.user
        ctx.update(county=county, is_area=is_area, steps=steps, current=current, done=done, total=total,
                   can_tick=user.is_authenticated and can_add_for(user, {county.pk}),
                   areas=Organisation.objects.organising_areas().order_by("name"),
                   municipalities=progress(county.area_members.municipalities().order_by("name")) if is_area else [],
                   mapping_rounds=_mapping_rounds(user, county if is_area else county.area))
        return ctx


def _mapping_rounds(user, county):
    """The interface register's mapping rounds of the county (step 3: interfaces mapped); for a
    municipality those of its county."""
    from django.apps import apps

    if county is None or not apps.is_installed("yhdyspinta.catalogue"):
        return []
    model = apps.get_model("catalogue", "MappingRound")
    return model.objects.restrict(user, "view").filter(area=county)


class StepTickEditView(ObjectEditView):
    model = StepTick
    form_class = StepTickForm


class StepsIndexView(TemplateView):
    """Where each county stands on the four steps."""

    template_name = "cooperation/steps_index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = progress(Organisation.objects.organising_areas().order_by("name"))
        return ctx
