"""Helpers every app's actions.py uses: one transaction, the actor in the audit log, permission checks."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction


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
