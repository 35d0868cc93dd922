"""Base viewset: reads through restrict(), internal reads (whole records and internal parts of
public ones) logged, writes through actions."""

from django.core.exceptions import PermissionDenied
from rest_framework import viewsets

from yhdyspinta.core.actions import audited, require, require_add
from yhdyspinta.core.audit import log_internal_parts, log_internal_reads


class RestrictedModelViewSet(viewsets.ModelViewSet):
    """Subclasses set `queryset`, `serializer_class`, `filterset_class`, `ordering_fields`."""

    # Without ?ordering= lists come in primary-key order: stable under limit/offset paging and read
    # from the index, where the models' own orderings (by names and dates of related rows) would
    # sort the whole national table for every page.
    ordering = ("pk",)

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
        return response

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
