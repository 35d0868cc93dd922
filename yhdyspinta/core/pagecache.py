"""Public pages for anonymous visitors from a shared cache, for a few seconds.

Why: most visitors of a public-sector service are anonymous residents, and every anonymous
visitor of one URL in one language gets the same public page. Rendering it again for each of
them is the largest cost under load (docs/performance.md). Pages are kept for
`ANONYMOUS_CACHE_SECONDS` (default 60 in production, 0 = off in debug and tests), so an anonymous
visitor may see a public record up to that long after it changed; signed-in users always get
fresh pages.

Only what is safe to share is stored: a GET or HEAD from a request without a signed-in user and
without an Authorization header, answered 200 with HTML or JSON, that set no cookie, used no
CSRF token, wrote no access-log entry (so every logged read and export still happens), is not
an attachment and has no flash message pending. The key holds the full path with its query, the
language, the Accept header (API format) and whether it is an htmx request.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

CACHE_ALIAS = "pages"
_CACHEABLE_TYPES = ("text/html", "application/json")
_SKIPPED_HEADERS = {"set-cookie", "x-request-id", "content-length"}


def mark_uncacheable(request):
    """Called by code whose effect must happen on every request (e.g. the access log)."""
    if request is not None:
        request._page_cache_skip = True


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "ANONYMOUS_CACHE_SECONDS", 0)
        if not seconds or not _anonymous_read(request):
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in _SKIPPED_HEADERS]
            cache.set(key, (response.status_code, headers, response.content), seconds)
            response["X-Page-Cache"] = "miss"
        return response


def _anonymous_read(request) -> bool:
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    if "messages" in request.COOKIES:  # a pending flash message is personal
        return False
    return not request.user.is_authenticated


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not getattr(response, "streaming", False)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not getattr(request, "_page_cache_skip", False)
        and not response.has_header("Content-Disposition")
        and response.get("Content-Type", "").split(";")[0].strip() in _CACHEABLE_TYPES
        and not _has_messages(request)
    )


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and (getattr(storage, "_queued_messages", None) or storage.used))


def _key(request) -> str:
    parts = "\n".join((
        getattr(request, "LANGUAGE_CODE", ""),
        request.META.get("HTTP_ACCEPT", ""),
        request.META.get("HTTP_HX_REQUEST", ""),
        request.get_full_path(),
    ))
    return "anon-page:" + hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()
