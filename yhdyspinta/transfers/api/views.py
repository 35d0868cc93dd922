from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from yhdyspinta.core.api.views import RestrictedModelViewSet

from .. import actions
from ..filtersets import ItemFilterSet, ProjectFilterSet
from ..models import ChecklistTemplateItem, InventoryItem, TransferProject
from ..queries import project_progress
from .serializers import CheckSerializer, ItemSerializer, ProjectSerializer, TemplateLineSerializer


class ProjectViewSet(RestrictedModelViewSet):
    """Transfer projects (at least two parties) with their inventory's progress (`progress/`)."""

    queryset = TransferProject.objects.prefetch_related("parties")
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["title", "transfer_date"]
    create_action = actions.create_project
    update_action = actions.update_project

    @extend_schema(description="Done / total items of the whole inventory (internal items counted, never shown), "
                               "per party and per kind.",
                   responses=inline_serializer("ProjectProgress", {
                       "all": inline_serializer("ProgressCount", {
                           "label": serializers.CharField(), "done": serializers.IntegerField(),
                           "total": serializers.IntegerField()}),
                       "complete": serializers.BooleanField(),
                       "per_party": serializers.ListField(child=inline_serializer("ProgressCountParty", {
                           "label": serializers.CharField(), "done": serializers.IntegerField(),
                           "total": serializers.IntegerField()})),
                       "per_kind": serializers.ListField(child=inline_serializer("ProgressCountKind", {
                           "label": serializers.CharField(), "done": serializers.IntegerField(),
                           "total": serializers.IntegerField()}))}))
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        project = self.get_object()
        data = project_progress(project)

        def row(p):
            return {"label": p.label, "done": p.done, "total": p.total}

        return Response({"all": row(data["all"]), "complete": data["all"].complete,
                         "per_party": [row(p) for p in data["per_party"]],
                         "per_kind": [row(p) for p in data["per_kind"]]})


class ItemViewSet(RestrictedModelViewSet):
    """Inventory items: parties must be the project's; a new item gets its kind's checklist."""

    queryset = InventoryItem.objects.select_related("project").prefetch_related("checks")
    serializer_class = ItemSerializer
    filterset_class = ItemFilterSet
    ordering_fields = ["title", "kind", "due_date", "status", "decision"]
    create_action = actions.create_item
    update_action = actions.update_item

    @extend_schema(request=CheckSerializer, responses={200: ItemSerializer},
                   description="Marks one check of the item's checklist done or not done.")
    @action(detail=True, methods=["post"], url_path=r"checks/(?P<check_id>\d+)")
    def check(self, request, pk=None, check_id=None):
        item = self.get_object()
        body = CheckSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        actions.check(get_object_or_404(item.checks, pk=check_id), acting_user=request.user,
                      done=body.validated_data["done"])
        item.refresh_from_db()
        return Response(ItemSerializer(item, context=self.get_serializer_context()).data)


class TemplateLineViewSet(RestrictedModelViewSet):
    """Due-diligence checklist lines per kind (no owner: the national list, administrators only)."""

    queryset = ChecklistTemplateItem.objects.all()
    serializer_class = TemplateLineSerializer
    filterset_fields = ["kind", "owner"]
    ordering_fields = ["kind", "order"]
