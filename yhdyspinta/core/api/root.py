"""The API root `/api/v1/`: every app's endpoints the user may use, with the schema and its docs.

Found from the URLconf (each app's `api/urls.py` is mounted at `/api/v1/<app>/` with the namespace
`api-<app>`), so no app is named here. An endpoint is listed when the user's request would pass
its permission classes: anonymous users see the readable (public-record) lists, signed-in users
also the endpoints that only take a POST (funding compute and compare).
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

PREFIX = "api/v1/"


def _endpoints(resolver, namespace):
    """(name, url name) of the parameterless endpoints of one app's API."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groupindex:
            if entry.name == "api-root" or str(entry.pattern).endswith(r"\.(?P<format>[a-z0-9]+)/?$"):
                continue
            yield entry.name, f"{namespace}:{entry.name}", entry.callback


def _allowed(request, callback) -> bool:
    cls = getattr(callback, "cls", None)
    if cls is None:
        return True
    view = cls(**(getattr(callback, "initkwargs", None) or {}))
    actions = getattr(callback, "actions", None) or {}
    if actions:
        view.action = actions.get("get") or next(iter(actions.values()))
    view.request, view.args, view.kwargs = request, (), {}
    view.format_kwarg = None
    readable = "get" in actions or (not actions and hasattr(view, "get"))
    if not readable and not request.user.is_authenticated:
        return False
    method, request._request.method = request._request.method, "GET" if readable else "POST"
    try:
        return all(p.has_permission(request, view) for p in view.get_permissions())
    finally:
        request._request.method = method


def api_apps():
    """(app label, resolver) of every app API mounted under /api/v1/."""
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and str(entry.pattern).startswith(PREFIX) and entry.namespace:
            yield entry.namespace.removeprefix("api-"), entry


class ApiRootView(APIView):
    """Lists the API's endpoints by app (only those the user may use), the schema and its docs."""

    permission_classes = (AllowAny,)

    @extend_schema(responses=inline_serializer("ApiRoot", {
        "schema": serializers.URLField(help_text="the OpenAPI schema"),
        "docs": serializers.URLField(help_text="the schema's browsable documentation"),
        "apps": serializers.DictField(child=serializers.DictField(child=serializers.URLField()),
                                      help_text="app → endpoint name → address (those the user may use)"),
    }))
    def get(self, request):
        apps = {}
        for label, resolver in sorted(api_apps(), key=lambda pair: pair[0]):
            endpoints = {}
            for name, url_name, callback in _endpoints(resolver, resolver.namespace):
                if _allowed(request, callback):
                    endpoints[name.removesuffix("-list")] = request.build_absolute_uri(reverse(url_name))
            if endpoints:
                apps[label] = dict(sorted(endpoints.items()))
        return Response({
            "schema": request.build_absolute_uri(reverse("api-schema")),
            "docs": request.build_absolute_uri(reverse("api-docs")),
            "apps": apps,
        })
