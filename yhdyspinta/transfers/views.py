"""Pages: projects (progress per party and per kind), inventory items, checklists, import, exports."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from yhdyspinta.core.exports import export_metadata, export_response
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.tabular import InputError
from yhdyspinta.core.uploads import WriterRequiredMixin
from yhdyspinta.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    run_action,
)

from . import actions, importing, queries
from .filtersets import ItemFilterSet, ProjectFilterSet
from .forms import ItemForm, ProjectForm, TemplateLineForm, UploadForm
from .models import ChecklistItem, ChecklistTemplateItem, InventoryItem, ItemKind, TransferProject
from .tables import ItemTable, ProjectTable, TemplateLineTable


# ---- projects ---------------------------------------------------------------------------------
class ProjectListView(ObjectListView):
    model = TransferProject
    table_class = ProjectTable
    filterset_class = ProjectFilterSet
    add_url_name = "transfers:project_add"
    export_name = "transfer-projects"

    def get_queryset(self):
        return super().get_queryset().select_related("area").prefetch_related("parties")


class ProjectDetailView(ObjectDetailView):
    model = TransferProject
    template_name = "transfers/project_detail.html"
    edit_url_name = "transfers:project_edit"
    delete_url_name = "transfers:project_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        project = self.object
        items = InventoryItem.objects.restrict(self.request.user, "view").filter(project=project)
        progress = queries.project_progress(project)  # over all items: counts only
        ctx.update(progress=progress, parties=project.parties.all(), upload_form=UploadForm(),
                   kinds=[(k, label) for k, label in ItemKind.choices if items.filter(kind=k).exists()],
                   hidden_count=project.items.count() - items.count(),
                   task=_visible_task(project, self.request.user))
        return ctx


class RoadmapFeedsView(TemplateView):
    """The readiness side of the link: which tasks of a roadmap transfer inventories feed, and how
    far their items are (done / total)."""

    template_name = "transfers/roadmap_feeds.html"

    def get_context_data(self, **kwargs):
        from yhdyspinta.readiness.models import Roadmap

        roadmap = get_object_or_404(Roadmap.objects.restrict(self.request.user, "view"), pk=kwargs["pk"])
        return super().get_context_data(roadmap=roadmap, feeds=queries.roadmap_feeds(roadmap, self.request.user),
                                        **kwargs)


def _visible_task(project, user):
    """The readiness task the project feeds, if the user may view its roadmap."""
    from yhdyspinta.readiness.models import RoadmapTask

    if not project.roadmap_task_id:
        return None
    return (RoadmapTask.objects.restrict(user, "view").select_related("roadmap")
            .filter(pk=project.roadmap_task_id).first())


class ProjectEditView(ObjectEditView):
    model = TransferProject
    form_class = ProjectForm
    save_action = actions.save_project


class ProjectDeleteView(ObjectDeleteView):
    model = TransferProject
    success_url_name = "transfers:project_list"


class ProjectExportView(View):
    """For the decision papers: one table per kind (`?kind=contract&format=xlsx`)."""

    def get(self, request, pk):
        project = get_object_or_404(TransferProject.objects.restrict(request.user, "view"), pk=pk)
        kind = request.GET.get("kind")
        if kind not in ItemKind.values:
            raise Http404
        items = list(InventoryItem.objects.restrict(request.user, "view").filter(project=project, kind=kind)
                     .select_related("from_party", "to_party", "owner"))
        tables = queries.export_tables(items, request.user)
        label, header, rows = tables[0] if tables else (ItemKind(kind).label, [], [])
        fmt = request.GET.get("format") or "csv"  # another format (pdf…) is export_response's 404, not a CSV
        metadata = export_metadata(request, f"{project} – {label}", illustrative=project.illustrative)
        metadata.append(_("Transfer date: %(date)s") % {"date": date_format(project.transfer_date, "SHORT_DATE_FORMAT")})
        return export_response(request, fmt, header, rows, name=f"transfer-{project.pk}-{kind}", model=InventoryItem,
                               objects=items, metadata=metadata, sheet=str(label))


class ItemImportView(LoginRequiredMixin, WriterRequiredMixin, FormView):
    """Inventory items of one project from CSV/XLSX: all rows or none."""

    template_name = "transfers/import.html"
    form_class = UploadForm
    upload_kind = "import"

    def dispatch(self, request, *args, **kwargs):
        self.project = get_object_or_404(TransferProject.objects.restrict(request.user, "view"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.project, columns=importing.COLUMNS, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            created = importing.import_items(self.project, upload.read(), upload.name, acting_user=self.request.user)
        except InputError as exc:
            form.add_error("file", _("Nothing was imported. %(error)s") % {"error": error_message(exc)})
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error(None, _("You may not add items for these organisations."))
            return self.form_invalid(form)
        messages.success(self.request, _("%(count)s items imported.") % {"count": len(created)})
        return redirect(self.project.get_absolute_url())


# ---- items ------------------------------------------------------------------------------------
class ItemListView(ObjectListView):
    model = InventoryItem
    table_class = ItemTable
    filterset_class = ItemFilterSet
    add_url_name = "transfers:item_add"
    export_name = "transfer-items"

    def get_queryset(self):
        return super().get_queryset().select_related("project", "from_party", "to_party", "owner")


class ItemDetailView(ObjectDetailView):
    model = InventoryItem
    template_name = "transfers/item_detail.html"
    edit_url_name = "transfers:item_edit"
    delete_url_name = "transfers:item_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        hidden = self.object.hidden_fields_for(self.request.user)  # costs and staff figures of outsiders
        ctx["pairs"] = [(label, value) for name, label, value in _pairs(self.object) if name not in hidden]
        ctx["checks"] = self.object.checks.all()
        ctx["checks_done"] = sum(c.done for c in ctx["checks"])
        return ctx


def _pairs(obj):
    from yhdyspinta.core.templatetags.core_tags import HIDDEN_FIELDS

    for field in obj._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS:
            continue
        display = getattr(obj, f"get_{field.name}_display", None)
        value = display() if display else getattr(obj, field.name)
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        yield field.name, field.verbose_name, value


class ItemEditView(ObjectEditView):
    model = InventoryItem
    form_class = ItemForm
    save_action = actions.save_item


class ItemDeleteView(ObjectDeleteView):
    model = InventoryItem
    success_url_name = "transfers:item_list"


class CheckView(LoginRequiredMixin, View):
    """Marks one check of an item done or not done (POST done=1/0)."""

    def post(self, request, pk):
        check = get_object_or_404(ChecklistItem.objects.select_related("item"), pk=pk,
                                  item__in=InventoryItem.objects.restrict(request.user, "view"))
        run_action(request, actions.check, check, acting_user=request.user, done=request.POST.get("done") == "1",
                   success=_("Checklist saved."), denied=_("Only the item's editors check its list."))
        return redirect(check.item.get_absolute_url())


# ---- checklist templates ----------------------------------------------------------------------
class TemplateLineListView(ObjectListView):
    model = ChecklistTemplateItem
    table_class = TemplateLineTable
    filterset_class = None
    filterset_fields = ["kind", "owner"]
    add_url_name = "transfers:template_add"
    export_name = "transfer-checklists"


class TemplateLineEditView(ObjectEditView):
    model = ChecklistTemplateItem
    form_class = TemplateLineForm

    def success_url_for(self, result):
        from django.urls import reverse

        return reverse("transfers:template_list")


class TemplateLineDeleteView(ObjectDeleteView):
    model = ChecklistTemplateItem
    success_url_name = "transfers:template_list"

