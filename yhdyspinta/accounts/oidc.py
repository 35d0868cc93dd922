"""OpenID Connect sign-in with mozilla-django-oidc, configured per `IdentityProvider` row instead of settings.

The library does the protocol: state, nonce and PKCE (S256) in the session, the authorisation
redirect, the code-for-token request and the ID token's signature against the provider's JWKS.
Here it gets its endpoints from the provider's discovery document and its client from the row, and
the ID token is also checked for issuer, audience, expiry and issue time (the library checks only
the signature and the nonce). Who the claims are and which memberships they give is `sso.py`.
"""

import logging
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from yhdyspinta.core.audit import log_access
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.models import AccessLog
from yhdyspinta.core.reasons import reason

from .models import IdentityProvider, User
from .sso import Refusal, sign_in

BACKEND = "yhdyspinta.accounts.oidc.ProviderBackend"
CALLBACK_URL_NAME = "oidc_callback"
SIGNING_ALGORITHMS = ["RS256"]  # Entra ID signs with RS256; the JWKS key must name the same
TIMEOUT = 10
LOGGER = logging.getLogger(__name__)


def metadata(provider: IdentityProvider) -> dict:
    """The provider's discovery document (`/.well-known/openid-configuration`), cached for an hour."""
    key = f"oidc-metadata:{provider.issuer}"
    data = cache.get(key)
    if data is not None:
        return data
    url = provider.issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        LOGGER.warning("OIDC discovery of %s failed: %s", provider.slug, exc)
        raise Refusal(reason("%(provider)s could not be reached; please try again later.",
                             provider=provider.name)) from exc
    needed = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
    if not isinstance(data, dict) or any(not isinstance(data.get(k), str) for k in needed):
        raise Refusal(reason("The configuration of %(provider)s is incomplete.", provider=provider.name))
    if data["issuer"].rstrip("/") != provider.issuer.rstrip("/"):
        raise Refusal(reason("The provider's configuration names another issuer (%(issuer)s).",
                             issuer=data["issuer"]))
    cache.set(key, data, 3600)
    return data


def _settings_for(provider: IdentityProvider) -> dict:
    return {
        "OIDC_RP_SCOPES": provider.scopes,
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_VERIFY_SSL": True,
        "OIDC_TIMEOUT": TIMEOUT,
        "OIDC_ALLOW_UNSECURED_JWT": False,
        "OIDC_TOKEN_USE_BASIC_AUTH": False,
    }


class ProviderBackend(OIDCAuthenticationBackend):
    """The library's backend with the provider row's settings; authenticates only when given one."""

    def __init__(self, *args, **kwargs):  # Django builds every backend for each password login too
        self.UserModel = User
        self.provider = None
        self.id_token = ""

    def get_settings(self, attr, *args):
        if self.provider is not None and attr in (overrides := _settings_for(self.provider)):
            return overrides[attr]
        return import_from_settings(attr, *args)

    def configure(self, provider: IdentityProvider):
        self.provider = provider
        self.meta = metadata(provider)
        self.OIDC_OP_TOKEN_ENDPOINT = self.meta["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = self.meta.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = self.meta["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.secret()
        self.OIDC_RP_SIGN_ALGO = SIGNING_ALGORITHMS[0]
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, oidc_provider=None, **kwargs):
        if oidc_provider is None:
            return None
        self.configure(oidc_provider)
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        """Signature (the library's choice of key), then issuer, audience, expiry and issue time."""
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.InvalidTokenError as exc:
            raise _invalid("not a JWT") from exc
        if header.get("alg") not in SIGNING_ALGORITHMS:
            raise _invalid(f"signature algorithm {header.get('alg')!r}")
        try:
            claims = jwt.decode(
                payload, key, algorithms=SIGNING_ALGORITHMS, audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.meta["issuer"], leeway=getattr(settings, "OIDC_CLOCK_SKEW_SECONDS", 30),
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Refusal(reason("The provider's sign-in answer has expired; please sign in again.")) from exc
        except jwt.InvalidAudienceError as exc:
            raise _invalid("audience: the ID token is meant for another application") from exc
        except jwt.InvalidIssuerError as exc:
            raise _invalid("issuer") from exc
        except jwt.InvalidTokenError as exc:
            raise _invalid(str(exc)) from exc
        if isinstance(claims.get("aud"), list) and len(claims["aud"]) > 1 \
                and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise _invalid("authorised party (azp)")
        return claims

    def verify_token(self, token, **kwargs):
        if not isinstance(token, str) or not token:
            raise _invalid("no ID token in the token response")
        try:
            return super().verify_token(token, **kwargs)
        except SuspiciousOperation as exc:  # the library's nonce and key checks
            raise _invalid(str(exc)) from exc
        except KeyError as exc:  # a JWT header without a key id, a JWKS key without one
            raise _invalid(f"no {exc.args[0]} in the key lookup") from exc
        except (jwt.InvalidTokenError, ValueError) as exc:  # not a JWT at all, an unusable key
            raise _invalid(str(exc) or type(exc).__name__) from exc

    def store_tokens(self, access_token, id_token):
        self.id_token = id_token  # kept in the session only when the sign-in succeeds

    def get_userinfo(self, access_token, id_token, payload):
        # The verified ID token: Entra ID puts the groups there, not in its userinfo answer.
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        return sign_in(self.provider, payload)

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).first()


def _invalid(what: str) -> Refusal:
    return Refusal(reason("The provider's sign-in answer failed validation (%(what)s).", what=what))


