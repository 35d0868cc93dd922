"""The change history page of a record (docs/audit.md, "History").

Built from django-auditlog's entries: the record's own and those of its child records (models
that declare `history_parent`, the name of their foreign key to the parent, e.g. an escalation
step's `history_parent = "interface"`), deleted children included. Every row is readable: the
field's verbose name (with the language of a _fi/_sv/_en variant), the translated action, choices
as their labels, yes/no, dates in the local format, a linked record's name only for those who may
view that record, many-to-many changes as added/removed names. Fields hidden from the user
(`hidden_fields_for`) never show, child records the user may not see are left out, and a deleted
record's history is for those who could read all of it (see `deleted_record_access`).
Editors restore an earlier value of a field with a reason (`core.actions.restore_field`).
"""

import json
import os
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import UTC, date, datetime
from functools import cache

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from yhdyspinta.core.actions import restorable_field, restore_field
from yhdyspinta.core.audit import log_access, log_internal_reads
from yhdyspinta.core.history import extra_entries
from yhdyspinta.core.models import AccessLog, Visibility
from yhdyspinta.core.policy import ALL, can, can_view_internal_of, org_ids, organisation_model

MAX_ENTRIES = 500
JSON_SHOWN = 300
MAX_DEPTH = 3  # parent → child → grandchild → great-grandchild
LANGUAGE_SUFFIXES = {"_fi": "fi", "_sv": "sv", "_en": "en"}

ACTION_LABELS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("viewed"),
}


def hidden_record_label():
    return _("(hidden record)")


# ---- the models: children, restricted or not ------------------------------------------------
def is_restricted(model) -> bool:
    return hasattr(model, "org_paths") and hasattr(getattr(model, "objects", None), "restrict")


@cache
def history_children(model) -> tuple:
    """(child model, foreign key name) of every model whose `history_parent` points at `model`."""
    out = []
    for child in apps.get_models():
        name = getattr(child, "history_parent", None)
        if not name:
            continue
        try:
            fk = child._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if (fk.many_to_one or fk.one_to_one) and fk.concrete and issubclass(model, fk.related_model):
            out.append((child, name))
    return tuple(sorted(out, key=lambda pair: pair[0]._meta.label))


def internal_names(model) -> frozenset:
    """The internal fields of a model; for a model without rights of its own, its internal_* fields."""
    if hasattr(model, "internal_field_names"):
        return model.internal_field_names()
    return frozenset(f.name for f in model._meta.get_fields() if f.name.startswith("internal_"))


