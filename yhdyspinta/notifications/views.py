"""The signed-in user's notification preferences; unsubscribing by the link in an e-mail."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView

from . import actions
from .forms import PreferencesForm
from .models import Kind, Mode, Notification, Status
from .sender import read_unsubscribe_token


class PreferencesView(LoginRequiredMixin, FormView):
    template_name = "notifications/preferences.html"
    form_class = PreferencesForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["modes"] = actions.current_modes(self.request.user)
        kwargs["initial"] = {"language": self.request.user.language}
        return kwargs

    def form_valid(self, form):
        actions.set_preferences(self.request.user, form.modes(), language=form.cleaned_data["language"])
        messages.success(self.request, _("Your notification settings were saved."))
        return redirect("notifications:preferences")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["recent"] = (Notification.objects.filter(recipient=self.request.user)
                         .exclude(status=Status.QUEUED, digest=True).order_by("-created")[:20])
        ctx["has_email"] = bool(self.request.user.email)
        return ctx


@method_decorator(csrf_exempt, name="dispatch")  # the signed token is the proof; RFC 8058 one-click POST
class UnsubscribeView(View):
    """GET shows what will be turned off and a button (mail scanners follow links but do not
    submit forms); POST turns it off. No sign-in: the signed token names the user and the kind."""

    template_name = "notifications/unsubscribe.html"

    def _target(self, token):
        try:
            user_id, kind = read_unsubscribe_token(token)
        except signing.BadSignature as exc:
            raise Http404 from exc
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if user is None or kind not in Kind.values:
            raise Http404
        return user, Kind(kind)

    def get(self, request, token):
        _user, kind = self._target(token)
        return render(request, self.template_name, {"kind": kind, "done": False, "token": token})

    def post(self, request, token):
        user, kind = self._target(token)
        actions.unsubscribe(user, kind.value)
        return render(request, self.template_name, {"kind": kind, "done": True, "token": token,
                                                    "off": Mode.OFF})
