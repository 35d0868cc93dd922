"""Import services from CSV or XLSX: the whole file or nothing; a refused row is named with its reason."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yhdyspinta.accounts.permissions import can_add_for
from yhdyspinta.core.actions import audited
from yhdyspinta.core.models import Visibility
from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError, read_rows
from yhdyspinta.organisations.models import Organisation

from .choices import ServiceField
from .models import Service, ServicePoint

REQUIRED = ("organisation_code", "field", "name_fi")
OPTIONAL = ("name_sv", "name_en", "description_fi", "description_sv", "description_en", "how_to_get_fi",
            "how_to_get_sv", "how_to_get_en", "legal_basis", "website", "visibility", "point_name",
            "street_address", "postal_code", "post_office", "opening_hours_fi")


def _organisation(code, name, line):
    matches = list(Organisation.objects.active().filter(code=code)[:2])
    if not matches:
        raise InputError(name, line, reason("organisation_code: no organisation with code '%(code)s'", code=code))
    if len(matches) > 1:
        raise InputError(name, line, reason("organisation_code: more than one organisation with code '%(code)s'",
                                            code=code))
    return matches[0]


def import_services(data: bytes, actor, *, name="services.csv"):
    """Creates every row's service (and its service point) or nothing; returns the created services."""
    rows = read_rows(data, name=name, required=REQUIRED, allowed=REQUIRED + OPTIONAL)  # CSV or XLSX (core.tabular)
    created = []
    with transaction.atomic(), audited(actor):
        for line, row in rows:
            org = _organisation(row["organisation_code"], name, line)
            if not can_add_for(actor, [org.pk]):
                raise PermissionDenied(f"{name}, line {line}: no right to add services for {org}")
            if row["field"] not in ServiceField.values:
                raise InputError(name, line, reason("field: unknown value '%(value)s'", value=row["field"]))
            if not row["name_fi"]:
                raise InputError(name, line, reason("name_fi: required"))
            visibility = row.get("visibility") or Visibility.PUBLIC
            if visibility not in Visibility.values:
                raise InputError(name, line, reason("visibility: use public or internal, not '%(value)s'",
                                                    value=visibility))
            service = Service(organisation=org, field=row["field"], name=row["name_fi"], visibility=visibility,
                              legal_basis=row.get("legal_basis", ""), website=row.get("website", ""),
                              **{k: row.get(k, "") for k in OPTIONAL[:8]}, name_fi=row["name_fi"])
            _check(service, name, line)
            service.save()
            if row.get("point_name"):
                point = ServicePoint(service=service, name=row["point_name"], name_fi=row["point_name"],
                                     street_address=row.get("street_address", ""),
                                     postal_code=row.get("postal_code", ""), post_office=row.get("post_office", ""),
                                     opening_hours_fi=row.get("opening_hours_fi", ""),
                                     municipality=org if org.kind == "municipality" else None)
                _check(point, name, line, exclude=["service"])
                point.save()
            created.append(service)
    return created


def _check(obj, name, line, exclude=None):
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        reasons = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
        raise InputError(name, line, reasons) from None
