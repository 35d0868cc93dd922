"""Mapping rounds (yhdyspintojen kartoitus): open, answer, follow who has not answered, summarise."""

from collections import Counter

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from yhdyspinta.accounts.permissions import can, can_add_for
from yhdyspinta.cooperation.models import RoundRespondent
from yhdyspinta.core.concurrency import ConflictError
from yhdyspinta.core.exports import export_metadata, export_response
from yhdyspinta.core.views.generic import ActionFormMixin, ObjectDetailView, ObjectListView
from yhdyspinta.organisations.models import Organisation

from . import actions, compute, rounds
from .choices import Dimension
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
    """Expected answers = the round's frozen scope (interfaces × respondent organisations that are
    their parties); answers the user may see."""
    expected = rounds.expected_pairs(round_)
    answers = list(MappingAnswer.objects.restrict(user, "view").filter(round=round_)
                   .select_related("interface", "organisation"))
    summary = compute.mapping_summary(expected, [{
        "interface": a.interface_id, "organisation": a.organisation_id, "exists": a.exists, "agreed": a.agreed,
        "works": a.works, "problems": a.problems, "proposals": a.proposals, "good_practices": a.good_practices,
        "obj": a} for a in answers if (a.interface_id, a.organisation_id) in expected])
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in={p for _i, p in expected})}
    expected_per_org = Counter(p for _i, p in expected)
    missing_per_org = Counter(p for _i, p in summary["missing"])
    named = {r.organisation_id: r for r in RoundRespondent.objects.filter(round=round_).select_related("respondent")}
    summary["progress"] = sorted(
        [{"organisation": orgs[pk], "expected": n, "answered": n - missing_per_org[pk],
          "missing": missing_per_org[pk], "row": named.get(pk),
          "respondent": named[pk].respondent if pk in named else None} for pk, n in expected_per_org.items()],
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
        ctx["state"] = rounds.state(self.object)
        ctx["state_text"] = rounds.state_text(self.object)
        ctx["accepts_answers"] = ctx["state"] == rounds.OPEN
        ctx["can_change"] = can(self.request.user, self.object, "change")
        ctx["frozen"] = rounds.frozen_scope(self.object) is not None
        if ctx["can_change"] and ctx["frozen"]:
            from yhdyspinta.accounts.models import Membership

            members = {}
            for m in Membership.objects.filter(organisation__in=[r["organisation"] for r in summary["progress"]]) \
                    .select_related("user").order_by("user__last_name", "user__first_name", "user__username"):
                if can_add_for(m.user, [m.organisation_id]):  # those who may answer (walk 6 #16)
                    members.setdefault(m.organisation_id, []).append(m.user)
            for r in summary["progress"]:
                r["members"] = members.get(r["organisation"].pk, [])
        if ctx["can_change"] and ctx["state"] == rounds.CLOSED:
            ctx["proposals"] = rounds.proposed_assessments(self.object, self.request.user)
            ctx["dimensions"] = Dimension.choices
        return ctx

    def post(self, request, *args, **kwargs):
        """The coordinator's steps on the round page: reopen, name a respondent, accept proposals."""
        self.object = self.get_object()
        op = request.POST.get("op")
        try:
            if op == "reopen":
                closes_on = request.POST.get("closes_on") or None
                if closes_on:
                    from django.utils.dateparse import parse_date

                    closes_on = parse_date(closes_on)
                    if closes_on is None:
                        raise ValidationError(_("Give the closing date as YYYY-MM-DD."))
                actions.reopen_round(self.object, acting_user=request.user, closes_on=closes_on)
                messages.success(request, _("The mapping round is open again."))
            elif op == "respondent":
                row = get_object_or_404(RoundRespondent, round=self.object, pk=request.POST.get("row"))
                user_id = request.POST.get("respondent") or None
                user = row.organisation.memberships.filter(user_id=user_id).first() if user_id else None
                if user_id and user is None:
                    raise ValidationError(_("Choose a member of the organisation."))
                actions.set_round_respondent(self.object, row.organisation, acting_user=request.user,
                                             respondent=user.user if user else None)
                messages.success(request, _("The respondent is saved."))
            elif op == "accept":
                chosen = set(request.POST.getlist("interface"))
                dimension = request.POST.get("dimension", "")
                proposals = [p for p in rounds.proposed_assessments(self.object, request.user)
                             if str(p["interface"].pk) in chosen]
                if not proposals:
                    raise ValidationError(_("Choose at least one interface."))
                saved = actions.accept_proposed_assessments(self.object, proposals, acting_user=request.user,
                                                            dimension=dimension)
                messages.success(request, _("%(count)s maturity assessments recorded.") % {"count": len(saved)})
            else:
                raise PermissionDenied
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(self.object)

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
                                   objects=[a["obj"] for a in summary["gaps"] + summary["proposals"]],
                                   metadata=export_metadata(self.request, f"{_('Mapping round')}: {self.object}"),
                                   metadata_sheet=True)
        return super().render_to_response(context, **kwargs)


