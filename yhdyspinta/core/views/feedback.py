"""Accessibility feedback for the service's maintainers: the list (open, overdue, answered) and a
message's page, where it is marked answered (core/feedback.py, Act 306/2019 § 15)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from yhdyspinta.core.actions import mark_feedback_answered
from yhdyspinta.core.audit import log_access
from yhdyspinta.core.feedback import (
    STATUSES,
    feedback_with_status,
    may_handle_feedback,
    open_counts,
)
from yhdyspinta.core.models import AccessibilityFeedback, AccessLog
from yhdyspinta.core.views.generic import run_action

PAGE_SIZE = 50


class FeedbackHandlerMixin(LoginRequiredMixin):
    """Signed-out visitors go to sign-in; signed-in users who do not handle feedback get 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_handle_feedback(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def status_rows(items, today):
    return [{"feedback": f, "overdue": f.is_overdue(today), "due": f.due_date} for f in items]


class FeedbackListView(FeedbackHandlerMixin, TemplateView):
    template_name = "core/feedback_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "open")
        status = status if status in STATUSES else "open"
        today = timezone.localdate()
        page = Paginator(feedback_with_status(status, today), PAGE_SIZE).get_page(self.request.GET.get("page"))
        labels = {"open": _("Open"), "overdue": _("Overdue"), "answered": _("Answered"), "all": _("All")}
        log_access(self.request, AccessLog.Action.READ, model=AccessibilityFeedback, objects=page.object_list,
                   detail=f"accessibility feedback list: {status}")
        return super().get_context_data(
            status=status, statuses=[(s, labels[s]) for s in STATUSES], status_label=labels[status], page=page,
            rows=status_rows(page.object_list, today), counts=open_counts(today), **kwargs)


class FeedbackDetailView(FeedbackHandlerMixin, TemplateView):
    template_name = "core/feedback_detail.html"

    def get_object(self):
        return get_object_or_404(AccessibilityFeedback.objects.select_related("answered_by"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        feedback = self.get_object()
        log_access(self.request, AccessLog.Action.READ, model=AccessibilityFeedback, objects=[feedback],
                   detail="accessibility feedback")
        return super().get_context_data(feedback=feedback, due=feedback.due_date,
                                        overdue=feedback.is_overdue(), **kwargs)

    def post(self, request, *args, **kwargs):
        feedback = self.get_object()
        run_action(request, mark_feedback_answered, feedback, acting_user=request.user,
                   success=_("The feedback was marked answered."))
        return HttpResponseRedirect(request.path)
