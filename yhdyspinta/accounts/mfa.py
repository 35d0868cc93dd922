"""Multi-factor sign-in with time-based one-time codes (TOTP, django-otp's otp_totp plugin).

- A user with a confirmed device must enter a code after the password before the session is
  verified (``request.user.is_verified()``, django-otp's `OTPMiddleware`); until then every page
  sends them to `/account/mfa/verify/` and the API answers 403.
- A superuser without a device is sent to `/account/mfa/setup/` before anything else
  (``MFA_REQUIRED_FOR_SUPERUSERS``, default on). The Django admin is behind the same check.
- A session signed in with single sign-on (``session["oidc_provider"]``, set by `oidc.py`) is not
  asked: the organisation's identity provider does the multi-factor authentication.
- Wrong codes: the device's own throttling (django-otp's ThrottlingMixin) makes each next try wait
  1, 2, 4, 8 … seconds (``OTP_TOTP_THROTTLE_FACTOR``); every wrong code is a failed login in the
  access log.
- Adding and removing a device are written through `core.actions.audited`, so the change log has
  them with the actor and the client address; the secret (`key`) is never logged.
"""

import time
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from yhdyspinta.core.actions import audited
from yhdyspinta.core.audit import log_access
from yhdyspinta.core.models import AccessLog

SSO_SESSION_KEY = "oidc_provider"  # oidc.CallbackView sets it on a single sign-on
NO_DEVICE_KEY = "_mfa_no_device"  # [user id, epoch]: this user had no device a moment ago
NO_DEVICE_RECHECK = 300  # seconds
SETUP_KEY = "_mfa_setup_key"  # the key being set up, until a code confirms it
# Open to a session that still owes a code. Not the removal page: a password alone must not remove the device.
EXEMPT = ("/account/mfa/setup/", "/account/mfa/verify/", "/logout/", "/login/", "/oidc/", "/i18n/", "/static/", "/admin/login/",
          "/admin/logout/", "/accessibility/")


def is_sso_session(request) -> bool:
    return bool(getattr(request, "session", None) and request.session.get(SSO_SESSION_KEY))


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def required_step(request) -> str:
    """"verify", "setup" or "" for the current request's user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or is_sso_session(request):
        return ""
    if getattr(user, "is_verified", lambda: False)():
        return ""
    cached = request.session.get(NO_DEVICE_KEY)
    if isinstance(cached, list) and len(cached) == 2 and cached[0] == user.pk \
            and time.time() - cached[1] < NO_DEVICE_RECHECK:
        has_device = False
    else:
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        if has_device:
            request.session.pop(NO_DEVICE_KEY, None)
        else:
            request.session[NO_DEVICE_KEY] = [user.pk, int(time.time())]
    if has_device:
        return "verify"
    if user.is_superuser and getattr(settings, "MFA_REQUIRED_FOR_SUPERUSERS", True):
        return "setup"
    return ""


class MFARequiredMiddleware:
    """Sends a session that still owes a code (or a superuser's device) to that step first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.startswith(EXEMPT):
            step = required_step(request)
            if step:
                if path.startswith("/api/"):
                    return JsonResponse({"detail": _("Enter your sign-in code on the website first.")}, status=403)
                target = reverse("mfa_verify" if step == "verify" else "mfa_setup")
                return HttpResponseRedirect(f"{target}?next={_quote(request.get_full_path())}")
        return self.get_response(request)


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="/")


def _next_url(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()},
                                                       require_https=request.is_secure()):
        return candidate
    return default


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("Code"), max_length=8, min_length=6, strip=True,
        help_text=gettext_lazy("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "pattern": "[0-9 ]*", "aria-describedby": "id_otp_token_help"}),
    )

    def clean_otp_token(self):
        return self.cleaned_data["otp_token"].replace(" ", "")


def check_code(request, device, code: str, form) -> bool:
    """True for a right code; otherwise a clear error on the form (throttled by the device)."""
    allowed, info = device.verify_is_allowed()
    if not allowed:
        wait = ""
        if info and info.get("locked_until"):
            from django.utils import timezone

            seconds = max(1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)
            wait = seconds
        form.add_error("otp_token", _("Too many wrong codes. Wait %(seconds)s seconds and try again.")
                       % {"seconds": wait or 1})
        return False
    if device.verify_token(code):
        return True
    log_access(request, AccessLog.Action.LOGIN_FAILURE, detail="mfa: wrong code",
               username=request.user.get_username())
    form.add_error("otp_token", _("The code is wrong or has expired. Enter the code your authenticator app "
                                  "shows now; check that the phone's clock is right."))
    return False


