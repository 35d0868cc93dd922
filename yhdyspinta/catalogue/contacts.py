"""How a resident contacts a service: texts in the page's language (marked when they are not),
tap-to-call links, the organiser's general contacts and the emergency numbers of crisis topics.

Used by the finder (finder.py); reads only public data (contacts of public services, general
contacts, which are public by definition)."""

import re

from yhdyspinta.core import textsearch

from .choices import ServiceField
from .models import OrganisationContact

LANGS = ("fi", "sv", "en")
EMERGENCY_NUMBER = "112"
CRISIS_FIELDS = {ServiceField.CHILD_PROTECTION, ServiceField.MENTAL_HEALTH}
# folded word beginnings of crisis topics: child protection, mental health, substance abuse, violence
CRISIS_WORDS = ("lastensuojel", "barnskydd", "child protection", "mielenterv", "mental", "psyk", "paihde",
                "missbruk", "substance", "addiction", "huume", "drog", "alkohol", "vakival", "lahisuhdevakiv",
                "vald", "violence", "abuse", "itsemurh", "sjalvmord", "suicid", "kriisi", "kris", "crisis")


def text(obj, field, lang):
    """{"text", "lang"}: the text in `lang`, else in Finnish, else in any language; `lang` is the
    language of the text when it differs from the page's (the template sets the `lang` attribute)."""
    for code in (lang, "fi", *LANGS):
        value = getattr(obj, f"{field}_{code}", None) or ""
        if value:
            return {"text": value, "lang": None if code == lang else code}
    value = getattr(obj, field, "") or ""
    return {"text": value, "lang": None}


def tel_href(phone):
    """tel:+358312345 from "+358 3 123 45" or "03 123 45" (digits and a leading plus only)."""
    phone = (phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    if not digits:
        return ""
    return "tel:" + ("+" if phone.startswith("+") else "") + digits


def contact(c, lang):
    return {"name": text(c, "name", lang), "phone": c.phone, "tel": tel_href(c.phone), "email": c.email,
            "url": c.url, "hours": text(c, "hours", lang)}


def general_contacts(organisation_ids):
    """{organisation id: its general contact as a dict} for those that have one."""
    out = {}
    for g in OrganisationContact.objects.filter(organisation__in=set(organisation_ids)).select_related("organisation"):
        out[g.organisation_id] = {
            "organisation": g.organisation, "phone": g.phone, "tel": tel_href(g.phone), "email": g.email,
            "url": g.url, "address": g.address, "hours": text(g, "hours", _lang()),
            "social_emergency_phone": g.social_emergency_phone, "social_emergency_tel": tel_href(g.social_emergency_phone),
        }
    return out


def _lang():
    from django.utils.translation import get_language

    lang = (get_language() or "fi")[:2]
    return lang if lang in LANGS else "fi"


def is_crisis(query, services):
    folded = textsearch.fold(query)
    if any(word in folded for word in CRISIS_WORDS):
        return True
    return bool(services) and services[0].field in CRISIS_FIELDS


def crisis(query, services, municipality, general):
    """None, or what to show first: 112 and the county's social emergency service (sosiaalipäivystys)."""
    if not is_crisis(query, services):
        return None
    county = general.get(municipality.area_id) if municipality.area_id else None
    if county is None:  # a municipality organising social services itself (Helsinki) has its own
        county = general.get(municipality.pk)
    return {"emergency": EMERGENCY_NUMBER, "emergency_tel": tel_href(EMERGENCY_NUMBER),
            "county": county if county and county["social_emergency_phone"] else None}
