"""Identity providers from the environment: `OIDC_PROVIDERS` (JSON), loaded by `manage.py oidc_providers`.

A list of providers; each provider given replaces its stored settings and its whole claim mapping
(providers not in the list are left as they are). All or nothing: on the first error nothing is
written, and the error names the provider, the mapping and the reason. Example (docs/accounts.md):

    [{"slug": "pirkanmaa", "name": "Pirkanmaan hyvinvointialue",
      "issuer": "https://login.microsoftonline.com/<tenant id>/v2.0",
      "client_id": "<application id>", "client_secret": "env:ENTRA_SECRET_PIRKANMAA",
      "allowed_domains": ["pirha.fi", "tampere.fi"], "organisation": "county:08",
      "mappings": [{"claim": "<group object id>", "organisation": "municipality:837", "role": "editor"}]}]
"""

import json
import os

from django.core.exceptions import ValidationError
from django.db import transaction

from yhdyspinta.core.reasons import reason
from yhdyspinta.organisations.models import Organisation

from .models import ClaimMapping, IdentityProvider, Role

ENV_VAR = "OIDC_PROVIDERS"
PROVIDER_KEYS = {"slug", "name", "issuer", "client_id", "client_secret", "scopes", "allowed_domains",
                 "groups_claim", "organisation", "enabled", "mappings"}
MAPPING_KEYS = {"claim", "organisation", "role"}


class ConfigError(Exception):
    """A refused configuration; `args[0]` is a translatable reason naming where the error is."""


def _organisation(key, where):
    kind, _sep, code = str(key).partition(":")
    org = Organisation.objects.filter(kind=kind, code=code).first() if code else None
    if org is None:
        raise ConfigError(reason("%(where)s: unknown organisation '%(key)s' (write KIND:CODE, e.g. county:08 or "
                                 "municipality:837)", where=where, key=str(key)))
    return org


def _text(entry, key, where, default=None):
    value = entry.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(reason("%(where)s: '%(key)s' is missing", where=where, key=key))
    return value.strip()


def parse(text: str):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(reason("%(var)s is not valid JSON: %(error)s", var=ENV_VAR, error=str(exc))) from exc
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(p, dict) for p in data):
        raise ConfigError(reason("%(var)s must be a list of providers", var=ENV_VAR))
    return data


@transaction.atomic
def load(data: list[dict]) -> list[IdentityProvider]:
    """Creates or updates the providers and replaces their mappings; raises ConfigError, writing nothing."""
    loaded = []
    for number, entry in enumerate(data, start=1):
        where = reason("provider %(number)s", number=number)
        slug = _text(entry, "slug", where)
        where = reason("provider '%(slug)s'", slug=slug)
        unknown = sorted(set(entry) - PROVIDER_KEYS)
        if unknown:
            raise ConfigError(reason("%(where)s: unknown keys %(keys)s", where=where, keys=", ".join(unknown)))
        domains = entry.get("allowed_domains", [])
        if isinstance(domains, list):
            domains = " ".join(str(d) for d in domains)
        provider = IdentityProvider.objects.filter(slug=slug).first() or IdentityProvider(slug=slug)
        provider.name = _text(entry, "name", where)
        provider.issuer = _text(entry, "issuer", where)
        provider.client_id = _text(entry, "client_id", where)
        provider.client_secret = str(entry.get("client_secret", ""))
        provider.scopes = _text(entry, "scopes", where, "openid email profile")
        provider.allowed_domains = str(domains)
        provider.groups_claim = _text(entry, "groups_claim", where, "groups")
        provider.enabled = bool(entry.get("enabled", True))
        provider.organisation = _organisation(entry["organisation"], where) if entry.get("organisation") else None
        try:
            provider.full_clean()
        except ValidationError as exc:
            raise ConfigError(reason("%(where)s: %(errors)s", where=where, errors="; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()))) from exc
        provider.save()
        provider.mappings.all().delete()
        mappings = entry.get("mappings", [])
        if not isinstance(mappings, list):
            raise ConfigError(reason("%(where)s: 'mappings' must be a list", where=where))
        for index, item in enumerate(mappings, start=1):
            at = reason("%(where)s, mapping %(number)s", where=where, number=index)
            if not isinstance(item, dict) or set(item) - MAPPING_KEYS:
                raise ConfigError(reason("%(where)s: write {\"claim\": …, \"organisation\": …, \"role\": …}",
                                         where=at))
            role = item.get("role", Role.VIEWER)
            if role not in Role.values:
                raise ConfigError(reason("%(where)s: unknown role '%(role)s' (one of %(roles)s)", where=at,
                                         role=str(role), roles=", ".join(Role.values)))
            mapping = ClaimMapping(provider=provider, value=_text(item, "claim", at),
                                   organisation=_organisation(item.get("organisation"), at), role=role)
            try:
                mapping.full_clean()
            except ValidationError as exc:
                raise ConfigError(reason("%(where)s: %(errors)s", where=at, errors=" ".join(exc.messages))) from exc
            mapping.save()
        loaded.append(provider)
    return loaded


def load_from_environment() -> list[IdentityProvider]:
    text = os.environ.get(ENV_VAR, "").strip()
    return load(parse(text)) if text else []
