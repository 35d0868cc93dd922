"""A closed mapping round's reported problems to a forum's agenda (issue 15): the coordinator
picks the problems and a meeting, and one agenda item per interface is added in one action."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import FormView

from yhdyspinta.accounts.permissions import can
from yhdyspinta.catalogue.models import MappingRound
from yhdyspinta.core.views.generic import ActionFormMixin

from .. import actions
from ..forms import RoundProblemsForm


class RoundProblemsView(LoginRequiredMixin, ActionFormMixin, FormView):
    template_name = "cooperation/meeting_form.html"
    form_class = RoundProblemsForm
    success_message = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = get_object_or_404(MappingRound.objects.restrict(request.user, "view"), pk=kwargs["pk"])
            if not can(request.user, self.round, "change"):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round_": self.round, "user": self.request.user}

    def get_initial(self):
        return {"meeting": self.request.GET.get("meeting")}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.round,
                "heading": _("Reported problems to an agenda"),
                "intro": _("Each chosen problem goes to the meeting's agenda, one item per interface, linked "
                           "to the interface. The presentation is internal when the round or the interface is.")}

    def run(self, form):
        meeting = form.cleaned_data["meeting"]
        created = actions.items_from_round_problems(self.round, form.cleaned_data["answers"],
                                                    acting_user=self.request.user, meeting=meeting)
        messages.success(self.request, _("%(count)s agenda items added to %(meeting)s.") % {
            "count": len(created), "meeting": meeting})
        return meeting
