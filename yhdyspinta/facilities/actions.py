"""Writes of the facilities app beyond one record: the lease-list and pupil-count imports (all or nothing).

Single records go through core.actions (save_form, create_record, update_record): their rules are
the models' clean() (rules.py for the act's values).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from yhdyspinta.core.actions import audited, require
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.policy import can_add_for
from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError
from yhdyspinta.organisations.models import Organisation

from .audit import record_created
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


# The file's column of a model field in a refusal (model -> field -> column of the lease list).
FIELD_COLUMNS = {
    Building: {"name": "building", "building_id": "building_id", "address": "address", "owner": "landlord",
               "municipality": "municipality"},
    Premise: {"name": "premise", "area": "area", "building": "building", "user_organisation": "tenant"},
    Lease: {"starts_on": "starts_on", "ends_on": "ends_on", "notice_months": "notice_months",
            "transitional": "transitional", "index_clause": "index_clause", "reference": "reference",
            "internal_capital_cost": "capital_cost", "internal_maintenance_cost": "maintenance_cost",
            "landlord": "landlord", "tenant": "tenant", "premise": "premise"},
    LeaseOption: {"starts_on": "option_starts", "ends_on": "option_ends", "exercise_by": "option_exercise_by",
                  "lease": "ends_on"},
}


def _check(obj, name, line, exclude=(), row=None):
    """The record's rules (model validation and clean()), or the InputError naming file and line,
    and each field by the file's own column header (`row.columns`; "päättyy", not "ends_on").
    Link fields the import has already resolved to records are left out (no query per link)."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        columns = FIELD_COLUMNS.get(type(obj), {})
        parts, first = [], None
        for field, msgs in exc.message_dict.items():
            if field == "__all__" or row is None:
                parts.append(" ".join(msgs) if field == "__all__" else f"{field}: {' '.join(msgs)}")
                continue
            column = row.column(columns.get(field, field))
            first = first or column
            parts.append(f"{column}: {' '.join(msgs)}")
        raise InputError(name, line, "; ".join(parts), first) from None
    return obj


def import_leases(source, filename=None, *, acting_user, visibility="public") -> list[Lease]:
    """Reads a lease list and saves buildings, premises, leases and option periods in one
    transaction: on the first refused row nothing is kept, and the error names file, line and
    reason (ValidationError with core.localize.error_message). A lease whose landlord already has
    one with the same reference is updated; others are added.

    In bulk (the 4 500 leases of a county in seconds): every row is checked first, in memory,
    against what is stored and what the earlier rows add; then the new records go in with one
    INSERT per table; the import is one audited `LeaseImport` and each added record has an
    `ImportedRecord` row with its values (`facilities.audit.record_created`; its History page shows
    its creation). Existing leases that the file changes are saved one by one (audited by
    django-auditlog with their changes)."""
    name = filename or getattr(source, "name", None) or "leases.csv"
    try:
        rows = parse_leases(source, name)
        with audited(acting_user):
            plan = _LeasePlan(name, acting_user, visibility, rows)
            for row in rows:
                plan.add(row)
            return plan.write()
    except InputError as exc:
        raise ValidationError(error_message(exc)) from None


