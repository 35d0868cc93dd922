"""Writes of the facilities app beyond one record: the lease-list and pupil-count imports (all or nothing).

Single records go through core.actions (save_form, create_record, update_record): their rules are
the models' clean() (rules.py for the act's values).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from yhdyspinta.core.actions import audited, require, require_add
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError
from yhdyspinta.organisations.models import Organisation

from .importing import parse_leases, parse_pupil_counts
from .models import Building, Lease, LeaseOption, Premise, School


class _Organisations:
    """Organisations named in the file by code or name (Finnish, Swedish or the default)."""

    def __init__(self, name):
        self.name, self.cache = name, {}

    def get(self, text, line, column, kind=None):
        key = (text.casefold(), kind)
        if key not in self.cache:
            qs = Organisation.objects.filter(Q(code=text) | Q(name__iexact=text) | Q(name_fi__iexact=text)
                                             | Q(name_sv__iexact=text))
            if kind:
                qs = qs.filter(kind=kind)
            found = list(qs[:2])
            if len(found) != 1:
                raise InputError(self.name, line, reason(
                    "%(column)s: no single organisation is named '%(value)s'", column=column, value=text), column)
            self.cache[key] = found[0]
        return self.cache[key]


def _save(obj, name, line):
    try:
        obj.full_clean()
    except ValidationError as exc:
        text = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
        raise InputError(name, line, text) from None
    obj.save()
    return obj


def _building(row, owner, municipality, name, acting_user):
    lookup = {"building_id": row.building_id.upper()} if row.building_id else {"name": row.building,
                                                                             "municipality": municipality}
    building = Building.objects.filter(owner=owner, **lookup).first()
    if building is None:
        building = Building(owner=owner, municipality=municipality, name=row.building,
                            building_id=row.building_id, address=row.address)
        return _save(building, name, row.line)
    require(acting_user, building, "change")
    return building


def import_leases(source, filename=None, *, acting_user, visibility="public") -> list[Lease]:
    """Reads a lease list and saves buildings, premises, leases and option periods in one
    transaction: on the first refused row nothing is kept, and the error names file, line and
    reason (ValidationError with core.localize.error_message). A lease whose landlord already has
    one with the same reference is updated; others are added."""
    name = filename or getattr(source, "name", None) or "leases.csv"
    try:
        rows = parse_leases(source, name)
        with audited(acting_user):
            return _import_rows(rows, name, acting_user, visibility)
    except InputError as exc:
        raise ValidationError(error_message(exc)) from None


def _import_rows(rows, name, acting_user, visibility):
    orgs = _Organisations(name)
    saved = []
    for row in rows:
        municipality = orgs.get(row.municipality, row.line, "municipality", kind="municipality")
        landlord = orgs.get(row.landlord, row.line, "landlord")
        tenant = orgs.get(row.tenant, row.line, "tenant")
        try:
            require_add(acting_user, {landlord.pk, tenant.pk})
        except PermissionDenied:
            raise InputError(name, row.line, reason("you may not add leases for %(landlord)s or %(tenant)s",
                                                    landlord=str(landlord), tenant=str(tenant))) from None
        building = _building(row, landlord, municipality, name, acting_user)
        premise = Premise.objects.filter(building=building, name=row.premise).first() or _save(
            Premise(building=building, name=row.premise, area=row.area, user_organisation=tenant,
                    visibility=visibility), name, row.line)
        lease = Lease.objects.filter(landlord=landlord, reference=row.reference).first() if row.reference else None
        if lease is not None:
            require(acting_user, lease, "change")
        else:
            lease = Lease(landlord=landlord, reference=row.reference, visibility=visibility)
        for field in ("starts_on", "ends_on", "notice_months", "transitional", "index_clause"):
            setattr(lease, field, getattr(row, field))
        lease.premise, lease.tenant = premise, tenant
        lease.internal_capital_cost, lease.internal_maintenance_cost = row.capital_cost, row.maintenance_cost
        _save(lease, name, row.line)
        if row.option_starts and not lease.options.filter(starts_on=row.option_starts).exists():
            _save(LeaseOption(lease=lease, starts_on=row.option_starts, ends_on=row.option_ends,
                              exercise_by=row.option_exercise_by), name, row.line)
        saved.append(lease)
    return saved


def import_pupil_counts(source, filename=None, *, acting_user) -> list[School]:
    """Sets the pupil counts of the schools a file names (school code, or school and municipality),
    in one transaction: a school that does not exist, a bad number or a school the user may not
    change refuses the whole file with file, line and reason (ValidationError)."""
    name = filename or getattr(source, "name", None) or "pupils.csv"
    try:
        rows = parse_pupil_counts(source, name)
        with audited(acting_user):
            return [_set_pupils(row, name, acting_user) for row in rows]
    except InputError as exc:
        raise ValidationError(error_message(exc)) from None


def _school_of(row, name):
    schools = School.objects.select_related("unit", "municipality")
    if row.school_code:
        found = list(schools.filter(school_code=row.school_code)[:2])
        if not found:
            raise InputError(name, row.line, reason("no school has the school code '%(code)s'", code=row.school_code),
                             "school_code")
        return found[0]
    found = list(schools.filter(
        Q(unit__name__iexact=row.school) | Q(unit__name_fi__iexact=row.school) | Q(unit__name_sv__iexact=row.school),
        Q(municipality__code=row.municipality) | Q(municipality__name__iexact=row.municipality)
        | Q(municipality__name_fi__iexact=row.municipality) | Q(municipality__name_sv__iexact=row.municipality),
    )[:2])
    if not found:
        raise InputError(name, row.line, reason("no school '%(school)s' in the municipality '%(municipality)s'",
                                                school=row.school, municipality=row.municipality), "school")
    if len(found) > 1:
        raise InputError(name, row.line, reason("more than one school '%(school)s' in '%(municipality)s': use the "
                                                "school code", school=row.school, municipality=row.municipality),
                         "school")
    return found[0]


def _set_pupils(row, name, acting_user) -> School:
    school = _school_of(row, name)
    try:
        require(acting_user, school, "change")
    except PermissionDenied:
        raise InputError(name, row.line, reason("you may not change the school %(school)s",
                                                school=str(school))) from None
    school.pupils, school.pupils_counted_on = row.pupils, row.counted_on
    school.save(update_fields=["pupils", "pupils_counted_on", "version"])
    return school