def _content_type(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


# ---- what the entries say ------------------------------------------------------------------
def _is_m2m_change(value) -> bool:
    return isinstance(value, dict) and value.get("type") == "m2m"


def _pair(value):
    """(old, new) of a stored field change, or None for anything else."""
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return value[0], value[1]
    return None


def last_known(entries) -> tuple[dict, dict]:
    """The last known field values ({name: stored text}) and many-to-many names ({name: set}) of a
    record, replayed from its entries (oldest first); the deletion entry holds the values at deletion."""
    state: dict = {}
    m2m: dict = {}
    for entry in sorted(entries, key=lambda e: (e.timestamp, e.pk)):
        for name, value in (entry.changes_dict or {}).items():
            if _is_m2m_change(value):
                names = m2m.setdefault(name, set())
                objects = {str(o) for o in value.get("objects") or ()}
                if value.get("operation") == "add":
                    names |= objects
                else:
                    names -= objects
                continue
            pair = _pair(value)
            if pair is None:
                continue
            old, new = pair
            state[name] = old if entry.action == LogEntry.Action.DELETE else new
    return state, m2m


def _records_named(queryset, names, limit=2000) -> dict:
    """{str(record): record} for the records of `queryset` whose name is one of `names`.

    m2m changes store names, not ids. Candidates are found through the record's text fields
    (its whole name or any run of its words, so "Matti Meikäläinen", "Kotihoito (Alfala)" and
    "Alfala / Sosiaalipalvelut" are found), then compared by their name."""
    names = {n for n in names if n}
    if not names:
        return {}
    model = queryset.model
    tokens = set(names)
    for name in names:
        words = name.replace("(", " ").replace(")", " ").replace(":", " ").replace("/", " ").split()[:30]
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                tokens.add(" ".join(words[i:j]))
    tokens = sorted(tokens)[:5000]
    text_fields = [f.name for f in model._meta.concrete_fields
                   if isinstance(f, models.CharField) and not f.choices and f.name != "visibility"]
    if not text_fields:
        return {}
    q = Q()
    for name in text_fields:
        q |= Q(**{f"{name}__in": tokens})
    found = {}
    for record in queryset.filter(q)[:limit]:
        label = str(record)
        if label in names:
            found[label] = record
    return found


def recorded_org_ids(model, pk, depth=0) -> set:
    """The organisations a (deleted) record involved, from its last known values: its org paths'
    organisation foreign keys and many-to-many parties, or through a parent record (alive, or
    deleted and itself judged from its history)."""
    Organisation = organisation_model()
    entries = list(LogEntry.objects.filter(content_type=_content_type(model), object_pk=str(pk)))
    state, m2m = last_known(entries)
    ids: set = set()
    for path in getattr(model, "org_paths", ()):
        head, _sep, rest = path.partition("__")
        if head == "pk":
            if str(pk).isdigit():
                ids.add(int(pk))
            continue
        try:
            field = model._meta.get_field(head)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            if not rest and issubclass(field.related_model, Organisation):
                ids |= {o.pk for o in _records_named(Organisation._base_manager.all(), m2m.get(head, ())).values()}
                ids |= _through_org_ids(field, pk)
            continue
        if not (field.many_to_one or field.one_to_one):
            continue
        value = state.get(head)
        if value in (None, "None", ""):
            continue
        related = field.related_model
        if not rest:
            if issubclass(related, Organisation) and str(value).isdigit():
                ids.add(int(value))
            continue
        alive = related._base_manager.filter(pk=value)
        if alive.exists():
            ids |= {v for v in alive.values_list(rest, flat=True) if v}
        elif depth < MAX_DEPTH:
            ids |= recorded_org_ids(related, value, depth + 1)
    return ids


def _through_org_ids(field, pk) -> set:
    """Organisations a record was linked to through an explicit m2m model (an agreement's party
    rows): every organisation the through rows' entries name for this record. Its rows are saved
    one by one, so they have entries of their own; the m2m signal does not fire for them."""
    through = field.remote_field.through
    if through._meta.auto_created:
        return set()
    source = target = None
    for f in through._meta.concrete_fields:
        if f.many_to_one and issubclass(field.model, f.related_model) and source is None:
            source = f.name
        elif f.many_to_one and f.related_model is field.related_model and target is None:
            target = f.name
    if not source or not target:
        return set()
    ids = set()
    entries = LogEntry.objects.filter(content_type=_content_type(through)).filter(
        Q(**{f"changes__{source}__1": str(pk)}) | Q(**{f"changes__{source}__0": str(pk)}))
    for entry in entries:
        pair = _pair((entry.changes_dict or {}).get(target))
        for value in pair or ():
            if value not in (None, "None", "") and str(value).isdigit():
                ids.add(int(value))
    return ids


def deleted_record_access(user, model, pk) -> bool:
    """THE rule for a deleted record's history: superusers, and those who could read all of the
    record while it existed: `can_view_internal_of` the organisations recorded in its last known
    values (members of those organisations, their county's coordinator, national readers).
    Nobody else, whatever the record's visibility was (its history may hold internal values)."""
    if user is not None and user.is_superuser:
        return True
    if user is None or not user.is_authenticated:
        return False
    ids = recorded_org_ids(model, pk)
    return bool(ids) and can_view_internal_of(user, ids)


# ---- the records whose entries make the page -------------------------------------------------
@dataclass
class Source:
    model: type
    pk: str
    obj: object = None  # the live record; None when deleted
    hidden: frozenset = frozenset()
    child: bool = False
    name: str = ""
    may_change: bool = False
    entries: list = dc_field(default_factory=list)

    @property
    def label(self):
        if not self.child:
            return ""
        return f"{capfirst(self.model._meta.verbose_name)}: {self.name}"


def _deleted_child_internal(child, state, parent_source) -> bool:
    """Was a deleted child record internal? Its own visibility value, or its parent's."""
    path = getattr(child, "visibility_path", None) if is_restricted(child) else None
    if path == "visibility" and any(f.name == "visibility" for f in child._meta.concrete_fields):
        return state.get("visibility") != Visibility.PUBLIC
    if path is None and is_restricted(child):
        return False
    parent = parent_source.obj
    if parent is not None:
        return bool(getattr(parent, "is_internal", False))
    return True


def sees_everything(user) -> bool:
    """Superusers and national readers read every record whole (no query per record needed)."""
    return org_ids(user, "view") is ALL


def _pks(queryset, live) -> set:
    return {str(pk) for pk in queryset.filter(pk__in=[c.pk for c in live.values()]).values_list("pk", flat=True)}


def _live_children(child, fk, parent_by_pk) -> dict:
    """{pk: record} of the child records alive under the parents, each with its parent cached."""
    typed = [fk.target_field.to_python(pk) for pk in parent_by_pk]
    links = [f.name for f in child._meta.concrete_fields if f.many_to_one or f.one_to_one]
    live = {str(c.pk): c for c in child._base_manager.select_related(*[n for n in links if n != fk.name])
            .filter(**{f"{fk.attname}__in": typed})}
    for record in live.values():  # one parent instance for all its parts: its lookups are cached
        parent = parent_by_pk.get(str(getattr(record, fk.attname)))
        if parent is not None and parent.obj is not None:
            fk.set_cached_value(record, parent.obj)
    return live


def _child_rights(child, live, user, fk, parent_by_pk) -> tuple[set, set]:
    """(visible pks, changeable pks) of the live child records."""
    if is_restricted(child) and live:
        visible = _pks(child.objects.restrict(user, "view"), live)
        changeable = _pks(child.objects.restrict(user, "change"), live) if user.is_authenticated else set()
        return visible, changeable
    # a part without rights of its own: its parent's
    changeable = {pk for pk, c in live.items()
                  if getattr(parent_by_pk.get(str(getattr(c, fk.attname))), "may_change", False)}
    return set(live), changeable


def _hidden_of(record, child, user, sees_internal) -> frozenset:
    if sees_everything(user):
        return frozenset()
    if hasattr(record, "hidden_fields_for"):
        return record.hidden_fields_for(user)
    return frozenset() if sees_internal else internal_names(child)


def _deleted_sources(child, fk_name, deleted, entries, parent_by_pk, sees_internal) -> list:
    found = []
    for pk in deleted:
        own = entries.get(pk, [])
        state, _m2m = last_known(own)
        parent = parent_by_pk.get(str(state.get(fk_name)))
        if parent is None:
            continue
        if _deleted_child_internal(child, state, parent) and not sees_internal:
            continue
        newest = max(own, key=lambda e: (e.timestamp, e.pk)) if own else None
        found.append(Source(child, pk, None, frozenset() if sees_internal else internal_names(child),
                            True, newest.object_repr if newest else "", entries=own))
    return found


def child_sources(parent_sources, user, sees_internal, depth=1):
    """The visible child records (alive and deleted) of `parent_sources`, recursively."""
    out = []
    if depth > MAX_DEPTH:
        return out
    by_model: dict = {}
    for source in parent_sources:
        by_model.setdefault(source.model, []).append(source)
    for parent_model, parents in by_model.items():
        for child, fk_name in history_children(parent_model):
            fk = child._meta.get_field(fk_name)
            parent_by_pk = {p.pk: p for p in parents}
            live = _live_children(child, fk, parent_by_pk)
            ct = _content_type(child)
            deleted = set(LogEntry.objects.filter(
                content_type=ct, action=LogEntry.Action.DELETE, **{f"changes__{fk_name}__0__in": list(parent_by_pk)},
            ).values_list("object_pk", flat=True)) - set(live)
            if not live and not deleted:
                continue
            entries: dict = {}
            for entry in LogEntry.objects.filter(content_type=ct, object_pk__in=list(live) + list(deleted)) \
                    .exclude(action=LogEntry.Action.ACCESS).select_related("actor"):
                entries.setdefault(entry.object_pk, []).append(entry)
            for pk, extra in extra_entries(child, [*live, *deleted]).items():
                entries.setdefault(pk, []).extend(extra)
            visible, changeable = _child_rights(child, live, user, fk, parent_by_pk)
            found = [Source(child, pk, record, _hidden_of(record, child, user, sees_internal), True, str(record),
                            pk in changeable, entries=entries.get(pk, []))
                     for pk, record in live.items() if pk in visible]
            found += _deleted_sources(child, fk_name, deleted, entries, parent_by_pk, sees_internal)
            out.extend(found)
            out.extend(child_sources(found, user, sees_internal, depth + 1))
    return out


def redact_names(sources, user):
    """A part's name may carry a linked record's name (a forum member's person, an interface
    owner): where the user may not view that record, its name in the label becomes "(hidden record)"."""
    wanted: dict = {}
    links: dict = {}
    for source in sources:
        if not source.child:
            continue
        state = None if source.obj is not None else last_known(source.entries)[0]
        for f in source.model._meta.concrete_fields:
            if not (f.many_to_one or f.one_to_one) or not is_restricted(f.related_model):
                continue
            value = getattr(source.obj, f.attname) if source.obj is not None else state.get(f.name)
            if value in (None, "None", ""):
                continue
            try:
                value = f.related_model._meta.pk.to_python(value)
            except ValidationError:
                continue
            wanted.setdefault(f.related_model, set()).add(value)
            links.setdefault(id(source), []).append((f.related_model, value))
    hidden_names: dict = {}
    for model, pks in wanted.items():
        visible = set(model.objects.restrict(user, "view").filter(pk__in=pks).values_list("pk", flat=True))
        for record in model._base_manager.filter(pk__in=pks - visible):
            hidden_names[(model, record.pk)] = str(record)
    if not hidden_names:
        return
    for source in sources:
        for key in links.get(id(source), ()):
            name = hidden_names.get(key)
            if name:
                source.name = source.name.replace(name, hidden_record_label())


# ---- values as people read them --------------------------------------------------------------
def field_label(model, name: str) -> str:
    """The field's verbose name; a language variant with its language: "Yhteiset tavoitteet (ruotsi)"."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return _("(a field no longer in use)")
    base = getattr(field, "translated_field", None)
    language = getattr(field, "language", None)
    if base is None and name[-3:] in LANGUAGE_SUFFIXES:
        try:
            base = model._meta.get_field(name[:-3])
            language = LANGUAGE_SUFFIXES[name[-3:]]
        except FieldDoesNotExist:
            base = None
    if base is not None and language:
        return _("%(field)s (%(language)s)") % {
            "field": capfirst(str(base.verbose_name)),
            "language": _language_name(language),
        }
    label = getattr(field, "verbose_name", None)
    if label is None:  # a reverse relation: not a field of this record
        return _("(a field no longer in use)")
    return capfirst(str(label))


def _language_name(code: str) -> str:
    """The language's name in the reader's language: "ruotsi", "svenska", "Swedish"."""
    name = str(get_language_info(code)["name_translated"])
    return name if (get_language() or "").startswith("en") else name.lower()


def _parse_datetime(text):
    value = datetime.fromisoformat(str(text))
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)  # auditlog stores naive UTC
    return timezone.localtime(value)


class ValueFormatter:
    """Turns stored values into text for one user; linked records are looked up once per model."""

    def __init__(self, user):
        self.user = user
        self.wanted_fk: dict = {}
        self.wanted_names: dict = {}
        self.fk_names: dict = {}
        self.visible_names: dict = {}

    # first pass: collect what needs a query
    def want(self, model, name, value):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return
        if _is_m2m_change(value):
            if field.many_to_many and not field.auto_created:
                self.wanted_names.setdefault(field.related_model, set()).update(
                    str(o) for o in value.get("objects") or ())
            return
        pair = _pair(value)
        if pair and (field.many_to_one or field.one_to_one) and field.concrete:
            self.wanted_fk.setdefault(field.related_model, set()).update(
                str(v) for v in pair if v not in (None, "None", ""))

    def resolve(self):
        user_model = get_user_model()
        for model, pks in self.wanted_fk.items():
            queryset = model._base_manager.all()
            if is_restricted(model):
                queryset = model.objects.restrict(self.user, "view")
            clean = []
            for pk in pks:
                try:
                    clean.append(model._meta.pk.to_python(pk))
                except ValidationError:
                    continue
            for record in queryset.filter(pk__in=clean):
                if model is user_model:
                    label = record.get_full_name() or record.get_username()
                else:
                    label = str(record)
                self.fk_names[(model, str(record.pk))] = label
        for model, names in self.wanted_names.items():
            if not is_restricted(model) or (getattr(model, "visibility_path", "visibility") is None
                                            and not hasattr(model, "restrict_queryset")):
                self.visible_names[model] = set(names)
            else:
                self.visible_names[model] = set(_records_named(model.objects.restrict(self.user, "view"), names))

    # second pass: text
    def text(self, field, value) -> str:
        if value is None or value == "None":
            return "–"
        if field is None:
            return str(value)
        if (field.many_to_one or field.one_to_one) and field.concrete:
            return self.fk_names.get((field.related_model, str(value)), hidden_record_label())
        choices = getattr(field, "flatchoices", None)
        if choices:
            labels = {str(k): v for k, v in choices}
            if str(value) in labels:
                return str(labels[str(value)])
        try:
            if isinstance(field, models.BooleanField):
                return _("yes") if str(value) in ("True", "true", "1") else _("no")
            if isinstance(field, models.DateTimeField):
                return formats.date_format(_parse_datetime(value), "SHORT_DATETIME_FORMAT")
            if isinstance(field, models.DateField):
                return formats.date_format(date.fromisoformat(str(value)[:10]), "SHORT_DATE_FORMAT")
            if isinstance(field, models.FileField):
                return os.path.basename(str(value)) or "–"
            if isinstance(field, models.JSONField) and len(str(value)) > JSON_SHOWN:
                return str(value)[:JSON_SHOWN] + "…"  # structured data (parameters, rows): the start
            if isinstance(field, (models.DecimalField, models.FloatField)):
                return formats.number_format(field.to_python(value), use_l10n=True)
        except (ValueError, TypeError, ValidationError):
            pass
        return str(value) if str(value) != "" else "–"

    def names(self, field, objects):
        """(shown names, number hidden) of an m2m change."""
        visible = self.visible_names.get(field.related_model, set()) if field is not None else set()
        shown = [str(o) for o in objects if str(o) in visible]
        return shown, len(objects) - len(shown)


def value_from_log(field, text):
    """The Python value of a stored change value, for restoring it."""
    if text is None or (text == "None" and field.null):
        return None
    if isinstance(field, models.JSONField):
        return json.loads(text) if isinstance(text, str) else text
    if field.many_to_one or field.one_to_one:
        return field.target_field.to_python(text)
    if isinstance(field, models.BooleanField):
        return str(text) in ("True", "true", "1")
    if isinstance(field, models.DateTimeField):
        return _parse_datetime(text)
    return field.to_python(text)


def _current_text(obj, field) -> str:
    from auditlog.diff import get_field_value

    return str(get_field_value(obj, field))


# ---- the rows ------------------------------------------------------------------------------
def history_rows(sources, user, limit=MAX_ENTRIES):
    """The rows of the page, newest first: one per entry, each with its readable changes."""
    pairs = [(source, entry) for source in sources for entry in source.entries]
    pairs.sort(key=lambda p: (p[1].timestamp, p[1].pk), reverse=True)
    pairs = pairs[:limit]
    formatter = ValueFormatter(user)
    for source, entry in pairs:
        for name, value in (entry.changes_dict or {}).items():
            if name not in source.hidden:
                formatter.want(source.model, name, value)
    formatter.resolve()
    rows = []
    for source, entry in pairs:
        rows.append(_row(source, entry, formatter, user))
    return rows


def _shown_field(model, name):
    """The model field a change is about, or None when it is not one to show (the key, a reverse
    relation, a timestamp the database keeps)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False  # unknown: shown with a neutral label
    if field.auto_created and not field.concrete:
        return None  # reverse relation ("items" of a meeting), recorded by auditlog on creation
    if getattr(field, "primary_key", False) or getattr(field, "auto_now", False) \
            or getattr(field, "auto_now_add", False) or name == "version":
        return None
    return field


def _row(source, entry, formatter, user):
    changes = []
    stored = entry.changes_dict or {}
    names = [n for n in stored if n not in source.hidden]
    variants = {n[:-3] for n in names if n[-3:] in LANGUAGE_SUFFIXES}
    for name in names:
        value = stored[name]
        field = _shown_field(source.model, name)
        if field is None:
            continue
        if field is False:
            field = None
        if name in variants and field is not None and any(
                f.name == f"{name}_fi" for f in source.model._meta.concrete_fields):
            continue  # the language-neutral copy of a translated field: its variant is shown
        change = {"label": field_label(source.model, name) if field is not None else _("(a field no longer in use)"),
                  "m2m": False, "restore": None}
        if _is_m2m_change(value):
            objects = [str(o) for o in value.get("objects") or ()]
            m2m_field = field if field is not None and field.many_to_many else None
            shown, hidden = formatter.names(m2m_field, objects)
            change.update(m2m=True, added=value.get("operation") == "add", names=shown, hidden_count=hidden)
        else:
            pair = _pair(value)
            if pair is None:
                continue
            old, new = pair
            if entry.action == LogEntry.Action.CREATE and (
                    new in (None, "None", "") or (isinstance(field, models.BooleanField) and new == "False")):
                continue  # a new record's empty fields and unticked boxes say nothing
            change.update(old=formatter.text(field, old), new=formatter.text(field, new))
            if (entry.action == LogEntry.Action.UPDATE and source.may_change and source.obj is not None
                    and field is not None and restorable_field(source.model, name) is not None
                    and _current_text(source.obj, field) != str(old)):
                change["restore"] = {"entry": entry.pk, "field": name, "id": f"restore-{entry.pk}-{name}"}
        changes.append(change)
    changes.sort(key=lambda c: str(c["label"]))
    extra = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    reason = extra.get("reason") or ""
    actor = entry.actor
    return {
        "entry": entry,
        "time": entry.timestamp,
        "actor": (actor.get_full_name() or actor.get_username()) if actor else "",
        "action": ACTION_LABELS.get(entry.action, entry.get_action_display()),
        "created": entry.action == LogEntry.Action.CREATE,
        "deleted": entry.action == LogEntry.Action.DELETE,
        "record": source.label,
        "changes": changes,
        "reason": reason,
    }


def _shows_internal_fields(source, outsider_hidden) -> bool:
    """Does the page show `source`'s changes of fields an outsider may not see?"""
    shown = set(outsider_hidden) - set(source.hidden)
    return bool(shown) and any(name in shown for e in source.entries for name in (e.changes_dict or {}))


# ---- the page ------------------------------------------------------------------------------
class ObjectHistoryView(TemplateView):
    """The change history of one record (and its child records), for those who may see it."""

    template_name = "core/object_history.html"

    def setup_history(self):
        ct = get_object_or_404(ContentType, pk=self.kwargs["content_type_id"])
        model = ct.model_class()
        if model is None or not is_restricted(model):
            raise Http404
        user = self.request.user
        pk = str(self.kwargs["pk"])
        obj = model.objects.restrict(user, "view").filter(pk=self.kwargs["pk"]).first()
        own = list(LogEntry.objects.filter(content_type=ct, object_pk=pk)
                   .exclude(action=LogEntry.Action.ACCESS).select_related("actor"))
        own += extra_entries(model, [pk]).get(pk, [])  # bulk writes kept in the app's own table
        if obj is None:
            if model._base_manager.filter(pk=self.kwargs["pk"]).exists() or not own \
                    or not deleted_record_access(user, model, pk):
                raise Http404
            org_ids = self.org_ids = recorded_org_ids(model, pk)
            sees_internal = user.is_superuser or can_view_internal_of(user, org_ids)
            hidden = frozenset() if sees_internal else internal_names(model)
            newest = max(own, key=lambda e: (e.timestamp, e.pk))
            root = Source(model, pk, None, hidden, False, newest.object_repr, entries=own)
        else:
            sees_internal = can_view_internal_of(user, obj.involved_organisation_ids())
            root = Source(model, pk, obj, obj.hidden_fields_for(user), False, str(obj), entries=own)
        root.may_change = obj is not None and user.is_authenticated and can(user, obj, "change")
        sources = [root, *child_sources([root], user, sees_internal)]
        self.sees_internal = sees_internal or sees_everything(user)
        if not sees_everything(user):
            redact_names(sources, user)
        self.model, self.object, self.root, self.sources = model, obj, root, sources
        return sources

    def log_read(self):
        """Internal records on the page (the record, its parts) are logged reads; so are the
        internal fields of a public record whose changes an insider sees here."""
        if self.object is None:
            log_access(self.request, AccessLog.Action.READ, model=self.model, objects=[self.root.pk],
                       detail="history of a deleted record", organisation_ids=self.org_ids)
            return
        by_model: dict = {}
        for source in self.sources:
            if source.obj is not None:
                by_model.setdefault(source.model, []).append(source)
        for model, sources in by_model.items():
            log_internal_reads(self.request, model, [s.obj for s in sources], detail="history")
            shown = [s.obj for s in sources if not getattr(s.obj, "is_internal", False)
                     and hasattr(s.obj, "hidden_fields_for")
                     and _shows_internal_fields(s, s.obj.hidden_fields_for(None))]
            if shown:
                log_access(self.request, AccessLog.Action.READ, model=model, objects=shown,
                           detail="internal fields: history")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        sources = self.setup_history()
        self.log_read()
        rows = history_rows(sources, self.request.user)
        # who made a change and the request id: for the record's own organisations (an outsider
        # sees what changed and when; the public pages name people by their position, not by account)
        ctx["show_people"] = self.sees_internal
        ctx.update(object=self.object, name=self.root.name, deleted=self.object is None, rows=rows,
                   model_meta=self.model._meta, has_children=any(s.child for s in sources),
                   can_restore=any(c["restore"] for r in rows for c in r["changes"]))
        return ctx

    def post(self, request, *args, **kwargs):
        """Restore one field's earlier value (the old value of a change row) with a reason."""
        sources = self.setup_history()
        try:
            entry_pk = int(request.POST.get("entry", ""))
        except ValueError:
            raise Http404 from None
        name = request.POST.get("field", "")
        found = next(((s, e) for s in sources for e in s.entries if e.pk == entry_pk), None)
        if found is None:
            raise Http404
        source, entry = found
        if source.obj is None or entry.action != LogEntry.Action.UPDATE or name in source.hidden:
            raise Http404
        if not source.may_change:
            raise PermissionDenied
        pair = _pair((entry.changes_dict or {}).get(name))
        field = restorable_field(source.model, name)
        if pair is None or field is None:
            raise Http404
        try:
            restore_field(source.obj, name, value_from_log(field, pair[0]), actor=request.user,
                          reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            ctx = self.get_context_data(**kwargs)
            ctx["restore_error"] = " ".join(str(m) for m in exc.messages)
            return self.render_to_response(ctx, status=400)
        messages.success(request, _("The earlier value of “%(field)s” was restored.") % {
            "field": field_label(source.model, name)})
        return redirect(request.path)
