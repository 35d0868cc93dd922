"""Base viewset: reads through restrict(), internal reads (whole records and internal parts of
public ones) logged, writes through actions."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from yhdyspinta.core.actions import audited, require, require_add
from yhdyspinta.core.api.concurrency import (
    IF_MATCH,
    ConcurrencyAutoSchema,
    PreconditionFailed,
    VersionConflict,
    add_version_field,
    body_version,
)
from yhdyspinta.core.audit import log_internal_parts, log_internal_reads
from yhdyspinta.core.concurrency import (
    ConflictError,
    check_and_bump_version,
    etag,
    if_match_fails,
    is_versioned,
)


class RestrictedModelViewSet(viewsets.ModelViewSet):
    """Subclasses set `queryset`, `serializer_class`, `filterset_class`, `ordering_fields`."""

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
        with transaction.atomic():
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

    # Writes: the same checks and audit as the pages' actions.
    def perform_create(self, serializer):
        with audited(self.request.user):
            instance = serializer.Meta.model(**{
                k: v for k, v in serializer.validated_data.items()
                if not isinstance(v, (list, tuple)) and not hasattr(v, "all")
            })
            ids = instance.involved_organisation_ids() | self._m2m_org_ids(serializer)
            require_add(self.request.user, ids)
            serializer.save()

    def perform_update(self, serializer):
        with audited(self.request.user):
            require(self.request.user, serializer.instance, "change")
            obj = serializer.save()
            if not self._still_editable(obj):
                raise PermissionDenied

    def perform_destroy(self, instance):
        with audited(self.request.user):
            require(self.request.user, instance, "delete")
            instance.delete()

    def _still_editable(self, obj):
        from yhdyspinta.accounts.permissions import can

        return can(self.request.user, obj, "change")

    @staticmethod
    def _m2m_org_ids(serializer):
        ids = set()
        model = serializer.Meta.model
        for path in getattr(model, "org_paths", ()):
            head = path.split("__")[0]
            value = serializer.validated_data.get(head)
            if isinstance(value, (list, tuple)):
                ids.update(o.pk for o in value)
        return ids
