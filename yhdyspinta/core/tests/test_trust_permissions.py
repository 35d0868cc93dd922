"""Permissions at scale: a matrix generated from the installed apps, not written by hand.

For every RestrictedModel with its own `visibility` field and a registered API list endpoint,
a public and an internal record owned by organisation A1 are made with the app's factory
(`yhdyspinta.<app>.tests.factories.<Model>Factory`, or the shared `tests.factories`), a unique
marker is planted in the record's searchable text, and each role of the `world` fixture
reads the API list, the API detail, the list page (and its CSV export) and the site search.
Outsiders (anonymous, another organisation) must never see the internal record; members,
the county coordinator, the national reader and the admin must. Models left out are printed
with the reason (run with `-s` or see the skip reason of `test_matrix_coverage`).
"""

import importlib
import re
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import api_client_for, client_for
from yhdyspinta.core.models import RestrictedModel, Visibility

OUTSIDERS = ("anonymous", "other")
INSIDERS = ("viewer", "editor", "coordinator", "national", "admin")
ROLES = OUTSIDERS + INSIDERS


@dataclass
class Target:
    model: type
    api_list: str | None = None
    api_detail: str | None = None
    lookup: str = "pk"
    list_page: str | None = None
    factory: object = None
    skipped: str = ""
    search_fields: tuple = field(default_factory=tuple)

    @property
    def label(self):
        return self.model._meta.label


# ---- discovery ---------------------------------------------------------------------------
def api_endpoints():
    """(path, method, view class, actions) of every API operation, from drf-spectacular."""
    from drf_spectacular.generators import EndpointEnumerator

    for path, _regex, method, callback in EndpointEnumerator().get_api_endpoints():
        yield path, method, getattr(callback, "cls", None), getattr(callback, "actions", None) or {}


def viewset_model(cls):
    queryset = getattr(cls, "queryset", None)
    if queryset is not None:
        return queryset.model
    serializer = getattr(cls, "serializer_class", None)
    return getattr(getattr(serializer, "Meta", None), "model", None)