class OpenRoundForm(RoundForm):
    include_county = forms.BooleanField(
        label=gettext_lazy("The county answers too"), required=False,
        help_text=gettext_lazy("Leave unchecked when only the municipalities and other parties answer."))


class RoundCreateView(LoginRequiredMixin, ActionFormMixin, FormView):
    template_name = "core/object_edit.html"
    form_class = OpenRoundForm
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
        if not can_add_for(request.user, [self.organisation.pk]):  # e.g. a viewer: says who answers instead
            raise PermissionDenied(_("The answers of %(organisation)s are given by its editors; you may read "
                                     "the round and its summary.") % {"organisation": self.organisation})
        self.interfaces = rounds.respondent_interfaces(self.round, self.organisation)
        self.previous, self.prefill = rounds.previous_answers(self.round, self.organisation)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        existing = {a.interface_id: a for a in MappingAnswer.objects.filter(round=self.round,
                                                                            organisation=self.organisation)}
        post = self.request.POST if self.request.method == "POST" else {}
        forms = []
        for i in self.interfaces:
            prefix = f"i{i.pk}"
            sent = any(key.startswith(f"{prefix}-") for key in post)  # a form left out is left as it was
            form = AnswerForm(post if sent else None, prefix=prefix, instance=existing.get(i.pk),
                              initial=self._prefill(i.pk) if i.pk not in existing else None)
            form.prefilled = i.pk not in existing and i.pk in self.prefill
            forms.append((i, form))
        return forms

    def _prefill(self, interface_id):
        """Last round's answer about the interface, offered as this round's (saving confirms it)."""
        before = self.prefill.get(interface_id)
        if before is None:
            return None
        return {k: getattr(before, k) for k in AnswerForm.Meta.fields}

    def post(self, request, *args, **kwargs):
        forms = self.get_form()
        bound = [(i, f) for i, f in forms if f.is_bound]
        changed = [(i, f) for i, f in bound if f.is_valid() and (f.has_changed() or f.prefilled)]
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
        refusal = rounds.refusal(self.round)
        if refusal:  # not open (closed or not yet opened): the answers read only, no save (walk 6 #18)
            for _interface, form in ctx["form"]:
                for field in form.fields.values():
                    field.disabled = True
        ctx.update(round=self.round, organisation=self.organisation, can_change=can(self.request.user, self.round,
                                                                                     "change"),
                   previous=self.previous, refusal=refusal,
                   respondent=RoundRespondent.objects.filter(round=self.round, organisation=self.organisation)
                   .select_related("respondent").first())
        return ctx


def close_round_view(request, pk):
    if request.method != "POST" or not request.user.is_authenticated:
        raise PermissionDenied
    round_ = get_object_or_404(MappingRound.objects.restrict(request.user, "view"), pk=pk)
    actions.close_round(round_, acting_user=request.user)
    messages.success(request, _("The mapping round is closed."))
    return redirect(round_)
