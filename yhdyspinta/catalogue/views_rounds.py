"""Mapping rounds (yhdyspintojen kartoitus): open, answer, follow who has not answered, summarise."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from yhdyspinta.accounts.permissions import can, can_add_for
from yhdyspinta.core.concurrency import ConflictError
from yhdyspinta.core.exports import export_response
from yhdyspinta.core.views.generic import ActionFormMixin, ObjectDetailView, ObjectListView
from yhdyspinta.organisations.models import Organisation

from . import actions, compute
from .filtersets import RoundFilterSet
from .forms import AnswerForm, RoundForm
from .models import Interface, MappingAnswer, MappingRound
from .tables import RoundTable


class RoundListView(LoginRequiredMixin, ObjectListView):
    model = MappingRound
    table_class = RoundTable
    filterset_class = RoundFilterSet
    add_url_name = "catalogue:round_add"
    export_name = "mapping-rounds"


def round_summary(round_, user):
    """Expected answers = every party of every interface in the area; answers the user may see."""
    interfaces = list(Interface.objects.filter(area=round_.area).prefetch_related("parties"))
    expected = {(i.pk, p.pk) for i in interfaces for p in i.parties.all()}
    answers = list(MappingAnswer.objects.restrict(user, "view").filter(round=round_)
                   .select_related("interface", "organisation"))
    summary = compute.mapping_summary(expected, [{
        "interface": a.interface_id, "organisation": a.organisation_id, "exists": a.exists, "agreed": a.agreed,
        "works": a.works, "problems": a.problems, "proposals": a.proposals, "good_practices": a.good_practices,
        "obj": a} for a in answers])
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in={p for _i, p in expected})}
    expected_per_org = Counter(p for _i, p in expected)
    missing_per_org = Counter(p for _i, p in summary["missing"])
    summary["progress"] = sorted(
        [{"organisation": orgs[pk], "expected": n, "answered": n - missing_per_org[pk],
          "missing": missing_per_org[pk]} for pk, n in expected_per_org.items()],
        key=lambda r: (-r["missing"], r["organisation"].name))
    return summary, answers


class RoundDetailView(LoginRequiredMixin, ObjectDetailView):
    model = MappingRound
    template_name = "catalogue/round_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        summary, _answers = round_summary(self.object, self.request.user)
        ctx["summary"] = summary
        ctx["my_orgs"] = [r["organisation"] for r in summary["progress"]
                          if can_add_for(self.request.user, [r["organisation"].pk])]
        return ctx

    def render_to_response(self, context, **kwargs):
        fmt = self.request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            summary = context["summary"]
            header = [_("Interface"), _("Organisation"), _("Exists"), _("Agreed"), _("Works"), _("Problems"),
                      _("Good practices"), _("Proposals")]
            rows = []
            for a in MappingAnswer.objects.restrict(self.request.user, "view").filter(round=self.object) \
                    .select_related("interface", "organisation"):
                rows.append([str(a.interface), str(a.organisation), a.get_exists_display(), a.get_agreed_display(),
                             a.get_works_display(), a.problems, a.good_practices, a.proposals])
            names = {i.pk: str(i) for i in Interface.objects.filter(area=self.object.area)}
            orgs = {o.pk: str(o) for o in Organisation.objects.filter(pk__in={p for _i, p in summary["missing"]})}
            for interface_id, org_id in summary["missing"]:
                rows.append([names.get(interface_id, ""), orgs.get(org_id, ""), _("not answered"), "", "", "", "", ""])
            return export_response(self.request, fmt, header, rows, name=f"mapping-round-{self.object.pk}",
                                   model=MappingAnswer, detail=f"round {self.object.pk} {fmt}",
                                   objects=[a["obj"] for a in summary["gaps"] + summary["proposals"]])
        return super().render_to_response(context, **kwargs)


class RoundCreateView(LoginRequiredMixin, ActionFormMixin, FormView):
    template_name = "core/object_edit.html"
    form_class = RoundForm
    success_message = gettext_lazy("The mapping round is open.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def run(self, form):
        data = dict(form.cleaned_data)
        area = data.pop("area")
        return actions.open_round(area, acting_user=self.request.user, **data)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "model_meta": MappingRound._meta}


class _AnswerConflict(Exception):
    def __init__(self, interface, current):
        super().__init__(str(interface))
        self.interface, self.current = interface, current


class OrganisationAnswersView(LoginRequiredMixin, FormView):
    """One organisation answers about each of its interfaces in the round, one form per interface."""

    template_name = "catalogue/round_answer.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.round = get_object_or_404(MappingRound.objects.restrict(request.user, "view"), pk=kwargs["pk"])
        self.organisation = get_object_or_404(Organisation, pk=kwargs["org"])
        if not can_add_for(request.user, [self.organisation.pk]):
            raise PermissionDenied
        self.interfaces = list(Interface.objects.filter(area=self.round.area, parties=self.organisation)
                               .order_by("title"))
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        existing = {a.interface_id: a for a in MappingAnswer.objects.filter(round=self.round,
                                                                            organisation=self.organisation)}
        post = self.request.POST if self.request.method == "POST" else {}
        forms = []
        for i in self.interfaces:
            prefix = f"i{i.pk}"
            sent = any(key.startswith(f"{prefix}-") for key in post)  # a form left out is left as it was
            forms.append((i, AnswerForm(post if sent else None, prefix=prefix, instance=existing.get(i.pk))))
        return forms

    def post(self, request, *args, **kwargs):
        forms = self.get_form()
        bound = [(i, f) for i, f in forms if f.is_bound]
        changed = [(i, f) for i, f in bound if f.is_valid() and f.has_changed()]
        if any(not f.is_valid() for _i, f in bound):
            return self.render_to_response(self.get_context_data(form=forms))
        try:
            from yhdyspinta.core.actions import audited

            with audited(request.user):
                for interface, form in changed:
                    try:
                        actions.answer_round(self.round, acting_user=request.user, interface=interface,
                                             organisation=self.organisation,
                                             expected_version=form.cleaned_data.get("loaded_version"),
                                             **{k: form.cleaned_data[k] for k in AnswerForm.Meta.fields})
                    except ConflictError as exc:
                        raise _AnswerConflict(interface, exc.current) from exc
        except _AnswerConflict as conflict:
            # Nothing was saved; the answer saved meanwhile is shown in place of this form's values.
            forms = [(i, AnswerForm(prefix=f"i{i.pk}", instance=conflict.current) if i == conflict.interface else f)
                     for i, f in forms]
            messages.error(request, _("Someone else saved the answer about %(interface)s after you opened the "
                                      "page, so nothing was saved. The saved answer is shown now; make your "
                                      "changes again.") % {"interface": conflict.interface})
            response = self.render_to_response(self.get_context_data(form=forms))
            response.status_code = 409
            return response
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self.render_to_response(self.get_context_data(form=forms))
        messages.success(request, _("%(count)s answers saved.") % {"count": len(changed)})
        return redirect(self.round)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(round=self.round, organisation=self.organisation, can_change=can(self.request.user, self.round,
                                                                                     "change"))
        return ctx


def close_round_view(request, pk):
    if request.method != "POST" or not request.user.is_authenticated:
        raise PermissionDenied
    round_ = get_object_or_404(MappingRound.objects.restrict(request.user, "view"), pk=pk)
    actions.close_round(round_, acting_user=request.user)
    messages.success(request, _("The mapping round is closed."))
    return redirect(round_)
