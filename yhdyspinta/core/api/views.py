"""Base viewset: reads through restrict(), internal reads (whole records and internal parts of
public ones) logged, writes through actions.

Every write of the API calls an action, as a page's ObjectEditView calls its `save_action`:
`create_action(*, acting_user, **validated_data)`, `update_action(instance, *, acting_user,
**validated_data)` and `delete_action(instance, *, acting_user)`. The defaults are
`core.actions.create_record` / `update_record` / `delete_object` (model validation with the
model's clean(), the rights to add/change/delete, one audited transaction); an app whose record
has rules of its own (an agreement's parties, an interface's owners) sets its own action, the
same function its pages use. Serializers check only the shape of the request; an action's
ValidationError, PermissionDenied and ProtectedError are answered by core.api.exceptions.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from yhdyspinta.core.actions import audited, create_record, delete_object, update_record
from yhdyspinta.core.api.concurrency import (
    IF_MATCH,
    ConcurrencyAutoSchema,
    PreconditionFailed,
    VersionConflict,
    add_version_field,
    body_version,
)
from yhdyspinta.core.api.formats import TableFormatMixin
from yhdyspinta.core.audit import log_internal_parts, log_internal_reads
from yhdyspinta.core.concurrency import (
    ConflictError,
    check_and_bump_version,
    etag,
    if_match_fails,
    is_versioned,
)


class RestrictedModelViewSet(TableFormatMixin, viewsets.ModelViewSet):
    """Subclasses set `queryset`, `serializer_class`, `filterset_class`, `ordering_fields`.
    Lists answer `?format=csv|xlsx` with a file (core.api.formats)."""

    # Without ?ordering= lists come in primary-key order: stable under limit/offset paging and read
    # from the index, where the models' own orderings (by names and dates of related rows) would
    # sort the whole national table for every page.
    ordering = ("pk",)
    schema = ConcurrencyAutoSchema()  # PUT/PATCH document If-Match, 409 and 412 (core.api.concurrency)

    def get_queryset(self):
        queryset = super().get_queryset().restrict(self.request.user, "view")
        path = getattr(queryset.model, "visibility_path", None)
        if path and "__" in path:  # is_internal of every listed row (access log) without a query per row
            queryset = queryset.select_related(path.rsplit("__", 1)[0])
        return queryset

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        records = getattr(self, "_listed", None)
        if records:
            log_internal_reads(request, self.queryset.model, records, detail=request.get_full_path())
            data = response.data
            rows = data.get("results", []) if isinstance(data, dict) else data
            log_internal_parts(request, records, rows, detail=request.get_full_path())
        return response

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._listed = page if page is not None else list(queryset)
        return page

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        log_internal_reads(request, self.queryset.model, [obj], detail=request.get_full_path())
        response = super().retrieve(request, *args, **kwargs)
        log_internal_parts(request, [obj], [response.data], detail=request.get_full_path())
        if is_versioned(obj):
            response["ETag"] = etag(obj)
        return response

    def get_serializer(self, *args, **kwargs):
        return add_version_field(super().get_serializer(*args, **kwargs), getattr(self.queryset, "model", None))

    # No lost update (core.concurrency): If-Match → 412, a stale `version` in the body → 409, and the
    # write itself is conditional on the version this request loaded (ETag of the answer: the new one).
    @extend_schema(parameters=[IF_MATCH])
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        if not is_versioned(instance):
            return super().update(request, *args, partial=partial, **kwargs)
        if if_match_fails(request.headers.get("If-Match"), instance):
            raise PreconditionFailed(instance)
        sent = body_version(request.data)
        if sent is not None and sent != instance.version:
            raise VersionConflict(ConflictError(instance, sent))
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        with audited(request.user):  # one transaction: the version check and the action's write
            check_and_bump_version(instance, instance.version)
            self.perform_update(serializer)
        if getattr(instance, "_prefetched_objects_cache", None):
            instance._prefetched_objects_cache = {}
        response = Response(serializer.data)
        response["ETag"] = etag(instance)
        return response

    @extend_schema(parameters=[IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        current = getattr(getattr(self, "_version_refusal", None), "current", None)
        if current is not None and response.status_code in (409, 412):
            response["ETag"] = etag(current)
        return response

    def handle_exception(self, exc):
        if isinstance(exc, (PreconditionFailed, VersionConflict, ConflictError)):
            self._version_refusal = exc  # its stored record's ETag goes on the 409/412 answer
        return super().handle_exception(exc)

    # Writes: the app's action, the same one its pages use (module docstring).
    create_action = None  # callable(*, acting_user, **validated_data) -> obj; default: create_record
    update_action = None  # callable(instance, *, acting_user, **validated_data) -> obj; default: update_record
    delete_action = None  # callable(instance, *, acting_user); default: core.actions.delete_object

    def perform_create(self, serializer):
        action = type(self).create_action
        data = dict(serializer.validated_data)
        if action is None:
            serializer.instance = create_record(serializer.Meta.model, acting_user=self.request.user, **data)
        else:
            serializer.instance = action(acting_user=self.request.user, **data)

    def perform_update(self, serializer):
        action = type(self).update_action or update_record
        serializer.instance = action(serializer.instance, acting_user=self.request.user,
                                     **dict(serializer.validated_data))

    def perform_destroy(self, instance):
        (type(self).delete_action or delete_object)(instance, acting_user=self.request.user)
