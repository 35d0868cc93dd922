"""Suomi.fi Palvelutietovaranto (PTV) Open API v11: an organisation's services and service channels.

`PtvClient` reads `/Service/list/organization?organizationId=…` and
`/ServiceChannel/list/organization/{id}` (every page) from the base URL in the setting PTV_BASE_URL, else the
environment variable of that name (default https://api.palvelutietovaranto.suomi.fi/api/v11). `parse_service` / `parse_channel` turn
the JSON into plain dicts and refuse a malformed response with `PtvError` naming the item and
the field, before anything is written. `apply` (in `actions.refresh_ptv`) writes everything in one
transaction: PTV's services (`PtvService`), and for the register's services linked to one of them
(`Service.ptv_id`) its phone, e-mail and web channels as contact points and its service
locations as service points. Contacts an earlier refresh brought and PTV no longer lists are removed.
"""

import json
import os

import requests
from django.conf import settings

DEFAULT_BASE_URL = "https://api.palvelutietovaranto.suomi.fi/api/v11"
USER_AGENT = "Yhdyspinta/1.0 (+https://github.com/yhdyspinta; PTV contacts)"
LANGS = ("fi", "sv", "en")
CONTACT_TYPES = ("Phone", "EChannel", "WebPage")
LOCATION_TYPE = "ServiceLocation"
DAYS = {
    "fi": {"Monday": "ma", "Tuesday": "ti", "Wednesday": "ke", "Thursday": "to", "Friday": "pe",
           "Saturday": "la", "Sunday": "su"},
    "sv": {"Monday": "mån", "Tuesday": "tis", "Wednesday": "ons", "Thursday": "tor", "Friday": "fre",
           "Saturday": "lör", "Sunday": "sön"},
    "en": {"Monday": "Mon", "Tuesday": "Tue", "Wednesday": "Wed", "Thursday": "Thu", "Friday": "Fri",
           "Saturday": "Sat", "Sunday": "Sun"},
}
ROUND_THE_CLOCK = {"fi": "avoinna ympäri vuorokauden", "sv": "öppet dygnet runt", "en": "open 24 hours"}


def configured(name, default):
    """A Django setting, else the environment variable of the same name, else the default."""
    return getattr(settings, name, None) or os.environ.get(name) or default


class PtvError(Exception):
    """A network failure or a response not in the Open API v11 shape; the message says which."""


