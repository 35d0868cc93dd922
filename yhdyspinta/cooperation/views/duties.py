"""Statutory duties: the compliance view per county × municipality × duty, a duty with its evidence."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from yhdyspinta.accounts.permissions import can_add_for
from yhdyspinta.core.exports import export_metadata, export_response
from yhdyspinta.core.views.generic import ActionFormMixin, ObjectDetailView, ObjectEditView
from yhdyspinta.organisations.models import Organisation

from .. import actions
from ..duties import compliance_matrix
from ..forms import BulkEvidenceForm, DutyEvidenceForm
from ..models import Duty, DutyEvidence, DutyRule
from .common import year_param


def _county(request):
    areas = Organisation.objects.organising_areas().order_by("name")
    pk = request.GET.get("county") or request.GET.get("area")
    county = areas.filter(pk=pk).first() if pk and pk.isdigit() else None
    if county is None:
        county = areas.filter(county_duties__isnull=False).distinct().first() or areas.first()
    return areas, county


STATE_LABELS = {"done": gettext_lazy("Done"), "due": gettext_lazy("Due"), "overdue": gettext_lazy("Overdue")}


def late_only(rules, rows):
    """The grid with only the overdue duties: rules and organisations without one are left out."""
    rows = [(org, [[(d, st) for d, st in cell if st == "overdue"] for cell in cells]) for org, cells in rows]
    keep = [i for i in range(len(rules)) if any(cells[i] for _org, cells in rows)]
    rows = [(org, [cells[i] for i in keep]) for org, cells in rows if any(cells[i] for i in keep)]
    return [rules[i] for i in keep], rows


class ComplianceView(TemplateView):
    """The grid of a county's duties in a year; `late=1` only the overdue ones; `format=csv|xlsx`
    the same duties one a line (core.exports.export_response)."""

    template_name = "cooperation/compliance.html"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt:
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def grid(self):
        today = timezone.localdate()
        year = year_param(self.request, today.year)
        areas, county = _county(self.request)
        rules, rows = compliance_matrix(county, year, today) if county else ([], [])
        late = self.request.GET.get("late") == "1"
        if late:
            rules, rows = late_only(rules, rows)
        return areas, county, year, late, rules, rows

    def export(self, fmt):
        _areas, county, year, late, _rules, rows = self.grid()
        if county is None:
            raise Http404
        header = [_("Organisation"), _("Duty"), _("Legal source"), _("Period"), _("Due"), _("Evidence"),
                  _("Times required"), _("State"), _("Address")]
        lines, duties = [], []
        for org, cells in rows:
            for cell in cells:
                for duty, state in cell:
                    duties.append(duty)
                    lines.append([str(org), duty.rule.title, duty.rule.legal_source, duty.period_label,
                                  duty.due_date, duty.evidence_count, duty.required_count, str(STATE_LABELS[state]),
                                  self.request.build_absolute_uri(duty.get_absolute_url())])
        title = (_("Late statutory duties of %(county)s, %(year)s") if late
                 else _("Statutory duties of %(county)s, %(year)s")) % {"county": county, "year": year}
        name = f"duties-{county.pk}-{year}{'-late' if late else ''}"
        return export_response(self.request, fmt, header, lines, name=name, model=Duty, objects=duties,
                               metadata=export_metadata(self.request, title), metadata_sheet=True)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        areas, county, year, late, rules, rows = self.grid()
        totals = {"done": 0, "due": 0, "overdue": 0}
        for _org, cells in rows:
            for cell in cells:
                for _duty, state in cell:
                    totals[state] += 1
        query = {"county": county.pk, "year": year, **({"late": 1} if late else {})} if county else {}
        ctx.update(areas=areas, county=county, year=year, rules=rules, rows=rows, totals=totals, late=late,
                   csv_query=urlencode({**query, "format": "csv"}), xlsx_query=urlencode({**query, "format": "xlsx"}),
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


class BulkEvidenceView(LoginRequiredMixin, ActionFormMixin, FormView):
    """One piece of evidence for the duty of every chosen municipality of a county, in one transaction."""

    template_name = "cooperation/meeting_form.html"
    form_class = BulkEvidenceForm
    success_message = None

    def dispatch(self, request, *args, **kwargs):
        self.areas, self.county = _county(request)
        if self.county is None:
            raise Http404
        if request.user.is_authenticated:
            # only the municipalities whose duties the user may add evidence for are offered (the
            # action checks each again); one who may add for none is refused before the form
            county, user = self.county, request.user
            self.allowed = [m for m in county.area_members.municipalities().order_by("name")
                            if can_add_for(user, {county.pk, m.pk})]
            self.county_allowed = can_add_for(user, {county.pk})
            if not self.allowed and not self.county_allowed:
                query = urlencode({"county": county.pk})
                return render(request, "cooperation/refused.html", {
                    "heading": _("Evidence for many municipalities"),
                    "reason": _("You may not add evidence for the duties of %(county)s or of its "
                                "municipalities: that needs an editor's role in the county or in one of them.")
                    % {"county": county},
                    "back_url": f"{reverse('cooperation:compliance')}?{query}",
                    "back_label": _("Back to the duties")}, status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "county": self.county}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["municipalities"].queryset = form.fields["municipalities"].queryset.filter(
            pk__in=[m.pk for m in self.allowed])
        return form

    def get_initial(self):
        initial = {"municipalities": list(self.allowed)} if self.county else {}
        rule = self.request.GET.get("rule", "")
        if rule.isdigit():
            initial["rule"] = int(rule)
        return initial

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.county,
                "heading": _("Evidence for many municipalities"),
                "intro": _("One meeting or document can fulfil the same duty of every municipality it covered "
                           "(e.g. the yearly hyte negotiation). All the duties get the evidence together, or "
                           "none if any of them is refused.")}

    def run(self, form):
        data = form.cleaned_data
        created = actions.add_evidence_in_bulk(
            actor=self.request.user, county=self.county, rule=data["rule"],
            municipalities=data["municipalities"], kind=data["kind"], date=data["date"],
            agenda_item=data["agenda_item"], decision=data["decision"], agreement=data["agreement"],
            url=data["url"], title=data["title"])
        messages.success(self.request, _("Evidence added to %(n)d duties.") % {"n": len(created)})
        query = urlencode({"county": self.county.pk, "year": data["date"].year})
        return redirect(f"{reverse('cooperation:compliance')}?{query}")
