"""Escalations (nostaminen): list, detail with the route and the allowed transitions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from yhdyspinta.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    run_action,
)

from .. import actions
from ..filtersets import EscalationFilterSet
from ..forms import EscalationForm, TransitionForm
from ..models import Escalation
from ..tables import EscalationTable


class EscalationListView(ObjectListView):
    model = Escalation
    table_class = EscalationTable
    filterset_class = EscalationFilterSet
    add_url_name = "cooperation:escalation_add"
    export_name = "escalations"

    related = ("raised_by", "to_forum")


class EscalationDetailView(ObjectDetailView):
    model = Escalation
    template_name = "cooperation/escalation_detail.html"
    edit_url_name = "cooperation:escalation_edit"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        esc, user = self.object, self.request.user
        ctx["route"] = [esc.raised_by, *esc.raised_by.route_up()]
        ctx["may_handle"] = actions.may_handle_escalation(user, esc) and not esc.is_closed
        ctx["transition_form"] = kwargs.get("transition_form") or TransitionForm(escalation=esc, user=user)
        interface = esc.interface
        if interface is not None and not type(interface).objects.restrict(user, "view").filter(
                pk=interface.pk).exists():
            interface = None
        ctx["interface"] = interface
        ctx["interface_steps"] = list(interface.escalation_steps.all()) if interface else []
        return ctx


class EscalationEditView(ObjectEditView):
    model = Escalation
    form_class = EscalationForm


class EscalationTransitionView(LoginRequiredMixin, View):
    def post(self, request, pk):
        esc = get_object_or_404(Escalation.objects.restrict(request.user, "view"), pk=pk)
        form = TransitionForm(request.POST, escalation=esc, user=request.user)
        if form.is_valid():
            run_action(request, actions.transition_escalation, esc, form.cleaned_data["target"], actor=request.user,
                       reason=form.cleaned_data["reason"], agenda_item=form.cleaned_data["agenda_item"],
                       success=_("Saved."), denied=_("You may not handle this escalation."))
        else:
            for errors in form.errors.values():
                for msg in errors:
                    messages.error(request, msg)
        return redirect(esc.get_absolute_url())
