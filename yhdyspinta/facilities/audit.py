"""The change log of records a lease-list import adds in bulk, in the shape of every bulk write
(docs/audit.md, "Bulk writes"; the readiness import's too): the import itself is one `LeaseImport`
saved through the ORM inside the audited transaction, so django-auditlog records it with the
actor, client address and request id; each building, premise, lease and option period it added
has an `ImportedRecord` row with its values, written with one bulk insert into our own table. No
write goes into django-auditlog's tables. The History page of such a record shows its creation
from that row (`models.ImportedHistory.history_entries`, `core.history`).

The values are what django-auditlog would have recorded for a record saved alone (its own
`get_field_value`, the settings' excluded and masked fields), so a history reads the same.
"""

from collections import Counter

from auditlog.cid import get_cid
from auditlog.diff import (
    get_field_value,
    get_fields_in_model,
    get_mask_function,
    model_instance_diff,
)
from auditlog.registry import auditlog
from django.conf import settings
from django.utils import timezone
from django.utils.encoding import smart_str

from .models import Building, ImportedRecord, Lease, LeaseImport, LeaseOption, Premise


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


def record_created(*, file_name: str, acting_user, objects, changed: int = 0) -> LeaseImport:
    """The `LeaseImport` (audited through the ORM) and an `ImportedRecord` per saved record of
    `objects` (buildings, premises, leases, option periods). Call it inside the audited transaction
    that inserted them."""
    objects = list(objects)
    counts = Counter(type(obj) for obj in objects)
    by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    run = LeaseImport.objects.create(
        file_name=file_name[:300], at=timezone.now(), by=by, cid=(get_cid() or "")[:255],
        buildings=counts[Building], premises=counts[Premise], leases=counts[Lease], options=counts[LeaseOption],
        leases_changed=changed)
    ImportedRecord.objects.bulk_create(
        (ImportedRecord(run=run, kind=type(obj).imported_kind, record_id=obj.pk, changes=_as_lists(creation_diff(obj)))
         for obj in objects), batch_size=BATCH)
    return run


def _as_lists(diff) -> dict:
    return {name: list(pair) for name, pair in (diff or {}).items()}


BATCH = 2000
