"""Record pickers that scale: a long list of records becomes a searchable autocomplete.

A <select> of 525 services, 336 organisations or 140 agenda items is unusable (and heavy) on a
page. `restrict_form_fields` (core/forms.py) hands every record-picking field to `adopt()`; when
the field offers more than `settings.RECORD_PICKER_THRESHOLD` records (default 100) its widget
becomes a `RecordPicker`: the page carries only the selected options, and Tom Select (vendored
from npm, keyboard-accessible, no CDN) asks `picker_search` for matches as the user types.
Shorter lists stay plain selects, which work without JavaScript.

The search answers from `Model.objects.restrict(user, "view")`: the same permission path as the
pages, so it never names a record the user may not see. The form still validates the chosen id
against its own (possibly narrower) list. The search is limited by default to the user's own
organisations and their area; a checkbox beside the picker widens it to all of Finland. Apps make labels unambiguous in their `pickers.py` (found by `core.discovery.app_modules`):

    labels = {AgendaItem: lambda item: f"{item.meeting} § {item.number} {item.title}"}
    related = {AgendaItem: ("meeting__forum",)}
    search_fields = {Person: ("first_name", "last_name", "title")}
    scope_paths = {Decision: ("meeting__forum__organisations", "meeting__forum__area")}  # a shorter way
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.discovery import app_modules
from yhdyspinta.core.policy import ALL, org_ids, organisation_model
from yhdyspinta.core.search import readable_q

RESULTS = 20
RELATED_KEYS_AT_MOST = 200  # a related table's matches read first (`_contains`); more: joined instead
GUESSED_FIELDS = ("name", "title", "short_name", "code", "first_name", "last_name", "business_id")
SALT = "yhdyspinta.pickers"
_registry: dict | None = None


def registry() -> dict:
    """{"labels": {model: fn}, "related": {model: paths}, "search_fields": {model: fields}} of the apps."""
    global _registry
    if _registry is None:
        merged = {"labels": {}, "related": {}, "search_fields": {}, "scope_paths": {}}
        for _label, module in app_modules("pickers"):
            for key, found in merged.items():
                found.update(getattr(module, key, {}))
        _registry = merged
    return _registry


def label(obj) -> str:
    fn = registry()["labels"].get(type(obj))
    return fn(obj) if fn else str(obj)


def threshold() -> int:
    return getattr(settings, "RECORD_PICKER_THRESHOLD", 100)


class PickerMixin:
    """Renders only the chosen options; the rest come from `picker_search` as the user types."""

    def optgroups(self, name, value, attrs=None):
        chosen = [v for v in value if v not in ("", None)]
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)
        groups = []
        if not self.allow_multiple_selected:
            groups.append((None, [self.create_option(name, "", self.choices.field.empty_label or "",
                                                     not chosen, 0, attrs=attrs)], 0))
        if chosen:
            picked = queryset.filter(pk__in=[v for v in chosen if str(v).isdigit()])
            for index, obj in enumerate(picked.select_related(*registry()["related"].get(queryset.model, ())),
                                        start=1):
                groups.append((None, [self.create_option(name, str(obj.pk), label(obj), True, index, attrs=attrs)],
                               index))
        return groups


class RecordPicker(PickerMixin, forms.Select):
    pass


class RecordMultiPicker(PickerMixin, forms.SelectMultiple):
    pass


def adopt(field) -> None:
    """Turns a long record list into a RecordPicker (once per queryset); short lists stay selects."""
    if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
        return
    widget = field.widget
    if isinstance(widget, PickerMixin) or type(widget) not in (forms.Select, forms.SelectMultiple):
        return
    if getattr(field, "_picker_checked", None) is field.queryset:
        return
    field._picker_checked = field.queryset
    if field.queryset.count() <= threshold():
        return
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    picker = (RecordMultiPicker if multiple else RecordPicker)(attrs=dict(widget.attrs))
    picker.choices = widget.choices
    picker.is_required = widget.is_required
    model = field.queryset.model
    picker.attrs.update({
        "data-picker-url": reverse("picker_search"),
        "data-picker-model": signing.dumps(model._meta.label_lower, salt=SALT),
        "data-picker-hint": str(_("Type at least two characters to search")),
        "data-picker-none": str(_("No matches")),
        "data-picker-everywhere": str(_("Search all of Finland")),
    })
    field.widget = picker


def model_from_token(token: str):
    """The model a picker's signed token names (a forged token names none: LookupError)."""
    try:
        label_lower = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise LookupError(token) from None
    return apps.get_model(label_lower)


