"""Helpers every app's actions.py uses: one transaction, the actor in the audit log, permission checks."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal

from yhdyspinta.core.concurrency import ConflictError, check_and_bump_version, check_form_version  # noqa: F401
from yhdyspinta.core.policy import can, can_add_for

# Sent after every generic write (save_form, create_record, update_record) inside its transaction:
# apps that react to a saved record (notifications) connect here, so a page and an API write of
# the same record have the same effects. kwargs: instance, acting_user, action ("add"/"change").
record_saved = Signal()

_AUDITED: ContextVar[object | None] = ContextVar("yhdyspinta_audited", default=None)


@contextmanager
def audited(actor):
    """Validate, write and audit in one transaction, with `actor` and the current request's
    client address (core.audit.client_address) recorded on every change.

    One transaction per write, however actions call each other: the outermost audited() opens it
    (durable when no other transaction is open, so nothing can wrap it by mistake); an audited()
    inside it (an action calling another, a viewset hook calling an action) joins it: no
    savepoint, no second audit context, and the outer actor stays the one recorded."""
    from .audit import change_context

    if _AUDITED.get() is not None:
        yield
        return
    durable = not transaction.get_connection().in_atomic_block
    token = _AUDITED.set(actor if actor is not None else False)
    try:
        with transaction.atomic(durable=durable), change_context(actor):
            yield
    finally:
        _AUDITED.reset(token)


def require(user, obj, action: str):
    """Raises PermissionDenied unless `user` may do `action` on the saved record `obj`."""
    if not can(user, obj, action):
        raise PermissionDenied


def require_add(user, organisation_ids):
    """A new record may be added by an editor of at least one organisation it involves."""
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
        record_saved.send(sender=type(obj), instance=obj, acting_user=actor, action=action)
        return obj


def delete_object(obj, *, acting_user):
    """Deletes a record after checking the right to delete it (pages and API). A delete refused by
    PROTECT/RESTRICT raises ProtectedError/RestrictedError: 409 with the dependents on both."""
    with audited(acting_user):
        require(acting_user, obj, "delete")
        obj.delete()


# ---- the API's default writes (core.api.views.RestrictedModelViewSet) ------------------------------
# The serializer checks the shape of the request (types, required fields, link ids the user may
# view); the rules are the model's clean() (translated, the same that ModelForms run on pages) and
# these checks of rights, all inside one audited transaction.
def _split_many(model, data: dict) -> tuple[dict, dict]:
    many = {f.name for f in model._meta.get_fields() if f.many_to_many and not f.auto_created}
    return ({k: v for k, v in data.items() if k not in many}, {k: v for k, v in data.items() if k in many})


def clean_given(obj, given) -> None:
    """Model validation of the `given` fields plus clean() (as a ModelForm validates its fields)."""
    exclude = {f.name for f in obj._meta.fields if f.name not in given and f.attname not in given}
    obj.full_clean(exclude=exclude)


def _many_org_ids(model, many: dict) -> set[int]:
    ids: set[int] = set()
    for path in getattr(model, "org_paths", ()):
        head = path.split("__")[0]
        if head in many:
            ids.update(o.pk for o in many[head])
    return ids


def create_record(model, *, acting_user, **data):
    """A new record of `model` from the API: validated, added only for organisations the actor may
    write for (the same rule as `save_form`), saved and audited in one transaction."""
    plain, many = _split_many(model, data)
    obj = model(**plain)
    with audited(acting_user):
        clean_given(obj, plain)
        require_add(acting_user, obj.involved_organisation_ids() | _many_org_ids(model, many))
        obj.save()
        for name, values in many.items():
            getattr(obj, name).set(values)
        record_saved.send(sender=model, instance=obj, acting_user=acting_user, action="add")
    return obj


def update_record(obj, *, acting_user, **data):
    """Changes a record from the API: the stored one must be the actor's, and so must the result."""
    plain, many = _split_many(type(obj), data)
    with audited(acting_user):
        require(acting_user, obj, "change")
        for name, value in plain.items():
            setattr(obj, name, value)
        clean_given(obj, plain)
        obj.save()
        for name, values in many.items():
            getattr(obj, name).set(values)
        require(acting_user, obj, "change")  # still the actor's after the change
        record_saved.send(sender=type(obj), instance=obj, acting_user=acting_user, action="change")
    return obj


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


# ---- accessibility feedback (Act 306/2019 § 15; core/feedback.py) ----------------------------------
def receive_accessibility_feedback(*, message: str, email: str = "", page: str = "", language: str):
    """Stores a message from the accessibility statement's form (the sender is anonymous or any
    user; nobody's right is needed to send feedback). The caller e-mails it after the commit."""
    from .models import AccessibilityFeedback

    with audited(None):
        feedback = AccessibilityFeedback(message=message.strip(), email=email.strip(), page=page.strip()[:500],
                                         language=language)
        feedback.full_clean()
        feedback.save()
    return feedback


def mark_feedback_answered(feedback, *, acting_user):
    """A handler (core.feedback.may_handle_feedback) records that the feedback was answered: who
    and when. Answering twice is refused, so the first answer's time stays the one recorded."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from .feedback import may_handle_feedback
    from .models import AccessibilityFeedback

    if not may_handle_feedback(acting_user):
        raise PermissionDenied
    with audited(acting_user):
        stored = AccessibilityFeedback.objects.select_for_update().get(pk=feedback.pk)
        if stored.answered_at is not None:
            raise ValidationError(_("This feedback has already been marked answered."))
        stored.answered_at = timezone.now()
        stored.answered_by = acting_user
        stored.save(update_fields=["answered_at", "answered_by"])
    return stored
