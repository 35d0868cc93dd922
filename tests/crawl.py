"""A crawl as a user would click: every link a role can reach, checked for leaks and server errors.

The secrets are read from the database, not written by hand: for the crawling user, every text
field of every record they may not see, every hidden field (`hidden_fields_for(user)`) of the
records they may see, and the names of people they may not see. A text that is also part of
something the user may see (a shared title) is not a secret. Raw field names (`internal_notes`,
`shared_goals_fi`) in the visible text are reported too.

Used by `yhdyspinta/core/tests/test_trust_crawl.py` (a capped crawl of the demo data in CI) and
`bench/trust/crawl_demo.py` (the whole crawl, figures in docs/reliability.md).
"""

import html
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

from django.apps import apps
from django.db import models
from django.urls import Resolver404, resolve

MIN_SECRET = 12  # shorter texts ("Tampere", "Kyllä") recur in public records by chance
SKIP_PREFIXES = ("/i18n/", "/logout", "/accounts/logout", "/static/", "/media/", "/api/v1/docs", "/api/v1/schema")
_HREF = re.compile(r"""href\s*=\s*["']([^"'#][^"']*)["']""", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
# Scripts, styles and code samples (an import page documents its CSV columns) are not prose.
_SCRIPT = re.compile(r"<(script|style|code|kbd)\b.*?</\1>", re.IGNORECASE | re.DOTALL)


@dataclass
class CrawlResult:
    pages: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: list = field(default_factory=list)
    leaks: list = field(default_factory=list)  # (url, description)
    raw_field_names: list = field(default_factory=list)  # (url, name)
    secrets: int = 0


def _restricted_models():
    from yhdyspinta.core.models import RestrictedModel

    return [m for m in apps.get_models() if issubclass(m, RestrictedModel)]


def _text_fields(model):
    return [f.name for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
            and f.name not in ("visibility", "body_visibility") and not isinstance(f, models.EmailField)]


def secrets_for(user) -> dict[str, str]:
    """Text → what it is, for everything `user` must not be shown."""
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    hidden: dict[str, str] = {}
    shown: set[str] = set()
    for model in _restricted_models():
        names = _text_fields(model)
        if not names:
            continue
        visible_ids = set(model.objects.restrict(user, "view").values_list("pk", flat=True))
        for obj in model._base_manager.all().iterator(chunk_size=2000):
            label = f"{model._meta.label}#{obj.pk}"
            if obj.pk in visible_ids:
                secret_fields = obj.hidden_fields_for(user)
                for name in names:
                    value = (getattr(obj, name, "") or "").strip()
                    if len(value) < MIN_SECRET:
                        continue
                    if name in secret_fields:
                        hidden.setdefault(value, f"{label}.{name}")
                    else:
                        shown.add(value)
            else:
                for name in names:
                    value = (getattr(obj, name, "") or "").strip()
                    if len(value) >= MIN_SECRET:
                        hidden.setdefault(value, f"{label}.{name}")
                if model._meta.label == "organisations.Person":
                    full = obj.full_name
                    if len(full) >= 8:
                        hidden.setdefault(full, f"{label} (name)")
    # A text someone may see somewhere (a public record with the same title) is not a secret;
    # neither is a name that a visible person shares.
    from yhdyspinta.organisations.models import Person

    for person in Person.objects.restrict(user, "view").only("first_name", "last_name"):
        shown.add(person.full_name)
    return {text: what for text, what in hidden.items() if text not in shown}


def field_names_with_underscore() -> set[str]:
    names = set()
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if "_" in f.name and len(f.name) >= 8 and not f.name.endswith("_id"):
                names.add(f.name)
    return names


def _visible_text(body: str) -> str:
    return html.unescape(_TAGS.sub(" ", _SCRIPT.sub(" ", body)))


def _wanted(url: str) -> bool:
    if not url.startswith("/") or url.startswith("//"):
        return False
    path = urlsplit(url).path
    if path.startswith(SKIP_PREFIXES) or "/admin/" in path[:8]:
        return False
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _route_key(url: str) -> str:
    """Pages of one route with other ids or queries count towards that route's cap."""
    try:
        match = resolve(urlsplit(url).path)
        return match.route or match.view_name
    except Resolver404:
        return url


def crawl(client, user, *, start=("/",), max_pages=2000, per_route=25, secrets=None) -> CrawlResult:
    secrets = secrets if secrets is not None else secrets_for(user)
    # One regex for all secrets is far faster than a `in` test per secret per page.
    pattern = re.compile("|".join(re.escape(s) for s in sorted(secrets, key=len, reverse=True))) if secrets else None
    raw_names = field_names_with_underscore()
    raw_pattern = re.compile(r"(?<![\w/.=-])(" + "|".join(map(re.escape, sorted(raw_names))) + r")(?![\w/.=-])")
    result = CrawlResult(secrets=len(secrets))
    queue = deque(start)
    seen = set(start)
    per_route_count: Counter = Counter()
    while queue and result.pages < max_pages:
        url = queue.popleft()
        response = client.get(url, follow=False)
        result.pages += 1
        result.statuses[response.status_code] += 1
        if response.status_code >= 500:
            result.server_errors.append((url, response.status_code))
            continue
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content).decode("utf-8", "replace")
        else:
            body = response.content.decode("utf-8", "replace")
        kind = response.get("Content-Type", "")
        is_html = "html" in kind
        text = html.unescape(body) if is_html else body
        if pattern is not None:
            for match in set(pattern.findall(text)):
                result.leaks.append((url, secrets[match]))
        if is_html:
            for name in set(raw_pattern.findall(_visible_text(body))):
                result.raw_field_names.append((url, name))
            for href in _HREF.findall(body):
                link = urldefrag(html.unescape(href))[0]
                if link in seen or not _wanted(link):
                    continue
                key = _route_key(link)
                if per_route_count[key] >= per_route:
                    continue
                per_route_count[key] += 1
                seen.add(link)
                queue.append(link)
    return result