def page_routes(patterns=None, prefix=""):
    """(route, view class) of every page route, with its prefix; converters kept as <…>."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        text = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from page_routes(pattern.url_patterns, prefix + text)
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + text, getattr(pattern.callback, "view_class", None), pattern


def find_factory(model):
    app = model._meta.app_config.name
    for module_name in (f"{app}.tests.factories", "tests.factories"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        factory = getattr(module, f"{model.__name__}Factory", None)
        if factory is not None:
            return factory
    return None


def discover():
    from yhdyspinta.core.search import _REGISTRY
    from yhdyspinta.core.views.generic import ObjectListView

    searchable = {label: fields for label, fields in _REGISTRY}
    targets = {}
    for model in apps.get_models():
        if not issubclass(model, RestrictedModel) or model.visibility_path != "visibility":
            continue
        if "visibility" not in {f.name for f in model._meta.concrete_fields}:
            continue
        targets[model] = Target(model, search_fields=tuple(searchable.get(model._meta.label, ())))
    for path, method, cls, actions in api_endpoints():
        model = viewset_model(cls) if cls else None
        if model not in targets or method != "GET":
            continue
        if actions.get("get") == "list" and "{" not in path:
            targets[model].api_list = targets[model].api_list or path
        elif actions.get("get") == "retrieve" and path.count("{") == 1:
            targets[model].api_detail = targets[model].api_detail or path
            targets[model].lookup = getattr(cls, "lookup_field", "pk")
    for route, view, _pattern in page_routes():
        if view and isinstance(view, type) and issubclass(view, ObjectListView) and "<" not in route \
                and "^" not in route and getattr(view, "model", None) in targets:
            targets[view.model].list_page = targets[view.model].list_page or route
    for target in targets.values():
        target.factory = find_factory(target.model)
        if not target.api_list:
            target.skipped = "no API list endpoint"
        elif target.factory is None:
            target.skipped = f"no factory {target.model.__name__}Factory in {target.model._meta.app_label}.tests.factories"
    return sorted(targets.values(), key=lambda t: t.label)


TARGETS = discover()
TESTED = [t for t in TARGETS if not t.skipped]


# ---- making owned records ----------------------------------------------------------------
def _point_path_at(obj, path: str, org):
    """Makes the org path `a__b__c` of `obj` lead to `org` (FK set or M2M add at the last step)."""
    parts = path.split("__")
    target = obj
    for part in parts[:-1]:
        target = getattr(target, part)
        if target is None or hasattr(target, "all"):
            return False
    last = target._meta.get_field(parts[-1])
    if last.many_to_many or last.one_to_many:
        if last.many_to_many:
            getattr(target, parts[-1]).add(org)
            return True
        return False
    if parts == ["pk"]:
        return False
    setattr(target, parts[-1], org)
    target.save()
    return True


def _escalation(visibility):
    from yhdyspinta.cooperation.tests.factories import ForumFactory

    return {"to_forum": ForumFactory(), "visibility": visibility}


# Models whose factory needs more than `visibility=` (derived visibility, required relations).
RECIPES = {
    "cooperation.Escalation": _escalation,
    "indicators.WelfareReport": lambda visibility: {
        "status": "approved" if visibility == Visibility.PUBLIC else "draft"},
}


def make(target, world, visibility, marker):
    recipe = RECIPES.get(target.label, lambda v: {"visibility": v})
    obj = target.factory(**recipe(visibility))
    if not _point_path_at(obj, target.model.org_paths[0], world.a1):
        pytest.fail(f"{target.label}: cannot point {target.model.org_paths[0]} at A1")
    text_fields = [f.split("__")[0] for f in target.search_fields] or [
        f.name for f in target.model._meta.concrete_fields
        if isinstance(f, models.CharField) and not f.choices and f.max_length >= 40 and f.name != "visibility"
    ]
    if text_fields:
        name = text_fields[0]
        current = getattr(obj, name) or ""
        joiner = "-" if isinstance(target.model._meta.get_field(name), models.SlugField) else " "
        target.model.objects.filter(pk=obj.pk).update(**{name: f"{current}{joiner}{marker}".strip(" -")[-190:]})
        obj.refresh_from_db()
    assert obj.is_internal == (visibility == Visibility.INTERNAL)
    return obj


def _detail_url(target, obj):
    return re.sub(r"\{[^}]+\}", str(getattr(obj, target.lookup)), target.api_detail)


def _href(obj):
    try:
        return f'href="{obj.get_absolute_url()}"'
    except Exception:  # noqa: BLE001 - no page
        return None


# ---- the matrix ----------------------------------------------------------------------------
def test_matrix_coverage():
    """Reports what the matrix covers; fails if discovery found nothing (it would prove nothing)."""
    lines = [f"{t.label}: {'tested' if not t.skipped else 'SKIPPED – ' + t.skipped}" for t in TARGETS]
    print("\npermission matrix:\n  " + "\n  ".join(lines))
    assert TESTED, "no model with visibility and an API was found"


@pytest.mark.django_db
@pytest.mark.parametrize("target", TESTED, ids=lambda t: t.label)
def test_internal_records_never_reach_outsiders(world, target):
    failures = check(world, target)
    assert not failures, f"{target.label}:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_matrix_detects_a_leak(world, monkeypatch):
    """The matrix is not vacuous: with the permission path switched off it reports leaks."""
    from yhdyspinta.accounts import permissions

    monkeypatch.setattr(permissions, "restrict", lambda qs, user, action="view": qs)
    target = next(t for t in TESTED if t.list_page) if any(t.list_page for t in TESTED) else TESTED[0]
    failures = check(world, target)
    assert any("LEAKED in API list" in f for f in failures), failures


def check(world, target):  # noqa: C901 - one sweep of roles × actions, read top to bottom
    """Returns the list of permission failures for one model across all roles."""
    public = make(target, world, Visibility.PUBLIC, "Zqpublicmarker")
    internal = make(target, world, Visibility.INTERNAL, "Zqinternalmarker")
    failures = []
    for who in ROLES:
        user = getattr(world, who)
        api, client = api_client_for(user), client_for(user)
        insider = who in INSIDERS

        listed = api.get(target.api_list, {"limit": 1000})
        if listed.status_code != 200:
            failures.append(f"{who}: API list {listed.status_code}")
            continue
        body = listed.json()
        rows = body["results"] if isinstance(body, dict) and "results" in body else body
        ids = {row.get("id") for row in rows if isinstance(row, dict)}
        if public.pk not in ids:
            failures.append(f"{who}: public record missing from API list")
        if (internal.pk in ids) != insider:
            failures.append(f"{who}: internal record {'missing from' if insider else 'LEAKED in'} API list")
        if not insider and "Zqinternalmarker" in listed.content.decode():
            failures.append(f"{who}: internal marker LEAKED in API list")

        if target.api_detail:
            status = api.get(_detail_url(target, internal)).status_code
            if insider and status != 200 or not insider and status not in (401, 403, 404):
                failures.append(f"{who}: API detail of internal record {status}")

        if target.list_page:
            page = client.get(target.list_page)
            text = page.content.decode()
            if page.status_code == 200 and not insider:
                href = _href(internal)
                if "Zqinternalmarker" in text or (href and href in text):
                    failures.append(f"{who}: internal record LEAKED on {target.list_page}")
                export = client.get(target.list_page, {"export": "csv"})
                if export.status_code == 200 and "Zqinternalmarker" in export.content.decode("utf-8-sig"):
                    failures.append(f"{who}: internal record LEAKED in CSV export")

        if target.search_fields:
            found = client.get("/search/", {"q": "Zqinternalmarker"}).content.decode()
            href = _href(internal)  # the query itself is echoed, so look for the record's link
            if href and not insider and href in found:
                failures.append(f"{who}: internal record LEAKED in site search")
            if href and who == "admin" and href not in found:
                failures.append("admin: site search does not find the internal record (check proves nothing)")

        href = _href(internal)
        if href:
            status = client.get(internal.get_absolute_url()).status_code
            if not insider and status not in (302, 403, 404):
                failures.append(f"{who}: detail page of internal record {status}")
            if insider and status != 200:
                failures.append(f"{who}: detail page of internal record {status} (expected 200)")
    return failures


# ---- link fields: the same matrix for the choices of every API serializer and page form ----------
# A link field (a PrimaryKeyRelatedField of a serializer, a ModelChoiceField of a form) whose target
# is a record with visibility must offer and accept only what the user may view
# (docs/permissions.md, "Names and links"). Generated: every serializer of an API endpoint and every
# form class of the apps' forms.py that can be built with `user=` alone; their link fields to a
# model of the matrix are checked with an internal and a public record of A1.
def _serializer_links():
    from rest_framework.relations import ManyRelatedField, RelatedField

    seen, out = set(), []
    for _path, _method, cls, _actions in api_endpoints():
        serializer = getattr(cls, "serializer_class", None) if cls else None
        if serializer is None or serializer in seen:
            continue
        seen.add(serializer)
        try:
            fields = serializer(context={"request": None}).fields
        except Exception:  # noqa: BLE001, S112 - needs more than a request to be built
            continue
        for name, fld in fields.items():
            rel = fld.child_relation if isinstance(fld, ManyRelatedField) else fld
            if isinstance(rel, RelatedField) and not rel.read_only and rel.queryset is not None:
                out.append((f"{serializer.__module__.split('.')[1]}.{serializer.__name__}.{name}", serializer,
                            name, rel.queryset.model))
    return out


def _form_links():
    from django import forms as django_forms

    out = []
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("yhdyspinta."):
            continue
        try:
            module = importlib.import_module(f"{app_config.name}.forms")
        except ImportError:
            continue
        for cls in vars(module).values():
            if not (isinstance(cls, type) and issubclass(cls, django_forms.BaseForm)) or cls.__module__ != module.__name__:
                continue
            for name, fld in cls.base_fields.items():
                if isinstance(fld, django_forms.ModelChoiceField) and fld.queryset is not None:
                    out.append((f"{app_config.label}.{cls.__name__}.{name}", cls, name, fld.queryset.model))
    return out


_MATRIX_MODELS = {t.model: t for t in TESTED}
LINKS = [(label, kind, cls, name, _MATRIX_MODELS[model])
         for kind, found in (("serializer", _serializer_links()), ("form", _form_links()))
         for label, cls, name, model in found if model in _MATRIX_MODELS]


def _link_choices(kind, cls, name, user):
    from types import SimpleNamespace

    if kind == "serializer":
        field = cls(context={"request": SimpleNamespace(user=user)}).fields[name]
        field = getattr(field, "child_relation", field)
        return set(field.get_queryset().values_list("pk", flat=True))
    form = cls(user=user)
    return set(form[name].field.queryset.values_list("pk", flat=True))


def test_link_matrix_coverage():
    print("\nlink-field matrix:\n  " + "\n  ".join(label for label, *_rest in LINKS))
    kinds = {kind for _label, kind, *_rest in LINKS}
    assert kinds == {"serializer", "form"}, "no link fields found: the check would prove nothing"


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "kind", "cls", "name", "target"), LINKS, ids=[link[0] for link in LINKS])
def test_link_fields_offer_internal_records_only_to_insiders(world, label, kind, cls, name, target):
    public = make(target, world, Visibility.PUBLIC, "Zqpublicmarker")
    internal = make(target, world, Visibility.INTERNAL, "Zqinternalmarker")
    try:
        choices = {who: _link_choices(kind, cls, name, getattr(world, who)) for who in ("anonymous", "other", "editor")}
    except TypeError as exc:  # a form that needs more than `user=` (an interface, a study)
        pytest.skip(f"{label}: {exc}")
    for who in ("anonymous", "other"):
        assert internal.pk not in choices[who], f"{label}: internal {target.label} offered to {who}"
    if public.pk not in choices["editor"] and internal.pk not in choices["editor"]:
        # outsiders checked above; the form narrows further (e.g. a county's recent meetings)
        pytest.skip(f"{label}: the form narrows its choices further than the matrix's records")
    assert internal.pk in choices["editor"], f"{label}: internal {target.label} not offered to its editor"


@pytest.mark.django_db
def test_link_matrix_detects_a_leak(world, monkeypatch):
    """Not vacuous: with the restriction of link fields switched off, internal choices reach outsiders."""
    from yhdyspinta.core import forms as core_forms
    from yhdyspinta.core.api import serializers as core_serializers

    monkeypatch.setattr(core_forms, "restrict_form_field", lambda field, user: None)
    monkeypatch.setattr(core_serializers, "restrict_serializer_field", lambda field, user: None)
    for kind in ("form", "serializer"):
        label, kind, cls, name, target = next(
            link for link in LINKS if link[1] == kind and link[0].endswith("WelfareReport" + kind.capitalize()
                                                                             + ".goals"))
        internal = make(target, world, Visibility.INTERNAL, "Zqinternalmarker")
        assert internal.pk in _link_choices(kind, cls, name, world.other), label
