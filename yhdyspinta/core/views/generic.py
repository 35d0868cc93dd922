"""NetBox-style generic views: list (filter, sort, export), detail, edit, delete, history.

Every view reads through `Model.objects.restrict(user, action)`, so pages, exports and
search share the API's permission path. Writes go through the app's action functions.
"""

import re

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.data import TableData

from yhdyspinta.core.actions import delete_object, save_form
from yhdyspinta.core.audit import log_access, log_export, log_internal_reads
from yhdyspinta.core.dependents import BLOCKING_ERRORS, describe, refusal_message
from yhdyspinta.core.exports import TABLE_FORMATS, export_metadata, export_response
from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.models import AccessLog
from yhdyspinta.core.pagination import CappedCountPaginator
from yhdyspinta.core.policy import can
from yhdyspinta.core.views.concurrency import ConflictError, VersionedFormMixin

EXPORT_FORMATS = TABLE_FORMATS
SORT_PARAMETER = re.compile(r"-?\w+(,-?\w+)*")


class ObjectListView(SingleTableMixin, FilterView):
    """A filterable, sortable, exportable list of what the user may see."""

    template_name = "core/object_list.html"
    paginate_by = 50
    paginator_class = CappedCountPaginator
    export_name = "export"
    related: tuple[str, ...] = ()  # linked records the table shows, read in the same query

    def get_queryset(self):
        queryset = self.model.objects.restrict(self.request.user, "view")
        return queryset.select_related(*self.related) if self.related else queryset

    def get_table(self, **kwargs):
        """A `sort` that names no column shape (e.g. `99.99.1`) is dropped, not passed on."""
        sort = self.request.GET.get("sort")
        if sort and not SORT_PARAMETER.fullmatch(sort):
            self.request.GET = self.request.GET.copy()
            del self.request.GET["sort"]
        return super().get_table(**kwargs)

    def get_paginate_by(self, data):
        """The table paginates; ListView's own pagination would count the rows a second time."""
        return self.paginate_by if isinstance(data, TableData) else None

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in EXPORT_FORMATS:
            return self.export(fmt)
        response = super().get(request, *args, **kwargs)
        table = response.context_data.get("table")
        if table is not None:
            log_internal_reads(request, self.model, [row.record for row in table.paginated_rows],
                               detail=request.get_full_path())
        return response

    def export(self, fmt):
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else self.get_queryset()
        table = self.get_table_class()(queryset)
        columns = [c for c in table.columns if c.name not in getattr(table, "export_exclude", ())
                   and c.name not in ("actions",)]
        header = [str(c.header) for c in columns]
        records = list(queryset)
        rows = [[_plain(table.rows[i].get_cell_value(c.name)) for c in columns] for i in range(len(records))]
        # what the file is (title, source with its filters, time, "illustrative" when it holds
        # invented values): XLSX on a "Metadata" sheet, CSV in lines above the header (?metadata=0: none)
        meta = export_metadata(self.request, capfirst(self.model._meta.verbose_name_plural),
                               illustrative=any(getattr(r, "illustrative", False) is True for r in records))
        return export_response(self.request, fmt, header, rows, name=self.export_name, model=self.model,
                               objects=records, metadata=meta, metadata_sheet=True)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["model_meta"] = self.model._meta
        ctx["can_add"] = getattr(self, "add_url_name", None) and self.request.user.is_authenticated
        ctx["add_url_name"] = getattr(self, "add_url_name", None)
        ctx["export_formats"] = EXPORT_FORMATS
        return ctx


def _plain(value):
    from django.utils.html import strip_tags

    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return strip_tags(str(value)).strip()


class FileDownloadView(View):
    """A record's file (`file_field`) for those who may see the record (404 otherwise); the
    download of an internal record is logged as an export (docs/audit.md)."""

    model = None
    file_field = "file"

    def get(self, request, pk):
        obj = get_object_or_404(self.model.objects.restrict(request.user, "view"), pk=pk)
        file = getattr(obj, self.file_field)
        if not file:
            raise Http404
        if obj.is_internal:
            log_access(request, AccessLog.Action.EXPORT, model=self.model, objects=[obj], detail="download")
        return FileResponse(file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])


class ObjectDetailView(DetailView):
    """Shows a record the user may see (404 otherwise) and logs reads of internal records."""

    template_name = "core/object_detail.html"
    # A view that sends the record as a file (PDF, JSON) sets EXPORT: logged as an export, always.
    access_action = AccessLog.Action.READ
    related: tuple[str, ...] = ()  # linked records the page shows, read in the same query

    def get_queryset(self):
        queryset = self.model.objects.restrict(self.request.user, "view")
        return queryset.select_related(*self.related) if self.related else queryset

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.access_action == AccessLog.Action.EXPORT:
            log_export(self.request, self.model, [obj], detail=f"file {self.request.path}")
        else:
            log_internal_reads(self.request, self.model, [obj], detail=self.request.path)
        return obj

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_change"] = user.is_authenticated and can(user, self.object, "change")
        ctx["can_delete"] = user.is_authenticated and can(user, self.object, "delete")
        ctx["model_meta"] = self.model._meta
        ctx["edit_url_name"] = getattr(self, "edit_url_name", None)
        ctx["delete_url_name"] = getattr(self, "delete_url_name", None)
        return ctx


