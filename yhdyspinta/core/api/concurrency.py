"""The API side of optimistic concurrency (core.concurrency): ETag, If-Match → 412, stale version → 409.

`RestrictedModelViewSet` uses these: retrieve and update answer with `ETag: "<version>"`; an update
with an `If-Match` naming another version is refused with 412 before anything is read from the body;
a body whose `version` differs from the stored one is refused with 409; an update without either
still cannot overwrite a save that happens while it runs (the write is conditional on the version
the request loaded).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status
from rest_framework.exceptions import APIException

from yhdyspinta.core.concurrency import VERSION_FIELD, ConflictError, is_versioned

IF_MATCH = OpenApiParameter(
    name="If-Match", type=OpenApiTypes.STR, location=OpenApiParameter.HEADER, required=False,
    description=(
        'The ETag of the record as you read it (GET answers with `ETag: "<version>"`). If the record '
        "has been saved since, the update is refused with 412 Precondition Failed and nothing is written. "
        "Without If-Match (and without `version` in the body) the update proceeds; a `version` in the body "
        "that is not the stored one is refused with 409 Conflict."
    ),
)


class VersionRefusalSerializer(serializers.Serializer):
    """The body of a 409 or 412 answer to a stale update (documentation only)."""

    detail = serializers.CharField()
    version = serializers.IntegerField(help_text="The stored version now (also the answer's ETag).")
    sent_version = serializers.IntegerField(required=False, help_text="409: the version the request sent.")


class ConcurrencyAutoSchema(AutoSchema):
    """Documents the 409 and 412 answers of PUT and PATCH on versioned records."""

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        if direction == "response" and self.method in ("PUT", "PATCH") and model is not None \
                and is_versioned(model) and isinstance(bodies, dict):
            for code, text in (("409", ("A `version` in the body is not the stored one, or another save "
                                       "landed during the request; nothing was written.")),
                               ("412", "`If-Match` does not name the stored version; nothing was written.")):
                body = self._get_response_for_code(VersionRefusalSerializer, code, direction=direction)
                body["description"] = text
                bodies.setdefault(code, body)
        return bodies


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record has been changed since you read it (If-Match does not match). "
                       "Read it again and re-apply your change.")
    default_code = "precondition_failed"

    def __init__(self, current):
        self.current = current
        super().__init__()
        self.detail = {"detail": str(self.default_detail), VERSION_FIELD: current.version}  # numbers stay numbers


class VersionConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Someone else saved this record after the version you sent; nothing was written. "
                       "Read it again and re-apply your change.")
    default_code = "conflict"

    def __init__(self, error: ConflictError):
        self.current = error.current
        body = {"detail": str(self.default_detail), "sent_version": error.expected}
        if error.current is not None:
            body[VERSION_FIELD] = error.current.version
        super().__init__()
        self.detail = body  # numbers stay numbers


def add_version_field(serializer, model):
    """`version` (read-only) on the serializer of a versioned model, unless it lists it itself."""
    if model is None or not is_versioned(model):
        return serializer
    target = getattr(serializer, "child", serializer)
    meta = getattr(target, "Meta", None)
    if getattr(meta, "model", None) is not model:
        return serializer
    fields = target.fields
    if VERSION_FIELD not in fields:
        fields[VERSION_FIELD] = serializers.IntegerField(
            read_only=True, help_text="Optimistic concurrency: increases on every save; the ETag of the record.")
    return serializer


def body_version(data):
    """The `version` given in a request body (None when absent); 400 when it is not a number."""
    value = data.get(VERSION_FIELD) if hasattr(data, "get") else None
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise serializers.ValidationError({VERSION_FIELD: [_("A whole number is required.")]}) from None
