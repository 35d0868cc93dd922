"""Writing the access log. Change history itself is django-auditlog's (see settings)."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType

from .middleware import current_request_id
from .models import AccessLog
from .pagecache import mark_uncacheable


def client_address(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_access(request, action: str, *, model=None, objects: Iterable = (), detail: str = "", user=None,
               username: str = ""):
    """Records one access event; `objects` are the internal records disclosed."""
    mark_uncacheable(request)  # the next reader must be logged too
    user = user if user is not None else getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    ids = [str(getattr(o, "pk", o)) for o in objects]
    return AccessLog.objects.create(
        user=user,
        username=username or (user.get_username() if user else ""),
        action=action,
        content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        object_ids=",".join(ids)[:10000],
        detail=detail[:500],
        request_id=current_request_id() or "",
        remote_addr=client_address(request),
    )


def log_internal_reads(request, model, objects: Iterable, detail: str = ""):
    """Logs the internal records among `objects` that a page or API response disclosed."""
    internal = [o for o in objects if getattr(o, "is_internal", False)]
    if internal:
        log_access(request, AccessLog.Action.READ, model=model, objects=internal, detail=detail)
