"""`trust_load_plan`: what the load test visits, read from the database and the URL resolver (JSON).

The locust file (bench/load/locustfile.py) reads this plan so that it follows the installed apps
and the generated data set instead of a hand-written URL list: parameterless page routes, API
list endpoints, detail pages of public records, generated users, and editors with a record of
their own organisation to update (the write part of the mixed workload).
Core makes the generic part (pages, API lists, public detail pages); each app adds its entries in
`<app>/loadplan.py` (`contribute(plan)`: accounts the users, catalogue the writers), so this
command names no app.
"""

import json

from django.apps import apps
from django.core.management.base import BaseCommand
from django.urls import URLPattern, URLResolver, get_resolver

from yhdyspinta.core.discovery import app_modules
from yhdyspinta.core.models import RestrictedModel
from yhdyspinta.core.synthetic import PASSWORD

SKIP = ("admin/", "api/", "i18n/", "login/", "logout/", "oidc/", "history/", "healthz", "readyz", "media/", "static/",
        "pickers/")  # JSON answers, not pages
SKIP_WORDS = ("export", "delete", "edit", "add", "new", "create", "import", ".ics", ".csv", ".xlsx", ".pdf")


def page_routes(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        text = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from page_routes(pattern.url_patterns, prefix + text)
        elif isinstance(pattern, URLPattern):
            yield prefix + text


def plain_pages() -> list[str]:
    pages = []
    for route in page_routes():
        if any(c in route for c in "<^$(") or route.startswith(SKIP) or any(w in route for w in SKIP_WORDS):
            continue
        pages.append("/" + route)
    return sorted(set(pages))


def api_lists() -> list[str]:
    from drf_spectacular.generators import EndpointEnumerator

    return sorted({path for path, _r, method, callback in EndpointEnumerator().get_api_endpoints()
                   if method == "GET" and "{" not in path and (getattr(callback, "actions", None) or {}).get("get") == "list"})


def public_details(per_model=15) -> list[str]:
    urls = []
    for model in apps.get_models():
        if not issubclass(model, RestrictedModel) or "get_absolute_url" not in model.__dict__:
            continue
        qs = model.objects.restrict(None, "view") if hasattr(model.objects, "restrict") else model.objects.all()
        for obj in qs.order_by("pk")[:per_model]:
            try:
                urls.append(obj.get_absolute_url())
            except Exception:  # noqa: BLE001, S112 - a record without a page
                continue
    return urls


class Command(BaseCommand):
    help = "Prints the load-test plan (pages, API lists, public detail pages, users, writers) as JSON."

    def handle(self, *args, **options):
        plan = {"pages": plain_pages(), "api": api_lists(), "details": public_details(),
                "users": [], "writers": [], "password": PASSWORD}
        for _label, module in app_modules("loadplan"):
            module.contribute(plan)
        self.stdout.write(json.dumps(plan, indent=1))
