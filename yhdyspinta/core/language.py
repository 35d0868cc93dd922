"""The page's language in its address (issue 16): `/sv/…` and `/en/…` serve Swedish and English
to anyone with the link, the unprefixed address serves the visitor's language.

Design (docs/i18n.md, "Language in the address"):
- Pages are mounted with `i18n_patterns(prefix_default_language=False)`: `/sv/catalogue/finder/`
  is Swedish, `/en/…` English, and the unprefixed `/catalogue/finder/` is the Finnish address.
  The API, the admin, the language switch, the sign-in callbacks and static files have no prefix.
- Old links and bookmarks keep working: an unprefixed address is answered in the visitor's saved
  choice (the language cookie) or Accept-Language, Finnish by default, as before. The front page
  `/` redirects a visitor whose language is not Finnish to `/sv/` or `/en/`.
- `/fi/…` is an explicit Finnish link: it stores Finnish as the visitor's choice and redirects
  to the unprefixed address, so a shared `/fi/` link gives Finnish to anyone.
- The language cookie persists (LANGUAGE_COOKIE_AGE, one year); the switcher stores it.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import get_script_prefix, is_valid_path, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.i18n import set_language as django_set_language

_SAFE = ("GET", "HEAD")


def _default() -> str:
    return settings.LANGUAGE_CODE


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _answer_in(request, language: str) -> None:
    """An unprefixed page address for a visitor whose language is not Finnish is answered as
    `/<language>/<path>` (internally, no redirect: a form posted to an old address still works),
    so the page's own links carry the prefix. Addresses outside the language patterns (API,
    admin, sign-in) resolve as they are and are left alone."""
    path = request.path_info
    if is_valid_path(path):
        return
    prefixed = f"/{language}{path}"
    if is_valid_path(prefixed) or (settings.APPEND_SLASH and is_valid_path(prefixed + "/")):
        request.path_info = prefixed
        request.path = request.path[: len(request.path) - len(path)] + prefixed


class LanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware with the rules above (it replaces Django's in MIDDLEWARE)."""

    def process_request(self, request):
        path = request.path_info
        in_path = translation.get_language_from_path(path)
        if in_path and in_path != _default():
            language = in_path  # /sv/…, /en/…: the address decides
        else:
            # unprefixed (or /fi/, answered below): the saved choice, Accept-Language, Finnish
            language = translation.get_language_from_request(request, check_path=False)
        request.language_from_path = in_path
        request.unprefixed_path = path
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        if not in_path and request.LANGUAGE_CODE != _default():
            _answer_in(request, request.LANGUAGE_CODE)

    def __call__(self, request):
        response = self.process_request(request)
        if response is None:
            response = self._redirect(request)
        if response is None:
            response = self.get_response(request)
        return self.process_response(request, response)

    def _redirect(self, request):
        if request.method not in _SAFE:
            return None
        path = request.unprefixed_path
        prefix = f"/{_default()}/"
        if request.language_from_path == _default() and (path + "/").startswith(prefix):
            # /fi/… → the Finnish (unprefixed) address, with Finnish stored as the choice
            rest = path[len(prefix) - 1:] or "/"
            query = request.META.get("QUERY_STRING", "")
            target = get_script_prefix().rstrip("/") + rest + (f"?{query}" if query else "")
            response = HttpResponseRedirect(target)
            set_language_cookie(response, _default())
            return response
        if path == "/" and request.LANGUAGE_CODE != _default():
            response = HttpResponseRedirect(f"{get_script_prefix()}{request.LANGUAGE_CODE}/")
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        return None

    def process_response(self, request, response):
        if not getattr(request, "language_from_path", None):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def set_language(request):
    """Django's language switch, with `next` read in the language of its own address: the switch
    on `/sv/…` posts next=/sv/…, which resolves only while Swedish is active, and Django would
    otherwise resolve it in the visitor's previous language and send them back to `/sv/…`."""
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    in_next = translation.get_language_from_path(next_url.split("?", 1)[0]) if next_url.startswith("/") else None
    with translation.override(in_next or _default()):
        return django_set_language(request)


def alternates(request) -> list[dict]:
    """The same page in every language: [{code, name, url}] for hreflang links and the switcher.

    The unprefixed address is the Finnish one (x-default too: it follows the visitor's choice)."""
    current = request.get_full_path()
    result = []
    for code, _name in settings.LANGUAGES:
        result.append({"code": code, "url": translate_url(current, code)})
    return result