class VerifyView(LoginRequiredMixin, View):
    """`/account/mfa/verify/`: the code after the password; verifies the session."""

    template_name = "accounts/mfa_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (request.user.is_verified() or is_sso_session(request)):
            return redirect(_next_url(request, reverse("account")))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if confirmed_device(request.user) is None:
            return redirect(_next_url(request, reverse("account")))
        return self._render(request, CodeForm())

    def post(self, request):
        device = confirmed_device(request.user)
        if device is None:
            return redirect(_next_url(request, reverse("account")))
        form = CodeForm(request.POST)
        if form.is_valid() and check_code(request, device, form.cleaned_data["otp_token"], form):
            otp_login(request, device)
            request.session.cycle_key()  # a new session id for the verified session
            return redirect(_next_url(request, reverse("home")))
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        return render(request, self.template_name, {"form": form, "next": _next_url(request, "")}, status=status)


def setup_qr_svg(device) -> str:
    """The otpauth:// link of `device` as an inline SVG QR code."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=4, border=2, title=_("QR code for your authenticator app"))


def secret_text(device) -> str:
    """The secret in base32 in groups of four, for typing into an app by hand."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


class SetupView(LoginRequiredMixin, View):
    """`/account/mfa/setup/`: a new key (kept in the session, nothing written on GET), its QR code;
    the device is saved, confirmed, only when a code from the app matches."""

    template_name = "accounts/mfa_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and confirmed_device(request.user) is not None:
            messages.info(request, _("Multi-factor sign-in is already in use."))
            return redirect("account")
        return super().dispatch(request, *args, **kwargs)

    def _pending(self, request) -> TOTPDevice:
        """The unsaved device of this set-up: the same key on reload, so a scanned QR code stays good."""
        key = request.session.get(SETUP_KEY)
        if not isinstance(key, str) or len(key) != 40:
            key = default_key()
            request.session[SETUP_KEY] = key
        return TOTPDevice(user=request.user, key=key, name=_("Authenticator app"), confirmed=True)

    def get(self, request):
        return self._render(request, self._pending(request), CodeForm())

    def post(self, request):
        device = self._pending(request)
        form = CodeForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["otp_token"]
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            totp.time = time.time()
            if code.isdigit() and totp.verify(int(code), device.tolerance):
                device.last_t = totp.t()  # this code cannot sign in again
                with audited(request.user):
                    device.save()
                request.session.pop(SETUP_KEY, None)
                request.session.pop(NO_DEVICE_KEY, None)
                otp_login(request, device)
                messages.success(request, _("Multi-factor sign-in is now in use. From now on you enter a code "
                                            "from your app after your password."))
                return redirect(_next_url(request, reverse("account")))
            form.add_error("otp_token", _("The code is wrong or has expired. Enter the code your authenticator "
                                          "app shows now; check that the phone's clock is right."))
        return self._render(request, device, form, status=400)

    def _render(self, request, device, form, status=200):
        required = request.user.is_superuser and getattr(settings, "MFA_REQUIRED_FOR_SUPERUSERS", True)
        response = render(request, self.template_name, {
            "form": form, "qr_svg": setup_qr_svg(device), "secret": secret_text(device),
            "required": required, "next": _next_url(request, ""),
        }, status=status)
        response["Cache-Control"] = "no-store"  # the page carries the secret
        return response


class RemoveForm(forms.Form):
    confirmation = forms.CharField(
        label=gettext_lazy("Your password or a current code"), max_length=200, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class RemoveView(LoginRequiredMixin, View):
    """`POST /account/mfa/remove/`: removes the device after the password or a current code."""

    http_method_names = ["get", "post"]
    template_name = "accounts/mfa_remove.html"

    def get(self, request):
        if confirmed_device(request.user) is None:
            return redirect("account")
        return render(request, self.template_name, {"form": RemoveForm()})

    def post(self, request):
        device = confirmed_device(request.user)
        if device is None:
            return redirect("account")
        form = RemoveForm(request.POST)
        if form.is_valid():
            value = form.cleaned_data["confirmation"]
            allowed, _info = device.verify_is_allowed()
            code = value.replace(" ", "")
            ok = allowed and ((code.isdigit() and device.verify_token(code))
                              or (request.user.has_usable_password() and request.user.check_password(value)))
            if ok:
                with audited(request.user):
                    TOTPDevice.objects.filter(user=request.user).delete()
                request.session.pop(NO_DEVICE_KEY, None)
                messages.success(request, _("Multi-factor sign-in was removed."))
                return redirect("account")
            if allowed and not code.isdigit():
                device.throttle_increment()  # a wrong password counts as a wrong try too
            log_access(request, AccessLog.Action.LOGIN_FAILURE, detail="mfa removal: wrong password or code",
                       username=request.user.get_username())
            form.add_error("confirmation", _("The password or code is wrong.") if allowed else
                           _("Too many wrong tries. Wait a moment and try again."))
        return render(request, self.template_name, {"form": form}, status=400)
