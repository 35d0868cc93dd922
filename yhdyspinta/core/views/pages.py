"""Front page, search, accessibility statement and health endpoints."""

import datetime
import logging
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from yhdyspinta.core.actions import receive_accessibility_feedback
from yhdyspinta.core.audit import client_address, log_internal_reads
from yhdyspinta.core.feedback import count_message, rate_limited
from yhdyspinta.core.geo import choropleth
from yhdyspinta.core.policy import organisation_model
from yhdyspinta.core.search import search_all

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    """Anonymous visitors (and `?view=public`): the public front page. Signed-in users: "My work",
    the panels the apps contribute through their `mywork.py` (core/mywork.py, docs/mywork.md)."""

    template_name = "core/home.html"

    def my_work(self) -> bool:
        return self.request.user.is_authenticated and self.request.GET.get("view") != "public"

    def get_template_names(self):
        return ["core/mywork.html"] if self.my_work() else [self.template_name]

    def get_context_data(self, **kwargs):
        if self.my_work():
            from yhdyspinta.core import mywork

            return super().get_context_data(**kwargs) | {"panels": mywork.build(self.request),
                                                          "since": mywork.since_of(self.request.session)}
        ctx = super().get_context_data(**kwargs)
        areas = list(organisation_model().objects.organising_areas().order_by("area_code"))
        regions = {
            a.letter_code: {
                "label": a.short_name or a.name,
                "url": reverse("organisations:area_detail", args=[a.pk]),
                "text": _("population %(n)s") % {"n": f"{a.population or 0:,}".replace(",", "\u00a0")},
            }
            for a in areas
        }
        ctx["areas"] = areas
        ctx["map_svg"] = choropleth(
            "hva", title=_("Wellbeing services counties"),
            description=_("Map of Finland's wellbeing services counties. Each county is a link; "
                          "the same information is in the table."),
            regions=regions,
        )
        return ctx


class SearchView(TemplateView):
    """One search over everything the user may see (organisations, people, and each app's records)."""

    template_name = "core/search.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        groups = search_all(query, self.request.user) if query else []
        for group in groups:
            log_internal_reads(self.request, group["model"], group["results"], detail=f"search {query}")
        ctx.update(query=query, groups=groups, total=sum(len(g["results"]) for g in groups))
        return ctx


class AccessibilityFeedbackForm(forms.Form):
    message = forms.CharField(label=gettext_lazy("Your feedback"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    page = forms.CharField(label=gettext_lazy("Address of the page concerned (if any)"), required=False, max_length=500)
    email = forms.EmailField(label=gettext_lazy("Your e-mail address (if you want an answer)"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


def feedback_address() -> str:
    """Where accessibility feedback is also e-mailed: ACCESSIBILITY_FEEDBACK_EMAIL (docs/i18n.md)."""
    return getattr(settings, "ACCESSIBILITY_FEEDBACK_EMAIL", "")


def _referring_page(request) -> str:
    """The path of the page the visitor came from (same site only, without its query: a search
    there may hold personal words), to prefill the page field."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc != request.get_host() or not referer.path or referer.path.rstrip("/").endswith("/accessibility"):
        return ""
    return referer.path[:500]


class AccessibilityView(TemplateView):
    """The accessibility statement (Act 306/2019): the real state, known shortcomings, the
    feedback channel (a form whose messages are stored for the service's maintainers,
    core/feedback.py, and also e-mailed to ACCESSIBILITY_FEEDBACK_EMAIL when set), the
    supervisory authority and the date of the last test."""

    template_name = "core/accessibility.html"
    tested_on = datetime.date(2026, 12, 4)  # the reflow and axe browser tests (core/tests/test_reflow_browser.py)
    reviewed_on = datetime.date(2026, 12, 4)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", AccessibilityFeedbackForm(initial={"page": _referring_page(self.request)}))
        return super().get_context_data(
            feedback_email=feedback_address(),
            tested_on=date_format(self.tested_on, "SHORT_DATE_FORMAT"),
            reviewed_on=date_format(self.reviewed_on, "SHORT_DATE_FORMAT"), **kwargs)

    def post(self, request, *args, **kwargs):
        form = AccessibilityFeedbackForm(request.POST)
        address = client_address(request)
        if rate_limited(address):
            form.add_error(None, _("You have sent several messages within the last hour. Please try again later."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        count_message(address)
        data = form.cleaned_data
        feedback = receive_accessibility_feedback(message=data["message"], email=data["email"], page=data["page"],
                                                  language=get_language()[:2])
        if feedback_address():
            _send(request, feedback)  # after the action's own transaction: the message is stored first
        messages.success(request, _("Thank you. Your feedback was sent to the maintainer of the service."))
        return HttpResponseRedirect(request.path)


def _send(request, feedback):
    """The e-mail copy for the maintainers (reply-to the sender when given). A failure to send
    loses nothing: the message is stored; the log names the record, never the sender."""
    link = request.build_absolute_uri(reverse("accessibility_feedback_detail", args=[feedback.pk]))
    body = (f"{feedback.message}\n\n--\n{_('Page')}: {feedback.page or '-'}\n{_('Language')}: {feedback.language}\n"
            f"{_('Reply address')}: {feedback.email or '-'}\n{_('Answer by')}: {date_format(feedback.due_date)}\n{link}")
    try:
        EmailMessage(subject=_("Accessibility feedback: Yhdyspinta"), body=body, to=[feedback_address()],
                     reply_to=[feedback.email] if feedback.email else None).send()
    except Exception:
        logger.warning("accessibility feedback %s: the e-mail copy could not be sent", feedback.pk, exc_info=True)


def healthz(request):
    """Liveness: the process answers."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """Readiness: the database answers; a load balancer takes the server out otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means not ready
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
