"""The welfare report's approval buttons: send for approval, return to draft, approve (POST only)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View

from . import actions
from .models import WelfareReport

STEPS = {
    "submit": (actions.submit_report, _("The report was sent for approval; its approvers have been notified.")),
    "return": (actions.return_report_to_draft, _("The report was returned to draft.")),
    "approve": (actions.approve_report, _("The report was approved; it is now public.")),
}


class ReportStepView(LoginRequiredMixin, View):
    step = "submit"

    def post(self, request, pk):
        report = get_object_or_404(WelfareReport.objects.restrict(request.user, "view"), pk=pk)
        action, done = STEPS[self.step]
        try:
            action(report, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, str(done))
        return redirect(report.get_absolute_url())
