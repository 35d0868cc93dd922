"""All writes of the funding app: validate with compute, check rights, save and audit at once.

Bad numbers are refused with compute's exact reason (FundingInputError → ValidationError) or
the CSV reader's file/line/reason (InputError); nothing is saved then. Official (national) sets
are changed only by superusers; anyone with write rights in an organisation may create
scenarios and input sets owned by it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from yhdyspinta.core.actions import audited, require, require_add
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.tabular import InputError

from . import inputs as inputs_io
from .compute import FundingInputError, move_share, parameter_set_from_dict
from .models import InputKind, InputSet, ParameterSet
from .paramdata import parse_json, renamed, with_shares, write_back


def _require_owner(actor, owner, official=False):
    if owner is None or official:
        if not getattr(actor, "is_superuser", False):
            raise PermissionDenied
    else:
        require_add(actor, {owner.pk})


def _validated(data):
    try:
        return parameter_set_from_dict(data)
    except FundingInputError as exc:
        raise ValidationError(error_message(exc)) from None


def import_parameter_set(*, actor, text, owner=None, visibility="public", official=False, title_sv="",
                         title_en="", based_on=None):
    """A new set from JSON (a file or pasted text); the JSON's name, title and year are used."""
    try:
        data = parse_json(text)
    except FundingInputError as exc:
        raise ValidationError(error_message(exc)) from None
    params = _validated(data)
    with audited(actor):
        _require_owner(actor, owner, official)
        obj = ParameterSet(name=params.name[:100], title=params.title[:300], title_fi=params.title[:300],
                           title_sv=title_sv or None, title_en=title_en or None, year=params.year, data=data, owner=owner,
                           visibility=visibility, is_official_source=official, based_on=based_on,
                           created_by=actor)
        obj._actor = actor
        obj.save()
        return obj


def copy_parameter_set(source, *, actor, name, title, owner, visibility="public", title_sv="", title_en=""):
    """A scenario: a copy of `source` that the actor's organisation owns and may change."""
    if not ParameterSet.objects.restrict(actor, "view").filter(pk=source.pk).exists():
        raise PermissionDenied
    data = renamed(source.data, name, title)
    params = _validated(data)
    with audited(actor):
        _require_owner(actor, owner)
        obj = ParameterSet(name=name, title=title, title_fi=title, title_sv=title_sv or None,
                           title_en=title_en or None, year=params.year, data=data,
                           based_on=source, owner=owner, visibility=visibility, created_by=actor)
        obj._actor = actor
        obj.save()
        return obj


def _save_data(obj, data, *, actor):
    with audited(actor):
        require(actor, obj, "change")
        obj.data = data
        obj._actor = actor
        obj.save()
        return obj


def update_shares(obj, *, actor, shares, group_totals, total_funding=None):
    """Edit criterion shares (and group totals, total funding); sums must still hold."""
    try:
        data, _params = with_shares(obj.data, shares, group_totals, total_funding)
    except FundingInputError as exc:
        raise ValidationError(error_message(exc)) from None
    return _save_data(obj, data, actor=actor)


def move_points(obj, *, actor, to_key, from_points):
    """Move share points to one criterion (hyte 1.0 → 1.5 %: 0.25 from population and need)."""
    from_points = {k: v for k, v in from_points.items() if v}
    if not from_points:
        raise ValidationError(_("choose at least one criterion to take points from"))
    try:
        params = move_share(obj.parameters(), to_key, from_points, name=obj.data.get("name"))
    except FundingInputError as exc:
        raise ValidationError(error_message(exc)) from None
    return _save_data(obj, write_back(obj.data, params), actor=actor)


def import_inputs(*, actor, kind, content, filename, name, title, owner, visibility="public",
                  illustrative=True, source_note="", check_against=None, year=None, require_all=True,
                  title_sv="", title_en=""):
    """County or municipal inputs from a Finnish CSV file: all rows or nothing."""
    try:
        if kind == InputKind.COUNTY:
            params = check_against.parameters() if check_against else None
            expected = inputs_io.organising_area_codes() if require_all else None
            items = inputs_io.read_county_csv(content, name=filename, params=params, year=year,
                                              expected=expected)
        else:
            items = inputs_io.read_municipal_csv(content, name=filename)
    except (InputError, FundingInputError) as exc:
        raise ValidationError(error_message(exc)) from None
    return save_inputs(actor=actor, kind=kind, items=items, name=name, title=title, owner=owner,
                       visibility=visibility, illustrative=illustrative, source_note=source_note,
                       title_sv=title_sv, title_en=title_en)


def save_inputs(*, actor, kind, items, name, title, owner, visibility="public", illustrative=True,
                source_note="", title_sv="", title_en=""):
    with audited(actor):
        _require_owner(actor, owner)
        return InputSet.objects.create(
            kind=kind, name=name, title=title, title_fi=title, title_sv=title_sv or None,
            title_en=title_en or None, rows=inputs_io.to_rows(items),
            illustrative=illustrative, source_note=source_note, source_note_fi=source_note, owner=owner,
            visibility=visibility, created_by=actor,
        )
