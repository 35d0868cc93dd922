"""Writes of the PTV import (an extension of actions.py): all of an organisation's PTV data or nothing.

`refresh_ptv(organisation, services=, channels=)` takes the Open API v11 lists (from `PtvClient`
or a recorded file), parses all of them first (a malformed item raises `PtvError`, nothing is
written) and then, in one audited transaction:
- keeps PTV's services of the organisation as `PtvService` rows (removing those PTV no longer lists);
- for each register service linked to one of them (`Service.ptv_id`), writes its Phone, EChannel
  and WebPage channels as `ContactPoint`s and its ServiceLocations as `ServicePoint`s (keyed by
  `ptv_id`; the register's own contacts are never touched), removing channels PTV dropped;
- with `create=True` (the demo, or an organisation whose register has no services of its own),
  creates a public service for every PTV service that no service is linked to and whose name
  matches none: a name match is only suggested (`suggestions`), an editor confirms it by linking.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from yhdyspinta.accounts.permissions import can
from yhdyspinta.core import textsearch
from yhdyspinta.core.actions import audited
from yhdyspinta.core.models import Visibility
from yhdyspinta.organisations.models import Organisation

from .choices import ServiceField
from .models import ContactPoint, PtvService, Service, ServicePoint
from .ptv import CONTACT_TYPES, LANGS, LOCATION_TYPE, first, parse

# words of a PTV service name that say its field (first match wins); anything else is "other"
FIELD_WORDS = (
    ("lastensuojel", ServiceField.CHILD_PROTECTION), ("barnskydd", ServiceField.CHILD_PROTECTION),
    ("kuraattori", ServiceField.STUDENT_WELFARE), ("kurator", ServiceField.STUDENT_WELFARE),
    ("koulupsykolog", ServiceField.STUDENT_WELFARE), ("skolpsykolog", ServiceField.STUDENT_WELFARE),
    ("mielenterve", ServiceField.MENTAL_HEALTH), ("päihde", ServiceField.MENTAL_HEALTH),
    ("mental", ServiceField.MENTAL_HEALTH), ("missbruk", ServiceField.MENTAL_HEALTH),
    ("sosiaalipäivystys", ServiceField.SOCIAL_WORK), ("socialjour", ServiceField.SOCIAL_WORK),
    ("väkivalt", ServiceField.SOCIAL_WORK), ("våld", ServiceField.SOCIAL_WORK),
    ("neuvola", ServiceField.CHILD_HEALTH_CLINIC), ("rådgivning", ServiceField.CHILD_HEALTH_CLINIC),
    ("varhaiskasvatus", ServiceField.EARLY_CHILDHOOD), ("småbarnspedagog", ServiceField.EARLY_CHILDHOOD),
    ("kotihoito", ServiceField.HOME_CARE), ("hemvård", ServiceField.HOME_CARE),
    ("terveysasema", ServiceField.PRIMARY_HEALTH), ("hälsostation", ServiceField.PRIMARY_HEALTH),
    ("nuoriso", ServiceField.YOUTH_WORK), ("ungdom", ServiceField.YOUTH_WORK),
    ("kirjasto", ServiceField.LIBRARIES), ("bibliotek", ServiceField.LIBRARIES),
)


@dataclass
class PtvSummary:
    services: int = 0
    created: int = 0
    contacts: int = 0
    points: int = 0
    removed: int = 0
    suggestions: list = field(default_factory=list)  # (register service, PtvService) to confirm


def field_for(names):
    text = " ".join(names.values()).lower()
    return next((f for word, f in FIELD_WORDS if word in text), ServiceField.OTHER)


def refresh_ptv(organisation, *, services, channels, acting_user=None, create=False):
    """Parse first, then write all in one transaction. `acting_user` None: the scheduled job."""
    parsed, by_id = parse(services, channels)
    if acting_user is not None and not can(acting_user, organisation, "change"):
        raise PermissionDenied
    summary = PtvSummary(services=len(parsed))
    municipalities = {m.code: m for m in Organisation.objects.municipalities()}
    with audited(acting_user):
        kept = []
        for s in parsed:
            row, _created = PtvService.objects.update_or_create(ptv_id=s["ptv_id"], defaults={
                "organisation": organisation, "municipality_codes": s["municipality_codes"],
                "channel_ids": s["channel_ids"], "name": first(s["names"]),
                **{f"name_{lg}": s["names"].get(lg, "") for lg in LANGS},
                **{f"summary_{lg}": s["summaries"].get(lg, "") for lg in LANGS}})
            kept.append(row.ptv_id)
            _link_or_create(organisation, s, row, create, summary)
        PtvService.objects.filter(organisation=organisation).exclude(ptv_id__in=kept).delete()
        for service in Service.objects.filter(organisation=organisation, ptv_id__in=kept):
            ptv_service = next(s for s in parsed if s["ptv_id"] == service.ptv_id)
            _sync_channels(service, [by_id[c] for c in ptv_service["channel_ids"] if c in by_id],
                           municipalities, summary)
    return summary


def _link_or_create(organisation, s, row, create, summary):
    if Service.objects.filter(organisation=organisation, ptv_id=s["ptv_id"]).exists():
        return
    wanted = {textsearch.fold(n) for n in s["names"].values()}
    for service in Service.objects.filter(organisation=organisation, ptv_id=""):
        if {textsearch.fold(getattr(service, f"name_{lg}") or "") for lg in LANGS} & wanted:
            summary.suggestions.append((service, row))  # the editor confirms (contact gaps page)
            return
    if create:
        Service.objects.create(
            organisation=organisation, field=field_for(s["names"]), visibility=Visibility.PUBLIC,
            ptv_id=s["ptv_id"], name=first(s["names"]), **{f"name_{lg}": s["names"].get(lg, "") for lg in LANGS},
            **{f"description_{lg}": s["summaries"].get(lg, "") for lg in LANGS})
        summary.created += 1


def _sync_channels(service, channels, municipalities, summary):
    contact_ids, point_ids = [], []
    for c in channels:
        codes = c["municipality_codes"]
        municipality = municipalities.get(codes[0]) if len(codes) == 1 else None
        if c["type"] in CONTACT_TYPES:
            ContactPoint.objects.update_or_create(service=service, ptv_id=c["ptv_id"], defaults={
                "name": first(c["names"]), **{f"name_{lg}": c["names"].get(lg, "") for lg in LANGS},
                "phone": first(c["phones"]), "email": first(c["emails"]), "url": first(c["urls"]),
                "hours": first(c["hours"])[:200], **{f"hours_{lg}": c["hours"].get(lg, "")[:200] for lg in LANGS},
                "municipality": municipality})
            contact_ids.append(c["ptv_id"])
            summary.contacts += 1
        elif c["type"] == LOCATION_TYPE:
            address = c["address"] or {"street": {}, "postal_code": "", "post_office": {}, "municipality_code": ""}
            place = municipalities.get(address["municipality_code"]) or municipality
            ServicePoint.objects.update_or_create(service=service, ptv_id=c["ptv_id"], defaults={
                "name": first(c["names"]), **{f"name_{lg}": c["names"].get(lg, "") for lg in LANGS},
                "street_address": first(address["street"])[:200], "postal_code": address["postal_code"][:10],
                "post_office": first(address["post_office"])[:100], "municipality": place,
                "opening_hours": first(c["hours"]), **{f"opening_hours_{lg}": c["hours"].get(lg, "") for lg in LANGS}})
            point_ids.append(c["ptv_id"])
            summary.points += 1
            if c["phones"]:  # a location's own phone is a contact too
                ContactPoint.objects.update_or_create(service=service, ptv_id=c["ptv_id"], defaults={
                    "name": first(c["names"]), **{f"name_{lg}": c["names"].get(lg, "") for lg in LANGS},
                    "phone": first(c["phones"]), "email": first(c["emails"]), "url": first(c["urls"]),
                    "municipality": place})
                contact_ids.append(c["ptv_id"])
    removed_contacts, _ = service.contacts.exclude(ptv_id="").exclude(ptv_id__in=contact_ids).delete()
    removed_points, _ = service.points.exclude(ptv_id="").exclude(ptv_id__in=point_ids).delete()
    summary.removed += removed_contacts + removed_points


def link_ptv(service, ptv_id, *, acting_user):
    """The editor's confirmation of a suggested match: the service takes the PTV service's id."""
    from yhdyspinta.core.actions import update_record

    return update_record(service, acting_user=acting_user, ptv_id=ptv_id)
