"""Edit pages without lost updates: the version the user loaded travels in a hidden field, and a
save over a newer version answers 409 with both versions side by side (core/_conflict.html).

`VersionedFormMixin` goes before `FormView` (ObjectEditView has it). A view whose edited record is
not `self.object` overrides `get_versioned_object` / `set_versioned_object`. The edit template
includes `core/_conflict.html` when `conflict` is in the context.
"""

from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django import forms
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from yhdyspinta.core.concurrency import (
    VERSION_FIELD,
    ConflictError,
    add_version_field,
    is_versioned,
    submitted_version,
)

EMPTY = "—"


@dataclass
class ConflictRow:
    name: str
    label: str
    yours: str
    saved: str

    @property
    def differs(self) -> bool:
        return self.yours != self.saved


@dataclass
class Conflict:
    """What the conflict section shows: the rows, the stored record and its last recorded change."""

    current: Model
    expected: int | None
    rows: list[ConflictRow] = field(default_factory=list)
    entry: LogEntry | None = None

    @property
    def differing(self) -> int:
        return sum(1 for row in self.rows if row.differs)

    @property
    def page_title(self) -> str:
        """The start of the page's <title> (the apps' edit templates show it without their own string)."""
        return _("Edit conflict")


class VersionedFormMixin:
    """Hidden `version` field on the edit form of an existing record; 409 conflict page on a stale save."""

    def get_versioned_object(self):
        return getattr(self, "object", None)

    def set_versioned_object(self, obj):
        self.object = obj

    def _versioned(self):
        obj = self.get_versioned_object()
        return obj if obj is not None and obj.pk is not None and is_versioned(obj) else None

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        obj = self._versioned()
        if obj is not None:
            add_version_field(form, obj.version)
        return form

    def post(self, request, *args, **kwargs):
        obj = self._versioned()
        if obj is not None:
            loaded = obj.version
            form = self.get_form()
            expected = submitted_version(form)
            if expected is not None and expected != loaded:
                # stale already when the page was sent: show the conflict, even if the form has errors
                form.is_valid()
                current = type(obj)._base_manager.filter(pk=obj.pk).first()
                return self.render_conflict(form, ConflictError(current, expected))
            return self.form_valid(form) if form.is_valid() else self.form_invalid(form)
        return super().post(request, *args, **kwargs)

    def render_conflict(self, form, error: ConflictError, **context):
        """409: both versions field by field, and the form again with the user's values on the new version."""
        current = error.current
        if current is None:  # deleted while being edited
            raise Http404
        conflict = Conflict(current=current, expected=error.expected,
                            rows=self.conflict_rows(form, current), entry=last_change(current))
        model = type(current)
        self.set_versioned_object(model._base_manager.get(pk=current.pk))
        kwargs = self.get_form_kwargs()
        data = kwargs["data"].copy()
        data[form.add_prefix(VERSION_FIELD)] = str(current.version)
        kwargs["data"] = data
        again = self.get_form_class()(**kwargs)
        add_version_field(again, current.version)
        ctx = self.get_context_data(form=again, conflict=conflict, **context)
        ctx["object"] = current
        return self.render_to_response(ctx, status=409)

    def conflict_rows(self, form, current) -> list[ConflictRow]:
        hidden = current.hidden_fields_for(self.request.user)
        kwargs = self.get_form_kwargs()
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        kwargs["instance"] = type(current)._base_manager.get(pk=current.pk)
        saved_form = self.get_form_class()(**kwargs)
        cleaned = getattr(form, "cleaned_data", {})
        rows = []
        for name, form_field in form.fields.items():
            if name == VERSION_FIELD or name in hidden or isinstance(form_field.widget, forms.HiddenInput):
                continue
            yours = cleaned[name] if name in cleaned else form[name].value()
            saved = saved_form[name].initial if name in saved_form.fields else None
            rows.append(ConflictRow(name=name, label=str(form_field.label or name),
                                    yours=display(form_field, yours), saved=display(form_field, saved)))
        return rows


def last_change(obj):
    """The latest audit entry of the record (who saved it and when), or None."""
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp").first()


def display(form_field, value) -> str:
    """A value as the form shows it: choice labels, names of linked records, Yes/No, local dates."""
    if isinstance(form_field, forms.ModelChoiceField):
        values = list(value) if isinstance(value, (list, tuple, set, QuerySet)) else [value]
        pks = [getattr(v, "pk", v) for v in values if v not in (None, "")]
        if not pks:
            return EMPTY
        queryset = form_field.queryset if form_field.queryset is not None else None
        try:
            objs = list(queryset.filter(pk__in=pks)) if queryset is not None else []
        except (ValueError, TypeError):
            objs = []
        return ", ".join(sorted(str(o) for o in objs)) or EMPTY
    if isinstance(form_field, forms.BooleanField) or isinstance(value, bool):
        return _("Yes") if value in (True, "True", "true", "on", "1") else _("No")
    if value is None or value == "" or value == [] or value == ():
        return EMPTY
    if isinstance(form_field, forms.ChoiceField):
        labels = {}
        for key, label in form_field.choices:
            if isinstance(label, (list, tuple)):
                labels.update({str(k): str(v) for k, v in label})
            else:
                labels[str(key)] = str(label)
        values = value if isinstance(value, (list, tuple)) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if isinstance(form_field, forms.FileField):
        return getattr(value, "name", None) or str(value)
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if hasattr(value, "year"):
        return formats.localize(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value).strip() or EMPTY
