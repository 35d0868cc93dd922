"""Helpers every app's actions.py uses: one transaction, the actor in the audit log, permission checks."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction

from yhdyspinta.core.concurrency import ConflictError, check_and_bump_version, check_form_version  # noqa: F401


@contextmanager
def audited(actor):
    """Validate, write and audit in one transaction, with `actor` and the current request's
    client address (core.audit.client_address) recorded on every change."""
    from .audit import change_context

    with transaction.atomic(), change_context(actor):
        yield


def require(user, obj, action: str):
    """Raises PermissionDenied unless `user` may do `action` on the saved record `obj`."""
    from yhdyspinta.accounts.permissions import can

    if not can(user, obj, action):
        raise PermissionDenied


def require_add(user, organisation_ids):
    """A new record may be added by an editor of at least one organisation it involves."""
    from yhdyspinta.accounts.permissions import can_add_for

    if not can_add_for(user, organisation_ids):
        raise PermissionDenied


def save_form(form, *, actor, action: str):
    """Saves a ModelForm of a RestrictedModel after checking the actor's right to it.

    For "add" the organisations of the unsaved instance are checked; for "change" both the
    stored record (before) and the edited one (after) must be the actor's.
    """
    instance = form.instance
    with audited(actor):
        if action == "change":
            stored = type(instance)._default_manager.get(pk=instance.pk)
            require(actor, stored, "change")
            # no lost update: refused (ConflictError) when the form was loaded from an older version
            check_form_version(form, instance)
        obj = form.save(commit=False)
        require_add(actor, obj.involved_organisation_ids() | _m2m_org_ids(form, obj))
        obj.save()
        form.save_m2m()
        return obj


def delete_object(obj, *, actor):
    with audited(actor):
        require(actor, obj, "delete")
        obj.delete()


def _m2m_org_ids(form, obj) -> set[int]:
    ids: set[int] = set()
    for path in getattr(obj, "org_paths", ()):
        head = path.split("__")[0]
        if head in form.cleaned_data and hasattr(form.cleaned_data[head], "__iter__"):
            ids.update(o.pk for o in form.cleaned_data[head])
    return ids


def restorable_field(model, name: str):
    """The model field `name` if its earlier value may be put back from the change history, else None.

    Only simple stored values: not the key, not many-to-many, not files, not timestamps the
    database keeps, not masked values (e-mail, phone: the history holds them masked), and not the
    language-neutral name of a translated field (its _fi/_sv/_en variants are restored instead)."""
    from django.conf import settings
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models

    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if (not getattr(field, "concrete", False) or field.many_to_many or field.primary_key or not field.editable
            or isinstance(field, models.FileField) or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False) or name == "version"
            or name in getattr(settings, "AUDITLOG_MASK_TRACKING_FIELDS", ())
            or any(f.name == f"{name}_fi" for f in model._meta.concrete_fields)):
        return None
    return field


def restore_field(obj, field: str, value, *, actor, reason: str):
    """Puts an earlier value of one field back (from the change history), with the actor's reason.

    Checked like any change: the actor must be allowed to change the record (a record without
    rights of its own, e.g. an escalation step, is checked on its `history_parent`), may not see
    a hidden field restored, and the record after the change must still be one the actor may
    write. The record is validated with full_clean; the change-log entry carries the reason in
    `additional_data` ({"reason": …, "restored_field": …}), shown on the history page."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for restoring the earlier value.")})
    model = type(obj)
    model_field = restorable_field(model, field)
    if model_field is None:
        raise ValidationError(_("This value cannot be restored from the history."))
    with audited(actor):
        stored = model._base_manager.select_for_update().get(pk=obj.pk)
        require(actor, _rights_holder(stored), "change")
        if hasattr(stored, "hidden_fields_for") and field in stored.hidden_fields_for(actor):
            raise PermissionDenied
        if getattr(stored, model_field.attname) == value:
            raise ValidationError(_("The field already has this value."))
        related = model_field.related_model if model_field.is_relation else None
        if value is not None and related is not None and hasattr(related.objects, "restrict") \
                and not related.objects.restrict(actor, "view").filter(pk=value).exists():
            raise ValidationError({field: _("The earlier linked record is no longer available.")})
        setattr(stored, model_field.attname, value)
        if related is not None:
            stored._state.fields_cache.pop(model_field.name, None)
        stored.full_clean()
        require_add(actor, _rights_holder(stored).involved_organisation_ids())
        stored.get_additional_data = lambda: {"reason": reason[:2000], "restored_field": field}
        stored.save()
    return stored


def _rights_holder(record):
    """The record whose rights decide: itself, or for a record without rights of its own (an
    escalation step) the nearest `history_parent` that has them."""
    owner = record
    for _depth in range(5):
        if hasattr(type(owner), "org_paths"):
            return owner
        parent = getattr(type(owner), "history_parent", None)
        owner = getattr(owner, parent, None) if parent else None
        if owner is None:
            break
    raise PermissionDenied