class _LeasePlan:
    """The records a lease list adds or changes, checked row by row before anything is written."""

    def __init__(self, name, acting_user, visibility, rows):
        self.name, self.user, self.visibility = name, acting_user, visibility
        self.orgs = _Organisations(name)
        self.may_add, self.may_change = {}, {}
        self.buildings: dict[tuple, Building] = {}  # (owner, "id", building_id) / (owner, "name", name, municipality)
        self.premises: dict[tuple, Premise] = {}  # (building key, premise name)
        self.leases: dict[tuple, Lease] = {}  # (landlord, reference)
        self.options: dict[int, list] = {}  # id(lease) -> its option periods, stored and new
        self.new: dict[type, list] = {Building: [], Premise: [], Lease: [], LeaseOption: []}
        self.changed: dict[int, Lease] = {}
        self.saved: list[Lease] = []
        self._load_stored(rows)

    # ---- what is stored: read once for the whole file ---------------------------------------------
    def _load_stored(self, rows):
        landlords = set()
        for row in rows:  # an unknown landlord is refused at its row, in the order of the rows
            try:
                landlords.add(self.orgs.get(row.landlord, row.line, row.column("landlord")).pk)
            except InputError:
                continue
        for building in Building.objects.filter(owner_id__in=landlords).order_by("name", "pk"):
            self._index_building(building)
        stored = [b for b in self.buildings.values() if b.pk]
        for premise in Premise.objects.filter(building__in=stored).order_by("pk"):
            self.premises.setdefault((premise.building_id, premise.name), premise)
        references = {row.reference for row in rows if row.reference}
        leases = Lease.objects.filter(landlord_id__in=landlords, reference__in=references).order_by("starts_on", "pk")
        for lease in leases:
            self.leases.setdefault((lease.landlord_id, lease.reference), lease)
        by_pk = {lease.pk: lease for lease in self.leases.values()}
        for lease in by_pk.values():
            self.options[id(lease)] = []
        for option in LeaseOption.objects.filter(lease_id__in=by_pk):
            option.lease = by_pk[option.lease_id]
            self.options[id(option.lease)].append(option)

    def _index_building(self, building):
        if building.building_id:
            self.buildings.setdefault((building.owner_id, "id", building.building_id.upper()), building)
        self.buildings.setdefault((building.owner_id, "name", building.name, building.municipality_id), building)

    # ---- one row ------------------------------------------------------------------------------------
    def add(self, row):
        municipality = self.orgs.get(row.municipality, row.line, row.column("municipality"), kind="municipality")
        landlord = self.orgs.get(row.landlord, row.line, row.column("landlord"))
        tenant = self.orgs.get(row.tenant, row.line, row.column("tenant"))
        pair = (landlord.pk, tenant.pk)
        if pair not in self.may_add:
            self.may_add[pair] = can_add_for(self.user, set(pair))
        if not self.may_add[pair]:
            raise InputError(self.name, row.line, reason("you may not add leases for %(landlord)s or %(tenant)s",
                                                         landlord=str(landlord), tenant=str(tenant)))
        building = self._building(row, landlord, municipality)
        premise = self._premise(row, building, tenant)
        lease = self._lease(row, landlord, tenant, premise)
        if row.option_starts:
            self._option(row, lease)
        self.saved.append(lease)

    def _require_change(self, obj):
        key = (type(obj), obj.pk)
        if key not in self.may_change:
            require(self.user, obj, "change")
            self.may_change[key] = True

    def _building(self, row, owner, municipality):
        key = ((owner.pk, "id", row.building_id.upper()) if row.building_id
               else (owner.pk, "name", row.building, municipality.pk))
        building = self.buildings.get(key)
        if building is not None:
            if building.pk:
                self._require_change(building)
            return building
        building = _check(Building(owner=owner, municipality=municipality, name=row.building,
                                   building_id=row.building_id, address=row.address),
                          self.name, row.line, exclude=("owner", "municipality"), row=row)
        self.new[Building].append(building)
        self.buildings[key] = building
        self.buildings.setdefault((owner.pk, "name", building.name, municipality.pk), building)
        if building.building_id:
            self.buildings.setdefault((owner.pk, "id", building.building_id), building)
        return building

    def _premise(self, row, building, tenant):
        key = (building.pk or id(building), row.premise)
        premise = self.premises.get(key)
        if premise is None:
            premise = _check(Premise(building=building, name=row.premise, area=row.area, user_organisation=tenant,
                                     visibility=self.visibility), self.name, row.line,
                             exclude=("building", "user_organisation", "user_unit", "user_service"), row=row)
            self.new[Premise].append(premise)
            self.premises[key] = premise
        return premise

    def _lease(self, row, landlord, tenant, premise):
        key = (landlord.pk, row.reference) if row.reference else None
        lease = self.leases.get(key) if key else None
        if lease is None:
            lease = Lease(landlord=landlord, reference=row.reference, visibility=self.visibility)
            self.new[Lease].append(lease)
            self.options[id(lease)] = []
            if key:
                self.leases[key] = lease
        elif lease.pk:
            self._require_change(lease)
            self.changed[lease.pk] = lease
        for field in ("starts_on", "ends_on", "notice_months", "transitional", "index_clause"):
            setattr(lease, field, getattr(row, field))
        lease.premise, lease.tenant = premise, tenant
        lease.internal_capital_cost, lease.internal_maintenance_cost = row.capital_cost, row.maintenance_cost
        return _check(lease, self.name, row.line, exclude=("premise", "landlord", "tenant"), row=row)

    def _option(self, row, lease):
        siblings = self.options[id(lease)]
        if any(o.starts_on == row.option_starts for o in siblings):
            return
        option = LeaseOption(lease=lease, starts_on=row.option_starts, ends_on=row.option_ends,
                             exercise_by=row.option_exercise_by)
        option._siblings = siblings
        _check(option, self.name, row.line, exclude=("lease",), row=row)
        siblings.append(option)
        self.new[LeaseOption].append(option)

    # ---- writing: one INSERT per table (in batches), then the change log ----------------------------
    def write(self) -> list[Lease]:
        for model in (Building, Premise):
            model.objects.bulk_create(self.new[model], batch_size=BATCH)
        for lease in self.changed.values():
            lease.save()  # audited with its changes by django-auditlog
        Lease.objects.bulk_create(self.new[Lease], batch_size=BATCH)
        LeaseOption.objects.bulk_create(self.new[LeaseOption], batch_size=BATCH)
        record_created(file_name=self.name, acting_user=self.user, changed=len(self.changed),
                       objects=(record for model in (Building, Premise, Lease, LeaseOption) for record in self.new[model]))
        return self.saved


BATCH = 500


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
