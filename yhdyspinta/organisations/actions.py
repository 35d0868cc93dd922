"""Writes to organisations, units and people: validate, write and audit in one transaction."""

from django.core.exceptions import PermissionDenied

from yhdyspinta.accounts.permissions import ALL, org_ids
from yhdyspinta.core.actions import audited, save_form
from yhdyspinta.core.concurrency import check_form_version


def save_organisation(form, *, actor, action="change"):
    """Only an organisation's admin (or a coordinator of its area) edits its descriptive fields."""
    with audited(actor):
        admin_ids = org_ids(actor, "admin")
        if action != "change" or not (admin_ids is ALL or form.instance.pk in admin_ids):
            raise PermissionDenied
        check_form_version(form, form.instance)  # no lost update (ConflictError)
        return form.save()


def save_unit(form, *, actor, action):
    return save_form(form, actor=actor, action=action)


def save_person(form, *, actor, action):
    return save_form(form, actor=actor, action=action)
