"""Optimistic concurrency (no lost update): `RestrictedModel.version` and a conditional UPDATE.

A form or API client carries the version it loaded. The one write path (`core.actions.save_form`,
the apps' actions, the API's update) calls `check_and_bump_version(obj, expected)` inside its
transaction: `UPDATE … SET version = version + 1 WHERE pk = … AND version = expected`. No row
updated means someone else saved first: `ConflictError` (with the stored record) is raised, the
transaction rolls back and the user sees both versions (page: 409 conflict page; API: 409, or 412
for a stale `If-Match`). Every other save of an existing record bumps the version too
(`RestrictedModel.save`), so writes that do not come from a form also make stale forms stale.
See docs/reliability.md ("No lost update").
"""

from django import forms
from django.db.models import F
from django.utils.http import parse_etags

from yhdyspinta.core.models import VERSION_FIELD, is_versioned


class ConflictError(Exception):
    """Someone saved the record after the version the writer loaded.

    `current` is the stored record now (None if it was deleted meanwhile), `expected` the version
    the writer had.
    """

    def __init__(self, current, expected=None):
        self.current = current
        self.expected = expected
        super().__init__(
            f"{type(current).__name__ if current is not None else 'record'} was changed by someone else "
            f"(version {expected} loaded, {getattr(current, 'version', None)} stored)"
        )


def check_and_bump_version(obj, expected_version):
    """The conditional UPDATE; raises ConflictError when the stored version is not `expected_version`.

    On success `obj.version` is the new version and the next `obj.save()` does not bump again.
    Call it inside the write's transaction (`core.actions.audited`), before the record is saved.
    """
    model = type(obj)
    expected = int(expected_version)
    updated = model._base_manager.filter(pk=obj.pk, version=expected).update(version=F(VERSION_FIELD) + 1)
    if not updated:
        raise ConflictError(model._base_manager.filter(pk=obj.pk).first(), expected)
    obj.version = expected + 1
    obj._version_bumped = True
    return obj.version


def bump_version(obj):
    """Unconditional bump (a write that did not come with a version); same effect on stale forms."""
    model = type(obj)
    model._base_manager.filter(pk=obj.pk).update(version=F(VERSION_FIELD) + 1)
    obj.version = model._base_manager.filter(pk=obj.pk).values_list(VERSION_FIELD, flat=True).first()
    obj._version_bumped = True
    return obj.version


# ---- forms -----------------------------------------------------------------------------------
def add_version_field(form, version):
    """The hidden field carrying the version the user loaded (read back by `form_version`)."""
    form.fields[VERSION_FIELD] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1,
                                                    initial=version)
    return form


def submitted_version(form):
    """The version a bound form came with (None when the form had no version field or value)."""
    if VERSION_FIELD not in form.fields or not form.is_bound:
        return None
    raw = form.data.get(form.add_prefix(VERSION_FIELD))
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def form_version(form):
    """The expected version of a validated form, or None (then the write bumps unconditionally)."""
    if VERSION_FIELD not in form.fields:
        return None
    value = getattr(form, "cleaned_data", {}).get(VERSION_FIELD)
    return value if value is not None else submitted_version(form)


def check_form_version(form, obj):
    """For actions saving an existing record from a form: the conditional bump if the form had a version."""
    if obj is None or obj.pk is None or not is_versioned(obj):
        return None
    expected = form_version(form)
    if expected is None:
        return None
    return check_and_bump_version(obj, expected)


# ---- HTTP ------------------------------------------------------------------------------------
def etag(obj) -> str:
    """The entity tag of a record's state: its version (strong, so `If-Match` can use it)."""
    return f'"{obj.version}"'


def if_match_fails(header: str | None, obj) -> bool:
    """True when an `If-Match` header is given and names none of the record's current tag."""
    if not header:
        return False
    tags = parse_etags(header)
    if "*" in tags:
        return False
    current = etag(obj)
    return not any(tag == current or tag == f"W/{current}" for tag in tags)