class PtvClient:
    def __init__(self, base_url=None, *, timeout=30, session=None):
        self.base_url = (base_url or configured("PTV_BASE_URL", DEFAULT_BASE_URL)).rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT

    def get(self, path, params=None):
        url = f"{self.base_url}{path}"
        try:
            response = self.session.get(url, params=params, timeout=self.timeout)
        except requests.RequestException as exc:
            raise PtvError(f"{url}: {exc.__class__.__name__}: {exc}") from exc
        if response.status_code != 200:
            raise PtvError(f"{url}: HTTP {response.status_code}")
        try:
            return json.loads(response.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise PtvError(f"{url}: the response is not JSON ({exc})") from exc

    def _pages(self, path, params=None):
        items, page, count = [], 1, 1
        while page <= count:
            data = self.get(path, {**(params or {}), "page": page})
            if not isinstance(data, dict) or not isinstance(data.get("itemList") or [], list):
                raise PtvError(f"{self.base_url}{path}: no 'itemList' in the response")
            items.extend(data.get("itemList") or [])
            count = int(data.get("pageCount") or 1)
            page += 1
        return items

    def services(self, organisation_id):
        return self._pages("/Service/list/organization", {"organizationId": organisation_id})

    def channels(self, organisation_id):
        return self._pages(f"/ServiceChannel/list/organization/{organisation_id}")


# ---- parsing (no database) -----------------------------------------------------------------------
def _require(item, key, where, kind=str):
    value = item.get(key) if isinstance(item, dict) else None
    if not isinstance(value, kind) or (kind is str and not value):
        raise PtvError(f"{where}: missing or invalid '{key}'")
    return value


def _texts(items, where, kind=None, key="value"):
    """{language: text} of a PTV language list ([{language, value, type}]), of one type if given."""
    out = {}
    for entry in items or []:
        if not isinstance(entry, dict):
            raise PtvError(f"{where}: a language item is not an object")
        if kind and entry.get("type") not in (kind, None):
            continue
        lang, value = entry.get("language"), entry.get(key)
        if lang in LANGS and value and lang not in out:
            out[lang] = str(value).strip()
    return out


def _municipality_codes(areas):
    codes = []
    for area in areas or []:
        for m in (area or {}).get("municipalities") or []:
            if (m or {}).get("code"):
                codes.append(str(m["code"]).zfill(3))
    return codes


def parse_service(item, where="service"):
    ptv_id = _require(item, "id", where)
    where = f"{where} {ptv_id}"
    names = _texts(_require(item, "serviceNames", where, list), where, "Name")
    if not names:
        raise PtvError(f"{where}: no name in 'serviceNames'")
    channels = []
    for link in item.get("serviceChannels") or []:
        channel = (link or {}).get("serviceChannel") or {}
        if channel.get("id"):
            channels.append(str(channel["id"]))
    return {"ptv_id": ptv_id, "names": names,
            "summaries": _texts(item.get("serviceDescriptions"), where, "Summary"),
            "municipality_codes": _municipality_codes(item.get("areas")), "channel_ids": channels}


def phone_display(phone):
    """+358 40 123 4567 for an international prefix, the number as written for a service number."""
    number = str(phone.get("number") or "").strip()
    prefix = str(phone.get("prefixNumber") or "").strip()
    if prefix and not phone.get("isFinnishServiceNumber"):
        return f"{prefix} {number.lstrip('0')}"
    return number


def _hours(service_hours, where):
    """{language: "ma–pe 8.00–16.00, lisätieto"} from PTV's serviceHours."""
    out = {}
    for lang in LANGS:
        parts = []
        for hour in service_hours or []:
            if not isinstance(hour, dict):
                raise PtvError(f"{where}: 'serviceHours' item is not an object")
            info = _texts(hour.get("additionalInformation"), where).get(lang, "")
            if hour.get("isAlwaysOpen"):
                parts.append(ROUND_THE_CLOCK[lang])
            for opening in hour.get("openingHour") or []:
                day_from = DAYS[lang].get(opening.get("dayFrom"), "")
                day_to = DAYS[lang].get(opening.get("dayTo") or "", "")
                days = f"{day_from}–{day_to}" if day_to and day_to != day_from else day_from
                times = "–".join(_clock(opening.get(k), lang) for k in ("from", "to"))
                parts.append(f"{days} {times}".strip())
            if info:
                parts.append(info)
        if parts:
            out[lang] = ", ".join(parts)
    return out


def _clock(value, lang):
    hours, _sep, rest = str(value or "").partition(":")
    minutes = rest[:2] or "00"
    return f"{int(hours or 0)}{':' if lang == 'en' else '.'}{minutes}" if hours.isdigit() else ""


def _address(addresses, where):
    for address in addresses or []:
        street = (address or {}).get("streetAddress")
        if not street or (address.get("type") not in (None, "Location", "Visiting")):
            continue
        streets = _texts(street.get("street"), where)
        number = str(street.get("streetNumber") or "").strip()
        municipality = (street.get("municipality") or {}).get("code") or ""
        return {"street": {lg: f"{s} {number}".strip() for lg, s in streets.items()},
                "postal_code": str(street.get("postalCode") or ""),
                "post_office": _texts(street.get("postOffice"), where),
                "municipality_code": str(municipality).zfill(3) if municipality else ""}
    return None


def parse_channel(item, where="service channel"):
    ptv_id = _require(item, "id", where)
    where = f"{where} {ptv_id}"
    kind = _require(item, "serviceChannelType", where)
    names = _texts(_require(item, "serviceChannelNames", where, list), where, "Name")
    if not names:
        raise PtvError(f"{where}: no name in 'serviceChannelNames'")
    phones = {}
    for phone in item.get("phoneNumbers") or []:
        if not isinstance(phone, dict) or not phone.get("number"):
            raise PtvError(f"{where}: a phone number without 'number'")
        if phone.get("type", "Phone") == "Phone":
            phones.setdefault(phone.get("language") or "fi", phone_display(phone))
    web = _texts(item.get("webPages"), where, key="url")
    return {"ptv_id": ptv_id, "type": kind, "names": names, "phones": phones,
            "emails": _texts(item.get("emails"), where), "urls": web,
            "hours": _hours(item.get("serviceHours"), where),
            "address": _address(item.get("addresses"), where),
            "municipality_codes": _municipality_codes(item.get("areas"))}


def parse(services, channels):
    """Both lists parsed, or PtvError for the first malformed item (nothing is written before)."""
    if not isinstance(services, list) or not isinstance(channels, list):
        raise PtvError("the services and service channels must be lists")
    return ([parse_service(s, f"service #{i + 1}") for i, s in enumerate(services)],
            {c["ptv_id"]: c for c in (parse_channel(c, f"service channel #{i + 1}")
                                       for i, c in enumerate(channels))})


def first(texts, lang="fi"):
    """The text in `lang`, else Finnish, else any: PTV does not always have every language."""
    return texts.get(lang) or texts.get("fi") or next(iter(texts.values()), "")
