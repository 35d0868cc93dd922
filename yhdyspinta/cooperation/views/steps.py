"""The SISOTE steps checklist of a county (seed 000)."""

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from yhdyspinta.accounts.permissions import can_add_for
from yhdyspinta.core.views.generic import ObjectEditView
from yhdyspinta.organisations.models import Organisation

from ..forms import StepTickForm
from ..models import STEPS, StepTick


def checklist(county):
    """Each step with its items and ticks, and the step where the county stands (first not complete)."""
    ticks = {t.item: t for t in StepTick.objects.filter(county=county).select_related("meeting")}
    steps, current = [], None
    for number, title, items in STEPS:
        rows = [(key, text, ticks.get(key)) for key, text in items]
        done = sum(1 for r in rows if r[2])
        if current is None and done < len(rows):
            current = number
        steps.append({"number": number, "title": title, "items": rows, "done": done, "total": len(rows)})
    total = sum(s["total"] for s in steps)
    return steps, current, sum(s["done"] for s in steps), total


class StepsView(TemplateView):
    template_name = "cooperation/steps.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        county = get_object_or_404(Organisation.objects.organising_areas(), pk=self.kwargs["pk"])
        steps, current, done, total = checklist(county)
        user = self.request.user
        ctx.update(county=county, steps=steps, current=current, done=done, total=total,
                   can_tick=user.is_authenticated and can_add_for(user, {county.pk}),
                   areas=Organisation.objects.organising_areas().order_by("name"),
                   mapping_rounds=_mapping_rounds(user, county))
        return ctx


def _mapping_rounds(user, county):
    """The interface register's mapping rounds of the county (step 3: interfaces mapped)."""
    from django.apps import apps

    if not apps.is_installed("yhdyspinta.catalogue"):
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
        rows = []
        for county in Organisation.objects.organising_areas().order_by("name"):
            _steps, current, done, total = checklist(county)
            rows.append({"county": county, "current": current, "done": done, "total": total})
        ctx["rows"] = rows
        return ctx
