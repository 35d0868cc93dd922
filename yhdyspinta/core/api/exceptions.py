"""API errors: 400 with field messages, 403/404 for rights, never a 500 for bad input."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from yhdyspinta.core.api.concurrency import VersionConflict
from yhdyspinta.core.concurrency import ConflictError


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, ConflictError):  # a save over a newer version (no lost update)
        exc = VersionConflict(exc)
    return drf_exception_handler(exc, context)
