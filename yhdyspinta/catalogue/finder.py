"""Public service finder ("mihin otan yhteyttä, kun…"): public services and interfaces only.

Reads with an explicit visibility filter rather than restrict(user): even a logged-in member
sees in the finder only what a resident would see.
"""

from functools import lru_cache

from django.db.models import Q, prefetch_related_objects
from django.utils import translation
from django.utils.translation import get_language

from yhdyspinta.core import textsearch
from yhdyspinta.core.models import Visibility
from yhdyspinta.organisations.models import Organisation

from . import contacts
from .choices import ServiceField
from .models import Interface, Service, ServicePoint

LANGS = ("fi", "sv", "en")


def _lang():
    lang = (get_language() or "fi")[:2]
    return lang if lang in LANGS else "fi"


def _t(obj, field, lang):
    """The text in the user's language, falling back to Finnish."""
    return getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_fi", "") or ""


@lru_cache(maxsize=8)
def _field_labels(lang):
    """{field: label} in `lang`; get_field_display() per service translated every choice each time
    (most of the finder's time at 20 000 services)."""
    with translation.override(lang):
        return {value: str(label) for value, label in ServiceField.choices}


def service_fields(service):
    lang = _lang()
    return [(_t(service, "name", lang), 3.0), *[(getattr(service, f"name_{lg}") or "", 2.5) for lg in LANGS],
            (_field_labels(lang).get(service.field, service.field), 2.0), (_t(service, "description", lang), 1.0),
            (_t(service, "how_to_get", lang), 1.0)]


def interface_fields(interface, services):
    lang = _lang()
    return [(_t(interface, "title", lang), 2.5), (_t(interface, "summary", lang), 1.0),
            (_t(interface, "where_client", lang), 1.0), (_t(interface, "how_guided", lang), 1.0),
            *[(getattr(s, f"name_{lg}") or "", 2.0) for s in services for lg in LANGS]]


def _place_names():
    """{folded name: municipality} over every language's name ("Jakobstad" and "Pietarsaari")."""
    names = {}
    for m in Organisation.objects.municipalities():
        for lg in LANGS:
            if getattr(m, f"name_{lg}", ""):
                names.setdefault(textsearch.fold(getattr(m, f"name_{lg}")), m)
    return names


def municipality_in_query(query: str):
    """The municipality a place name in the query names ("kotihoito Tampereella" → Tampere), or None."""
    municipalities = _place_names()
    textsearch.refresh_synonyms()
    place = textsearch.parse(query, places=municipalities).place
    return municipalities.get(place) if place else None


def find(municipality: Organisation, query: str, limit: int = 20) -> dict:
    """Public services of the municipality and its county, and its public interfaces, ranked."""
    lang = _lang()
    textsearch.refresh_synonyms()  # the editors' synonyms, if they changed
    organisers = [municipality.pk] + ([municipality.area_id] if municipality.area_id else [])
    services = list(
        Service.objects.filter(visibility=Visibility.PUBLIC, organisation__in=organisers)
        .select_related("organisation")
    )
    places = list(_place_names())  # not words to rank by
    ranked_services = textsearch.search(query, services, service_fields, places=places)[0][:limit]
    prefetch_related_objects(ranked_services, "contacts")  # only the shown ones' contacts
    points = {}
    for point in ServicePoint.objects.filter(service__in=ranked_services).filter(
            Q(municipality=municipality) | Q(municipality__isnull=True)).select_related("municipality"):
        points.setdefault(point.service_id, []).append(point)
    general = contacts.general_contacts([s.organisation_id for s in ranked_services] + organisers)
    service_results = [{
        "service": s, "name": _t(s, "name", lang), "organiser": s.organisation, "url": s.get_absolute_url(),
        "how_to_get": _t(s, "how_to_get", lang), "description": _t(s, "description", lang),
        "points": [{"name": contacts.text(p, "name", lang), "address": p.address,
                    "opening_hours": contacts.text(p, "opening_hours", lang),
                    "directions": contacts.text(p, "directions", lang)} for p in points.get(s.pk, [])],
        "contacts": [contacts.contact(c, lang) for c in s.contacts.all()
                     if c.municipality_id in (None, municipality.pk)],
        "website": s.website,
    } for s in ranked_services]
    for r in service_results:  # nothing of its own: the organiser's general contacts
        r["fallback"] = None if (r["contacts"] or r["points"]) else general.get(r["organiser"].pk)

    interfaces = list(Interface.objects.filter(visibility=Visibility.PUBLIC, parties=municipality).distinct())
    public_services = {}
    for s in Service.objects.filter(visibility=Visibility.PUBLIC, interfaces__in=interfaces).distinct().select_related(
            "organisation").prefetch_related("interfaces"):
        for i in s.interfaces.all():
            public_services.setdefault(i.pk, []).append(s)
    ranked = textsearch.search(query, interfaces, lambda i: interface_fields(i, public_services.get(i.pk, [])),
                               places=places)[0][:limit]
    interface_results = [{
        "title": _t(i, "title", lang), "where_client": _t(i, "where_client", lang),
        "how_guided": _t(i, "how_guided", lang),
        "services": [{"name": _t(s, "name", lang), "organiser": s.organisation}
                     for s in public_services.get(i.pk, [])],
    } for i in ranked]
    return {"services": service_results, "interfaces": interface_results,
            "crisis": contacts.crisis(query, ranked_services[:3], municipality, general),
            "general": [general[o] for o in organisers if o in general] if not service_results else []}
