"""Error pages (400, 403, 404, 500) in the user's language with the site's navigation, and the
last line of defence that answers bad input with 400 instead of 500.

LocaleMiddleware has chosen the language before any of these run (cookie, Accept-Language,
Finnish by default), so the pages are in fi, sv or en like the rest of the site. The 500 page is
rendered without the context processors (no session, no user, no database: it must work when
the database is down) and, should even that fail, as a fixed HTML text.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from yhdyspinta.core.context_processors import navigation

logger = logging.getLogger("yhdyspinta.errors")


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def _page(request, template, status, message=""):
    if _wants_json(request):
        return JsonResponse({"detail": message or _default_message(status)}, status=status)
    body = loader.render_to_string(template, {"message": message, "status": status}, request)
    return HttpResponse(body, status=status)


def _default_message(status):
    return {400: _("The request could not be understood."),
            403: _("You do not have permission to see this page."),
            404: _("The page was not found.")}.get(status, _("Server error."))


def bad_request(request, exception=None, template_name="400.html"):
    return _page(request, template_name, 400, input_message(exception))


def permission_denied(request, exception=None, template_name="403.html"):
    """A refusal's own reason is shown when the view gave one (e.g. who answers a round instead)."""
    return _page(request, template_name, 403, str(exception or ""))


def page_not_found(request, exception=None, template_name="404.html"):
    return _page(request, template_name, 404)


def server_error(request, template_name="500.html"):
    if _wants_json(request):
        return JsonResponse({"detail": _("Server error.")}, status=500)
    try:
        body = loader.get_template(template_name).render({
            "request": request, "status": 500,
            "main_nav": _navigation(), "nav_groups": navigation(None)["nav_groups"],
            "LANGUAGES": settings.LANGUAGES,
        })
    except Exception:
        logger.exception("the 500 page could not be rendered")
        body = _STATIC_500 % {"title": pgettext("error page", "Server error"),
                              "text": _("Something went wrong on our side. Please try again later.")}
    return HttpResponseServerError(body)


def _navigation():
    return navigation(None)["main_nav"]


_STATIC_500 = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>%(title)s – Yhdyspinta</title></head>'
               '<body><main><h1>%(title)s</h1><p>%(text)s</p><p><a href="/">Yhdyspinta</a></p></main></body></html>')


# ---- bad input that reached the ORM or int(): 400, not 500 -------------------------------------
def is_bad_input(exc) -> bool:
    """Errors that only a request's own values cause: a number too long for int() (Python's
    4 300-digit limit), a number too large for the database, a value the ORM cannot convert
    for a lookup, a ValidationError an action raised and the view did not catch."""
    if isinstance(exc, (OverflowError, ValidationError)):
        return True
    if type(exc) is ValueError:
        text = str(exc)
        return ("integer string conversion" in text or text.startswith("invalid literal for int()")
                or (text.startswith("Field '") and " expected " in text))
    return False


def input_message(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, (OverflowError, ValueError)):
        return _("A number in the request is too large or not a number.")
    return ""


class BadInputMiddleware:
    """Turns `is_bad_input` exceptions from a view into a 400 answer (logged as a warning)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A NUL character cannot be stored or compared in PostgreSQL text (psycopg refuses the
        # query): no real link carries one, so it is refused here for every page and API list.
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            logger.warning("bad input answered with 400: %s %s: NUL in the query", request.method, request.path)
            return bad_request(request, ValidationError(_("The address contains a character that is not allowed.")))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_bad_input(exception):
            return None
        logger.warning("bad input answered with 400: %s %s: %s: %.200s", request.method, request.path,
                       type(exception).__name__, exception)
        return bad_request(request, exception)
