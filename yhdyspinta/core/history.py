"""Change records an app keeps in a table of its own, shown on the History page beside
django-auditlog's entries (docs/audit.md, "Bulk writes").

A bulk write of many rows (the readiness period import: 300 000 status reports) records its
run through the ORM, so django-auditlog has an entry for it (who, when, address, request id), and
one row per changed record old → new in the app's own change table. The model of those records
defines the classmethod `history_entries(pks) -> {str(pk): [HistoryEntry, ...]}`; the History
page (`core/views/history.py`) merges what it returns with the record's auditlog entries, under
the same visibility rule. No app writes into django-auditlog's tables itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass
class HistoryEntry:
    """Reads like an `auditlog.models.LogEntry` on the History page."""

    pk: int  # negative, so never the id of an auditlog entry (the restore form names its entry)
    timestamp: datetime
    action: int  # LogEntry.Action: 0 created, 1 changed, 2 deleted
    changes_dict: dict  # {field: [old, new]} as text, like auditlog's
    actor: object = None
    cid: str = ""
    object_repr: str = ""
    additional_data: dict | None = None

    def get_action_display(self) -> str:
        return str(self.action)  # the page names 0, 1 and 2 itself (core.views.history.ACTION_LABELS)


def extra_entries(model, pks) -> dict[str, list]:
    """{str(pk): [HistoryEntry]} from the model's own change records (none for most models)."""
    provider = getattr(model, "history_entries", None)
    if provider is None or not pks:
        return {}
    return provider([str(pk) for pk in pks])


class BulkWrite(models.Model):
    """What every bulk write's own record says (readiness `ReportBatch`, facilities `LeaseImport`):
    the file, when, who and the request id. The app's subclass adds what it wrote (counts) and is
    saved through the ORM inside the action's audited transaction, so django-auditlog has its entry."""

    file_name = models.CharField(_("file"), max_length=300, blank=True)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=_("by"))
    cid = models.CharField(_("request id"), max_length=255, blank=True)

    class Meta:
        abstract = True
