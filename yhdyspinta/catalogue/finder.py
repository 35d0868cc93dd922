"""Public service finder ("mihin otan yhteyttä, kun…"): public services and interfaces only.

Reads with an explicit visibility filter rather than restrict(user): even a logged-in member
sees in the finder only what a resident would see.
"""

from functools import lru_cache
from types import SimpleNamespace

from django.db.models import Q
from django.utils import translation
from django.utils.translation import get_language

from yhdyspinta.core import textsearch
from yhdyspinta.core.models import Visibility
from yhdyspinta.organisations.models import Organisation

from . import contacts, search_index
from .choices import ServiceField
from .models import ContactPoint, Interface, Service, ServicePoint

LANGS = ("fi", "sv", "en")
INTERFACE_RANKED = ("title", "summary", "where_client", "how_guided")  # interface_fields and the result


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


def municipality_in_query(query: str):
    """The municipality a place name in the query names ("kotihoito Tampereella" → Tampere), or None."""
    municipalities = search_index.place_names()  # {folded name: id}, kept while the municipalities are unchanged
    textsearch.refresh_synonyms()
    place = textsearch.parse(query, places=municipalities).place
    pk = municipalities.get(place) if place else None
    return Organisation.objects.filter(pk=pk).first() if pk else None


def find(municipality: Organisation, query: str, limit: int = 20) -> dict:
    """Public services of the municipality and its county, and its public interfaces, ranked.

    The services are ranked from their stored terms (search_index: the same relevance as
    `textsearch.search` over `service_fields`, only the candidates scored); only the shown ones are read.
    """
    lang = _lang()
    textsearch.refresh_synonyms()  # the editors' synonyms, if they changed
    organisers = [municipality.pk] + ([municipality.area_id] if municipality.area_id else [])
    places = search_index.place_names()  # not words to rank by
    ids = search_index.search(organisers, lang, query, places=places)[0][:limit]
    shown = Service.objects.filter(pk__in=ids, visibility=Visibility.PUBLIC, organisation__in=organisers)
    by_pk = shown.select_related("organisation").in_bulk()
    ranked_services = [by_pk[pk] for pk in ids if pk in by_pk]
    here = Q(municipality=municipality) | Q(municipality__isnull=True)
    service_contacts = {}  # only the shown ones' contacts, of this municipality or all
    for c in ContactPoint.objects.filter(here, service__in=ids):
        service_contacts.setdefault(c.service_id, []).append(c)
    points = {}
    for point in ServicePoint.objects.filter(here, service__in=ids).select_related("municipality"):
        points.setdefault(point.service_id, []).append(point)
    general = contacts.general_contacts([s.organisation_id for s in ranked_services] + organisers)
    service_results = [{
        "service": s, "name": _t(s, "name", lang), "organiser": s.organisation, "url": s.get_absolute_url(),
        "how_to_get": _t(s, "how_to_get", lang), "description": _t(s, "description", lang),
        "points": [{"name": contacts.text(p, "name", lang), "address": p.address,
                    "opening_hours": contacts.text(p, "opening_hours", lang),
                    "directions": contacts.text(p, "directions", lang)} for p in points.get(s.pk, [])],
        "contacts": [contacts.contact(c, lang) for c in service_contacts.get(s.pk, [])],
        "website": s.website,
    } for s in ranked_services]
    for r in service_results:  # nothing of its own: the organiser's general contacts
        r["fallback"] = None if (r["contacts"] or r["points"]) else general.get(r["organiser"].pk)

    # only the ranked and shown fields, as plain rows (building model instances cost more than the query)
    interfaces = [SimpleNamespace(**row) for row in Interface.objects.filter(
        visibility=Visibility.PUBLIC, parties=municipality).distinct().values(
        "pk", *[f"{f}_{lg}" for f in INTERFACE_RANKED for lg in LANGS])]
    public_services = {}
    if interfaces:  # (a service of two interfaces comes twice, once with each)
        rows = list(Service.objects.filter(visibility=Visibility.PUBLIC, interfaces__in=[i.pk for i in interfaces])
                    .values_list("interfaces", "pk", "organisation_id", *[f"name_{lg}" for lg in LANGS]))
        organisations = {municipality.pk: municipality, **{s.organisation_id: s.organisation for s in ranked_services}}
        missing = {row[2] for row in rows} - set(organisations)
        organisations.update(Organisation.objects.in_bulk(missing) if missing else {})
        for interface_id, pk, organisation_id, *names in rows:
            public_services.setdefault(interface_id, []).append(SimpleNamespace(
                pk=pk, organisation=organisations[organisation_id],
                **{f"name_{lg}": name for lg, name in zip(LANGS, names, strict=True)}))
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
