"""Writes to organisations, units and people: validate, write and audit in one transaction.

Units and people are plain records: their pages use core.actions.save_form and the API
core.actions.create_record/update_record (Unit.clean() and Person.clean() hold their rules).
"""

from django.core.exceptions import PermissionDenied

from yhdyspinta.core.actions import audited, clean_given
from yhdyspinta.core.concurrency import check_form_version
from yhdyspinta.core.policy import ALL, org_ids


def _require_admin(acting_user, organisation) -> None:
    """Only an organisation's admin (or a coordinator of its area) edits its descriptive fields."""
    admin_ids = org_ids(acting_user, "admin")
    if not (admin_ids is ALL or organisation.pk in admin_ids):
        raise PermissionDenied


def save_organisation(form, *, actor, action="change"):
    """The organisation page (descriptive fields only; codes and names come from reference data)."""
    with audited(actor):
        if action != "change":
            raise PermissionDenied
        _require_admin(actor, form.instance)
        check_form_version(form, form.instance)  # no lost update (ConflictError)
        return form.save()


def update_organisation(organisation, *, acting_user, **fields):
    """The API's change of an organisation: the same rule as the page."""
    with audited(acting_user):
        _require_admin(acting_user, organisation)
        for name, value in fields.items():
            setattr(organisation, name, value)
        clean_given(organisation, fields)
        organisation.save()
        return organisation