def search_fields(model) -> list[str]:
    declared = registry()["search_fields"].get(model)
    names = {f.name for f in model._meta.concrete_fields}
    wanted = declared or [n for n in GUESSED_FIELDS if n in names]
    fields = []
    for name in wanted:  # the language variants of a translated field too (name_fi, name_sv, name_en)
        if "__" in name:  # a related record's field: modeltranslation picks the language
            fields.append(name)
        else:
            fields += [v for v in (name, f"{name}_fi", f"{name}_sv", f"{name}_en") if v in names]
    return list(dict.fromkeys(fields))


def own_scope(model, user) -> Q | None:
    """Records of the user's organisations, their county and its municipalities (None: no limit)."""
    ids = org_ids(user, "add")
    if ids is ALL or not ids:
        return None
    organisation = organisation_model()
    areas = set(organisation.objects.filter(pk__in=ids).exclude(area=None).values_list("area_id", flat=True))
    areas |= set(organisation.objects.filter(pk__in=ids, area=None).values_list("pk", flat=True))  # a county
    own = set(ids) | areas | set(organisation.objects.filter(area__in=areas).values_list("pk", flat=True))
    if model is organisation:
        return Q(pk__in=own) | Q(area_id__in=own)
    paths = registry()["scope_paths"].get(model) or getattr(model, "org_paths", ())
    if not paths:
        return None
    scope = Q()
    for path in paths:
        scope |= _path_in(model, path, own)
    return scope


def _path_in(model, path: str, ids) -> Q:
    """`path__in=ids` as nested `fk__in=<subquery>` hops: the database reads the few records of the
    user's organisations through the indexes instead of testing every row of a big table."""
    head, _sep, rest = path.partition("__")
    field = model._meta.get_field(head)
    if not rest or not (field.many_to_one or (field.one_to_one and field.concrete)):
        return Q(**{f"{path}__in": ids})
    target = field.related_model
    return Q(**{f"{head}__in": target.objects.filter(_path_in(target, rest, ids)).values("pk")})


def _contains(model, path: str, word: str) -> Q:
    """`path__icontains=word`. Through a relation (an agenda item's forum name) the related table is
    searched first, in every language, and the item matched by the few keys found: an item no word
    matches is then refused by its own columns, without joining the meeting and the forum to every
    item of the area (PostgreSQL, national scale: "no match" among 150 000 items 54 → 35 ms). Over
    RELATED_KEYS_AT_MOST matches (a common word), the join is cheaper and is used."""
    *hops, name = path.split("__")
    if not hops:
        return Q(**{f"{path}__icontains": word})
    target = model
    for hop in hops:
        target = target._meta.get_field(hop).related_model
    columns = {f.name for f in target._meta.concrete_fields}
    variants = [v for v in (f"{name}_fi", f"{name}_sv", f"{name}_en") if v in columns] or [name]
    match, joined, via = Q(), Q(), "__".join(hops)
    for column in variants:
        match |= Q(**{f"{column}__icontains": word})
        joined |= Q(**{f"{via}__{column}__icontains": word})
    keys = list(target.objects.filter(match).order_by().values_list("pk", flat=True)[:RELATED_KEYS_AT_MOST + 1])
    return joined if len(keys) > RELATED_KEYS_AT_MOST else Q(**{f"{via}__in": keys})


def search(model, user, text: str, limit: int = RESULTS, everywhere: bool = False) -> list:
    """Records of `model` that `user` may view and whose text fields contain every word of `text`:
    of the user's own organisations and area unless `everywhere` (the picker's "all of Finland")."""
    words = text.split()[:5]
    fields = search_fields(model)
    if not fields or not any(len(w) >= 2 for w in words) and not text.strip().isdigit():
        return []
    queryset = model.objects.restrict(user, "view")
    scope = None if everywhere else own_scope(model, user)
    if scope is not None:  # joins from the user's organisations: a few thousand rows, not all
        queryset = queryset.filter(scope)
    guards = {field: readable_q(model, user, field) for field in fields}  # only text the user may read
    for word in words:
        match = Q()
        for field in fields:
            match |= _contains(model, field, word) & (guards[field] or Q())
        if word.isdigit():
            match |= Q(pk=int(word))
        queryset = queryset.filter(match)
    # no DISTINCT over the wide joined rows: a search field through a many-to-many link may repeat
    # a record, so a few more rows are read and repeats dropped here
    rows = queryset.select_related(*registry()["related"].get(model, ())).order_by(*_order(model))[:limit * 3]
    return list({obj.pk: obj for obj in rows}.values())[:limit]


def _order(model) -> tuple:
    """The model's own order when it sorts by its own columns (names A–Ö); newest first when it
    sorts through another table (a meeting's date), which would sort every match before the first 20."""
    ordering = tuple(model._meta.ordering or ())
    local = {f.name for f in model._meta.concrete_fields if not f.is_relation}
    if ordering and all(isinstance(o, str) and o.lstrip("-") in local for o in ordering):
        return ordering
    return ("-pk",)
