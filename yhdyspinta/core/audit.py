"""Writing the access log and the client address of every log. Change history itself is
django-auditlog's (see settings and docs/audit.md)."""

import ipaddress
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured

from .middleware import current_request, current_request_id
from .models import AccessLog
from .pagecache import mark_uncacheable


# ---- the client address -------------------------------------------------------------------
@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]):
    try:
        return tuple(ipaddress.ip_network(e.strip(), strict=False) for e in entries if e.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {exc}") from exc


def trusted_proxies():
    """settings.TRUSTED_PROXIES (addresses or CIDR blocks) as networks."""
    value = getattr(settings, "TRUSTED_PROXIES", ()) or ()
    if isinstance(value, str):
        value = value.split(",")
    return _networks(tuple(value))


def _parse(value: str | None):
    """An address from REMOTE_ADDR or one X-Forwarded-For hop (a port and [] removed), or None."""
    value = (value or "").strip().strip('"')
    if not value:
        return None
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return any(address.version == n.version and address in n for n in networks)


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, when that is one of settings.TRUSTED_PROXIES, the
    right-most address of X-Forwarded-For that is not a trusted proxy.

    Each proxy appends the address it saw, so only the entries our own proxies appended are
    believed: walking from the right, the first untrusted entry is the client. Whatever the client
    put in the header itself stays to the left of that and is never used. Used by the access log,
    every change-log entry and django-axes (AXES_CLIENT_IP_CALLABLE)."""
    if request is None:
        return None
    meta = getattr(request, "META", None) or {}
    remote = _parse(meta.get("REMOTE_ADDR"))
    if remote is None:
        return None
    networks = trusted_proxies()
    if not networks or not _trusted(remote, networks):
        return str(remote)
    nearest = remote
    for hop in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(hop)
        if address is None:
            break  # a malformed entry: nothing to the left of it can be believed
        if not _trusted(address, networks):
            return str(address)
        nearest = address
    return str(nearest)


@contextmanager
def change_context(actor):
    """django-auditlog's context for changes made inside: `actor` and the current request's
    client address on every LogEntry. The enclosing context (the middleware's) is put back after,
    so later changes in the same request keep their address too."""
    from auditlog.context import auditlog_value, set_actor

    request = current_request()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if actor is None and request is None:
        yield
        return
    previous = auditlog_value.get(None)
    try:
        with set_actor(actor, remote_addr=client_address(request)):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)


# ---- the access log -----------------------------------------------------------------------
def involved_organisation_ids(model, objects) -> set[int]:
    """The organisations the logged records involve, in one query per org path (not per record)."""
    if model is None:
        return set()
    paths = getattr(model, "org_paths", ())
    pks = [getattr(o, "pk", o) for o in objects]
    pks = [pk for pk in pks if pk is not None]
    if not paths or not pks:
        return set()
    ids: set[int] = set()
    for path in paths:
        ids.update(v for v in model._base_manager.filter(pk__in=pks).values_list(path, flat=True) if v)
    return ids


def organisation_field(ids: Iterable[int]) -> str:
    """AccessLog.organisation_ids as stored: ",3,17," so that `contains=",3,"` finds one."""
    ids = sorted({int(i) for i in ids})
    return f",{','.join(map(str, ids))}," if ids else ""


def log_access(request, action: str, *, model=None, objects: Iterable = (), detail: str = "", user=None,
               username: str = "", organisation_ids: Iterable[int] = ()):
    """Records one access event; `objects` are the internal records disclosed.

    The organisations those records involve are stored with the entry (with any given in
    `organisation_ids`), so each organisation's admins can see who read their data (/audit/access/)."""
    mark_uncacheable(request)  # the next reader must be logged too
    user = user if user is not None else getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    objects = list(objects)
    ids = [str(getattr(o, "pk", o)) for o in objects]
    orgs = set(organisation_ids) | involved_organisation_ids(model, objects)
    return AccessLog.objects.create(
        user=user,
        username=username or (user.get_username() if user else ""),
        action=action,
        content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        object_ids=",".join(ids)[:10000],
        organisation_ids=organisation_field(orgs)[:10000],
        detail=detail[:500],
        request_id=current_request_id() or "",
        remote_addr=client_address(request),
    )


def log_internal_reads(request, model, objects: Iterable, detail: str = ""):
    """Logs the internal records among `objects` that a page or API response disclosed."""
    internal = [o for o in objects if getattr(o, "is_internal", False)]
    if internal:
        log_access(request, AccessLog.Action.READ, model=model, objects=internal, detail=detail)


def log_export(request, model, objects: Iterable = (), detail: str = ""):
    """A file download (CSV/XLSX/PDF/JSON/calendar…): always an EXPORT entry, naming the
    internal records among `objects` that the file holds."""
    internal = [o for o in objects if getattr(o, "is_internal", False)]
    return log_access(request, AccessLog.Action.EXPORT, model=model, objects=internal, detail=detail)


# ---- internal parts of public records (API) ------------------------------------------------
def _group(name: str) -> str:
    return name[:-3] if name[-3:] in ("_fi", "_sv", "_en") else name


def internal_parts_shown(obj, row) -> list[str]:
    """The internal field groups (RestrictedModel.internal_field_names(), as internal in the
    record's present state: hidden_fields_for an outsider) that a serialized `row` carries with a
    value: an agreement's internal_part, unchecked minutes, an internal item body, internal_notes."""
    names = obj.internal_field_names() if hasattr(obj, "internal_field_names") else ()
    if not names or not isinstance(row, dict):
        return []
    shown = [n for n in names if row.get(n) not in (None, "", [], {})]
    if not shown:
        return []
    from django.contrib.auth.models import AnonymousUser

    # An outsider's answer does not depend on the record's organisations: skip looking them up
    # (a query per row of an API page otherwise).
    obj.__dict__["involved_organisation_ids"] = set
    try:
        internal_now = obj.hidden_fields_for(AnonymousUser())
    finally:
        obj.__dict__.pop("involved_organisation_ids", None)
    return sorted({_group(n) for n in shown if n in internal_now})


def log_internal_parts(request, objects, rows, detail: str = ""):
    """Logs a READ per record type and field group for the internal parts of public records that
    an API response carried (whole internal records are logged by log_internal_reads)."""
    by_id = {row.get("id"): row for row in rows if isinstance(row, dict)}
    groups: dict[tuple[type, tuple[str, ...]], list] = {}
    for obj in objects:
        if getattr(obj, "is_internal", False):
            continue
        parts = internal_parts_shown(obj, by_id.get(obj.pk))
        if parts:
            groups.setdefault((type(obj), tuple(parts)), []).append(obj)
    for (model, parts), records in groups.items():
        log_access(request, AccessLog.Action.READ, model=model, objects=records,
                   detail=f"{', '.join(parts)}: {detail}"[:500])
