"""The change log of records added in bulk (the lease-list import): one django-auditlog "created"
entry per record, written with one bulk insert instead of one INSERT per record.

`bulk_create` sends no post_save signal, so auditlog's own receiver does not run. This writes what
that receiver would have written: the same `changes` (auditlog's `model_instance_diff`, so the
settings' excluded and masked fields apply), the record's type, id and text, and the actor, client
address and request id of the surrounding `core.actions.audited` context. So a record's History
page shows its creation, by whom and from where, exactly as for a record saved one by one.
"""

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled, auditlog_value
from auditlog.diff import (
    get_field_value,
    get_fields_in_model,
    get_mask_function,
    model_instance_diff,
)
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.encoding import smart_str


def _context() -> dict:
    """actor, actor_email, remote_addr (and any other LogEntry field auditlog's context carries)."""
    try:
        data = auditlog_value.get()
    except LookupError:
        return {}
    out = {}
    actor = data.get("actor")
    if isinstance(actor, get_user_model()):
        out.update(actor=actor, actor_email=getattr(actor, "email", None))
    for key, value in data.items():
        if key not in ("actor", "signal_duid") and hasattr(LogEntry, key):
            out[key] = value() if callable(value) else value
    return out


class _CreationDiff:
    """`model_instance_diff(None, obj)` of one model for many new records: the model's tracked
    fields and their "before" values (a new record's: "None") are worked out once, each record's
    values with auditlog's own `get_field_value`. Equal to auditlog's diff (a test compares them)."""

    def __init__(self, model, sample):
        fields = get_fields_in_model(sample)
        config = auditlog.get_model_fields(model)
        if config["include_fields"]:
            fields = [f for f in fields if f.name in config["include_fields"]]
        if config["exclude_fields"]:
            fields = [f for f in fields if f.name not in config["exclude_fields"]]
        mask = get_mask_function(config.get("mask_callable"))
        self.fields = [(f, get_field_value(None, f), mask if f.name in config["mask_fields"] else None)
                       for f in fields]

    def __call__(self, obj):
        diff = {}
        for field, old, mask in self.fields:
            new = get_field_value(obj, field)
            if old != new:
                diff[field.name] = (mask(smart_str(old)), mask(smart_str(new))) if mask else (smart_str(old),
                                                                                              smart_str(new))
        return diff or None


def creation_diff(obj, _cache={}):  # noqa: B006 (one diff per model for the process)
    """The changes of a newly saved `obj` as auditlog records them."""
    if settings.AUDITLOG_STORE_JSON_CHANGES:
        return model_instance_diff(None, obj, use_json_for_changes=True)
    model = type(obj)
    if model not in _cache:
        _cache[model] = _CreationDiff(model, obj)
    return _cache[model](obj)


def log_created(objects, *, batch_size: int = 1000) -> int:
    """Writes a CREATE entry for each saved record of `objects` (models registered with auditlog);
    returns how many. Call it inside the audited transaction that inserted them."""
    if auditlog_disabled.get():
        return 0
    common = {**_context(), "cid": get_cid(), "timestamp": timezone.now(), "action": LogEntry.Action.CREATE}
    entries = []
    for obj in objects:
        model = type(obj)
        if not auditlog.contains(model):
            continue
        changes = creation_diff(obj)
        if not changes:
            continue
        entries.append(LogEntry(content_type=ContentType.objects.get_for_model(model), object_pk=str(obj.pk),
                                object_id=obj.pk if isinstance(obj.pk, int) else None, object_repr=smart_str(obj),
                                changes=changes, **common))
    LogEntry.objects.bulk_create(entries, batch_size=batch_size)
    return len(entries)
