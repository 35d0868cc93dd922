"""Request id: one id per request, in the response header, the logs and every audit entry;
the current request (for the client address of change-log entries); auditlog's middleware with
the trusted client address."""

import contextvars
import logging
import re
import uuid

from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware
from django.conf import settings

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_request: contextvars.ContextVar = contextvars.ContextVar("request", default=None)
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str | None:
    value = _request_id.get()
    return None if value == "-" else value


def current_request():
    """The request being served in this thread or task, or None (commands, tests without one)."""
    return _request.get()


class RequestIdMiddleware:
    """Takes a well-formed X-Request-ID from the load balancer or makes one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        request_token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(request_token)
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class AuditlogMiddleware(_AuditlogMiddleware):
    """django-auditlog's middleware, with the client address from core.audit.client_address
    (X-Forwarded-For only from settings.TRUSTED_PROXIES, never the left-most value a client sent)."""

    @staticmethod
    def _get_remote_addr(request):
        from .audit import client_address

        return None if settings.AUDITLOG_DISABLE_REMOTE_ADDR else client_address(request)

    @staticmethod
    def _get_remote_port(request):
        from .audit import _parse, _trusted, trusted_proxies

        remote = _parse(request.META.get("REMOTE_ADDR"))
        networks = trusted_proxies()
        if remote is not None and networks and _trusted(remote, networks):
            return _AuditlogMiddleware._get_remote_port(request)
        return None
