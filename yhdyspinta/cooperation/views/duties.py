"""Statutory duties: the compliance view per county × municipality × duty, a duty with its evidence."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from yhdyspinta.accounts.permissions import can_add_for
from yhdyspinta.core.views.generic import ObjectDetailView, ObjectEditView
from yhdyspinta.organisations.models import Organisation

from ..duties import compliance_matrix
from ..forms import DutyEvidenceForm
from ..models import Duty, DutyEvidence, DutyRule
from .common import year_param


def _county(request):
    areas = Organisation.objects.organising_areas().order_by("name")
    pk = request.GET.get("county") or request.GET.get("area")
    county = areas.filter(pk=pk).first() if pk and pk.isdigit() else None
    if county is None:
        county = areas.filter(county_duties__isnull=False).distinct().first() or areas.first()
    return areas, county


class ComplianceView(TemplateView):
    template_name = "cooperation/compliance.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = year_param(self.request, today.year)
        areas, county = _county(self.request)
        rules, rows = compliance_matrix(county, year, today) if county else ([], [])
        totals = {"done": 0, "due": 0, "overdue": 0}
        for _org, cells in rows:
            for cell in cells:
                for _duty, state in cell:
                    totals[state] += 1
        ctx.update(areas=areas, county=county, year=year, rules=rules, rows=rows, totals=totals,
                   years=range(2022, today.year + 4), all_rules=DutyRule.objects.filter(active=True))
        return ctx


class DutyDetailView(ObjectDetailView):
    model = Duty
    template_name = "cooperation/duty_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        duty, user = self.object, self.request.user
        ctx["state"] = duty.state()
        rows = []
        for e in duty.evidence.select_related("agenda_item__meeting", "decision__item", "agreement"):
            target = e.target
            if target is not None and not type(target).objects.restrict(user, "view").filter(pk=target.pk).exists():
                target = None  # e.g. an internal agreement: the duty shows it is done, not what it is
            rows.append((e, target))
        ctx["evidence"] = rows
        ctx["can_link"] = user.is_authenticated and can_add_for(user, duty.involved_organisation_ids())
        return ctx

    related = ("rule", "county", "municipality")


class EvidenceAddView(ObjectEditView):
    model = DutyEvidence
    form_class = DutyEvidenceForm

    def get_initial(self):
        initial = super().get_initial()
        duty = get_object_or_404(Duty, pk=self.kwargs["duty"])
        initial["duty"] = duty.pk
        return initial

    def get_object(self):
        return None