def refuse(request, exc: Refusal, provider: IdentityProvider | None = None, status: int = 403):
    """The refusal page; the English reason goes to the access log as a failed login."""
    log_access(request, AccessLog.Action.LOGIN_FAILURE,
               detail=f"sso:{provider.slug if provider else '?'}: {exc.args[0] if exc.args else exc}")
    return render(request, "accounts/sso_refused.html",
                  {"message": error_message(exc), "provider": provider}, status=status)


class LoginView(auth_views.LoginView):
    """The password form and a "Sign in with …" link for each enabled identity provider."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_providers"] = list(IdentityProvider.objects.filter(enabled=True).order_by("name"))
        return context


class ProviderLoginView(OIDCAuthenticationRequestView):
    """`/oidc/<slug>/login/`: redirects to the provider with state, nonce and a PKCE challenge."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the library reads its settings here; ours come in get()
        self.provider = None

    def get_settings(self, attr, *args):
        if self.provider is not None and attr in (overrides := _settings_for(self.provider)):
            return overrides[attr]
        return import_from_settings(attr, *args)

    def get(self, request, slug):
        provider = IdentityProvider.objects.filter(slug=slug, enabled=True).first()
        if provider is None:
            raise Http404
        try:
            meta = metadata(provider)
        except Refusal as exc:
            return refuse(request, exc, provider, status=503)
        self.provider = provider
        self.OIDC_OP_AUTH_ENDPOINT = meta["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        response = super().get(request)
        state = parse_qs(urlsplit(response.url).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = provider.slug
        request.session.modified = True
        return response

    def get_extra_params(self, request):
        hint = request.GET.get("login_hint", "")
        return {"login_hint": hint[:200]} if hint else {}


class CallbackView(View):
    """`/oidc/callback/`: the provider's answer → validated ID token → user and memberships → signed in."""

    http_method_names = ["get"]

    def get(self, request):
        states = request.session.get("oidc_states")
        state = request.GET.get("state", "")
        entry = states.pop(state, None) if isinstance(states, dict) and state else None
        if not isinstance(entry, dict) or "provider" not in entry:
            return refuse(request, Refusal(reason(
                "This sign-in answer does not belong to a sign-in started in this browser, or it was "
                "already used. Please start again.")), status=400)
        request.session["oidc_states"] = states  # a state is good for one answer only
        provider = IdentityProvider.objects.filter(slug=entry["provider"]).first()
        if provider is None:
            return refuse(request, Refusal(reason("The identity provider of this sign-in no longer exists.")))
        if request.GET.get("error"):
            detail = request.GET.get("error_description") or request.GET["error"]
            return refuse(request, Refusal(reason("%(provider)s did not sign you in: %(error)s",
                                                  provider=provider.name, error=detail[:300])), provider)
        if not request.GET.get("code"):
            return refuse(request, _invalid("no authorisation code"), provider, status=400)
        backend = ProviderBackend()
        try:
            if "iss" in request.GET and request.GET["iss"] != metadata(provider)["issuer"]:
                raise _invalid("the answer names another issuer (RFC 9207)")  # a mix-up of providers
            user = backend.authenticate(request, oidc_provider=provider, nonce=entry.get("nonce"),
                                        code_verifier=entry.get("code_verifier"))
        except Refusal as exc:
            return refuse(request, exc, provider)
        except requests.RequestException as exc:
            LOGGER.warning("OIDC token request to %s failed: %s", provider.slug, exc)
            return refuse(request, Refusal(reason("%(provider)s did not accept the sign-in (token request "
                                                  "failed); please try again.", provider=provider.name)), provider)
        except ImproperlyConfigured as exc:
            LOGGER.error("OIDC provider %s: %s", provider.slug, exc)
            return refuse(request, Refusal(reason("Sign-in with %(provider)s is not configured completely; "
                                                  "please tell the service's administrator.",
                                                  provider=provider.name)), provider, status=503)
        next_url = request.session.pop("oidc_login_next", None)
        auth.login(request, user, backend=BACKEND)  # the access log records LOGIN_SUCCESS
        request.session["oidc_provider"] = provider.slug
        request.session["oidc_id_token"] = backend.id_token
        return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


class LogoutView(auth_views.LogoutView):
    """Local logout; after a single sign-on, also the provider's end-session endpoint when it has one.

    The provider is reached with a link (and an immediate refresh), not a redirect of the form
    post, because the Content-Security-Policy's form-action allows only this site.
    """

    def post(self, request, *args, **kwargs):
        end_session = self._end_session_url(request)
        response = super().post(request, *args, **kwargs)
        if end_session:
            return render(request, "accounts/sso_logout.html", {"end_session_url": end_session})
        return response

    def _end_session_url(self, request) -> str:
        slug = request.session.get("oidc_provider")
        provider = IdentityProvider.objects.filter(slug=slug).first() if slug else None
        if provider is None or not request.user.is_authenticated:
            return ""
        try:
            endpoint = metadata(provider).get("end_session_endpoint")
        except Refusal:
            return ""
        if not endpoint:
            return ""
        params = {"client_id": provider.client_id,
                  "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))}
        if request.session.get("oidc_id_token"):
            params["id_token_hint"] = request.session["oidc_id_token"]
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


__all__ = ["BACKEND", "CallbackView", "LoginView", "LogoutView", "ProviderBackend", "ProviderLoginView",
           "metadata"]
