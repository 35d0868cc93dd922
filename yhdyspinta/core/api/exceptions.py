"""API errors: 400 with field messages, 403/404 for rights, never a 500 for bad input.

The one converter from Django's exceptions to the API's answers: an action's (or a model
clean()'s) ValidationError is a 400 with its field messages under the field names (a message for
the whole record under `non_field_errors`), PermissionDenied a 403, Http404 a plain translated 404
(not Django's "No <Model> matches the given query."), a stale version a 409, and a
delete refused by PROTECT/RESTRICT a 409 listing the dependents the user may view
(core/dependents.py). Serializers and viewsets do not convert errors themselves.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from yhdyspinta.core.api.concurrency import VersionConflict
from yhdyspinta.core.concurrency import ConflictError
from yhdyspinta.core.dependents import BLOCKING_ERRORS, describe


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {(api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
                      for field, messages in exc.message_dict.items()}
        else:
            detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):  # "Not found." in the reader's language, never "No Lease matches …"
        exc = exceptions.NotFound()
    elif isinstance(exc, ConflictError):  # a save over a newer version (no lost update)
        exc = VersionConflict(exc)
    elif isinstance(exc, BLOCKING_ERRORS):  # PROTECT/RESTRICT: 409 naming what depends on it
        exc = DependentsExist(exc, getattr(context.get("request"), "user", None))
    return drf_exception_handler(exc, context)


class DependentsExist(exceptions.APIException):
    """409: the record cannot be deleted while others depend on it (names only of viewable ones)."""

    status_code = 409
    default_code = "protected"

    def __init__(self, exc, user):
        dependents = describe(exc, user)
        self.detail = {
            "detail": exceptions.ErrorDetail(
                _("The record cannot be deleted: other records depend on it. Remove those links first."),
                code=self.default_code),
            "dependents": [{"model": d["model"], "name": d["name"]} for d in dependents["visible"]],
            "more": dependents["more"],
            "hidden": dependents["hidden"],
        }