def add_validation_error(form, exc: ValidationError, field=None) -> None:
    """An action's ValidationError on the form: field messages on their fields, the rest on
    `field` (None: above the form)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, exc)


NO_PERMISSION = gettext_lazy("You do not have permission to save this record for these organisations.")


class ActionFormMixin:
    """A form view whose valid data goes to an action: `run(form)` returns the saved record (the
    page redirects to it with `success_message`) or a response. Refusals land on the form, never
    a 500: a ValidationError on its fields (messages without a field on `error_field`, None: above
    the form), PermissionDenied above the form, a ConflictError as the 409 conflict page (with
    VersionedFormMixin). `refused_status`: the status of a refused save's page (200, or 409 when
    the refusal is a conflict the action reports as a ValidationError)."""

    success_message = gettext_lazy("Saved.")
    error_field = None
    refused_status = 200

    def run(self, form):
        raise NotImplementedError

    def success_url_for(self, result) -> str:
        return result.get_absolute_url()

    def form_valid(self, form):
        try:
            result = self.run(form)
        except ConflictError as exc:
            if not hasattr(self, "render_conflict"):
                raise
            return self.render_conflict(form, exc, **self.conflict_context())
        except PermissionDenied:
            form.add_error(None, NO_PERMISSION)
            return self.refused(form)
        except ValidationError as exc:  # refused by the action: shown on the form
            add_validation_error(form, exc, self.error_field)
            return self.refused(form)
        if isinstance(result, HttpResponseBase):
            return result
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.success_url_for(result))

    def conflict_context(self) -> dict:
        return {}

    def refused(self, form):
        response = self.form_invalid(form)
        response.status_code = self.refused_status
        return response


def run_action(request, action, *args, success=None, denied=None, **kwargs) -> bool:
    """A POST button's action (no form): its refusal becomes error messages on the next page
    (`denied` for PermissionDenied). True when the action ran (`success` shown as a message)."""
    try:
        action(*args, **kwargs)
    except PermissionDenied:
        messages.error(request, denied or _("You do not have permission for this action."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if success:
            messages.success(request, success)
        return True
    return False


class ObjectEditView(LoginRequiredMixin, VersionedFormMixin, ActionFormMixin, FormView):
    """Create (no pk) or update a record; the save goes through `save_action(form, actor=...)`.

    An update carries the version the user loaded; a save over a newer one answers 409 with both
    versions (VersionedFormMixin, core/_conflict.html)."""

    template_name = "core/object_edit.html"
    form_class = None
    model = None
    save_action = None  # callable(form, *, actor, action) -> obj; default core.actions.save_form

    def get_object(self):
        pk = self.kwargs.get("pk")
        if pk is None:
            return None
        obj = get_object_or_404(self.model.objects.restrict(self.request.user, "view"), pk=pk)
        if not can(self.request.user, obj, "change"):
            raise PermissionDenied
        return obj

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        form_class = self.get_form_class()
        if issubclass(form_class, RestrictedFormMixin) or "user" in getattr(form_class, "accepts", ()):
            kwargs["user"] = self.request.user  # link fields offer only what the user may view
        return kwargs

    def get_initial(self):
        return {k: v for k, v in self.request.GET.items() if k in self.form_class.base_fields}

    def run(self, form):
        saver = type(self).save_action or save_form
        return saver(form, actor=self.request.user, action="change" if self.object else "add")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.object
        ctx["model_meta"] = self.model._meta
        return ctx


class ObjectDeleteView(LoginRequiredMixin, TemplateView):
    template_name = "core/object_delete.html"
    model = None
    success_url_name = None
    delete_action = None  # callable(obj, *, acting_user); default core.actions.delete_object

    def get_object(self):
        obj = get_object_or_404(self.model.objects.restrict(self.request.user, "view"), pk=self.kwargs["pk"])
        if not can(self.request.user, obj, "delete"):
            raise PermissionDenied
        return obj

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.get_object()
        ctx["model_meta"] = self.model._meta
        return ctx

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            (type(self).delete_action or delete_object)(obj, acting_user=request.user)
        except BLOCKING_ERRORS as exc:  # PROTECT/RESTRICT: name what depends on it, refuse with 409
            context = self.get_context_data(refusal=refusal_message(obj), dependents=describe(exc, request.user))
            return self.render_to_response(context, status=409)
        except ValidationError as exc:  # the action refused (e.g. a locked record)
            return self.render_to_response(self.get_context_data(refusal=" ".join(exc.messages)), status=409)
        messages.success(request, _("Deleted."))
        return redirect(self.success_url_name)
