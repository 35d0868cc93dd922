"""The signed-in user's own account page (`/account/`): who they are, their memberships, the e-mail
language, multi-factor sign-in and their personal API tokens (create, shown once; revoke)."""

from datetime import datetime, time, timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from yhdyspinta.core.actions import audited

from . import api_tokens, mfa
from .models import ApiToken, Membership, User


class LanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]


class TokenForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("Description"), max_length=200, required=False,
        help_text=gettext_lazy("What the token is for, e.g. \"Power BI report\"."),
    )
    expires = forms.DateField(
        label=gettext_lazy("Expires on"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The token stops working at the start of this day. Leave empty for a token "
                               "that does not expire."),
    )
    write_enabled = forms.BooleanField(
        label=gettext_lazy("Write access"), required=False,
        help_text=gettext_lazy("Without this the token can only read; requests that change data are refused."),
    )

    def clean_expires(self):
        value = self.cleaned_data["expires"]
        if value is not None and value <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date after today."))
        return value


def default_expiry_date():
    days = getattr(settings, "API_TOKEN_DEFAULT_DAYS", 90)
    return timezone.localdate() + timedelta(days=days) if days else None


def _context(request, **extra):
    user = request.user
    device = mfa.confirmed_device(user)
    return {
        "memberships": Membership.objects.filter(user=user).select_related("organisation")
                                         .order_by("organisation__name"),
        "language_form": extra.pop("language_form", None) or LanguageForm(instance=user),
        "mfa_device": device,
        "mfa_sso": mfa.is_sso_session(request),
        "mfa_required": user.is_superuser and getattr(settings, "MFA_REQUIRED_FOR_SUPERUSERS", True),
        "tokens": ApiToken.objects.filter(user=user).order_by("-created"),
        "now": timezone.now(),
        "sso_identities": list(user.identities.select_related("provider")),
        **extra,
    }


class AccountView(LoginRequiredMixin, View):
    """`/account/`: the page; POST saves the e-mail language."""

    template_name = "accounts/account.html"

    def get(self, request):
        return render(request, self.template_name, _context(request))

    def post(self, request):
        form = LanguageForm(request.POST, instance=request.user)
        if form.is_valid():
            with audited(request.user):
                form.save()
            messages.success(request, _("Your e-mail language was saved."))
            return redirect("account")
        return render(request, self.template_name, _context(request, language_form=form), status=400)


class TokenCreateView(LoginRequiredMixin, View):
    """`/account/tokens/new/`: the form; after creation the key is shown once on this response."""

    template_name = "accounts/api_token_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": TokenForm(initial={"expires": default_expiry_date()})})

    def post(self, request):
        form = TokenForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        day = form.cleaned_data["expires"]
        expires = None
        if day is not None:
            expires = timezone.make_aware(datetime.combine(day, time.min))
        token, key = api_tokens.issue(request.user, description=form.cleaned_data["description"],
                                      write_enabled=form.cleaned_data["write_enabled"], expires=expires)
        response = render(request, "accounts/api_token_created.html", {"token": token, "key": key})
        response["Cache-Control"] = "no-store"  # the key must not stay in any cache
        return response


class TokenRevokeView(LoginRequiredMixin, View):
    """`POST /account/tokens/<id>/revoke/`: only one's own tokens (others' are a 404 here; superusers
    revoke anyone's in the admin)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        api_tokens.revoke(token, actor=request.user)
        messages.success(request, _("The token %(prefix)s was revoked.") % {"prefix": token.prefix})
        return redirect("account")
