from django.contrib import admin

from .models import AccessLog


class ReadOnlyAdminMixin:
    """A log or a record written only by its own page: the admin shows it, never adds, changes or
    deletes it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The read and disclosure log: searchable, never editable."""

    list_display = ("timestamp", "username", "action", "content_type", "object_ids", "remote_addr", "request_id")
    list_filter = ("action", "content_type")
    search_fields = ("username", "request_id", "object_ids", "detail", "remote_addr")
    date_hierarchy = "timestamp"


class AccessLoggedAdminMixin:
    """Reads in /admin/ go to the access log like reads anywhere else (tiedonhallintalaki § 17):
    a change page of an internal record, or of a public one whose internal fields it shows, and
    the internal records on a list page. Added to every RestrictedModel's admin by
    `log_admin_reads()` (CoreConfig.ready), so a new admin cannot forget it."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from .audit import internal_parts_shown, log_access

        response = super().change_view(request, object_id, form_url, extra_context)
        obj = (getattr(response, "context_data", None) or {}).get("original")
        if request.method == "GET" and obj is not None and getattr(response, "status_code", 200) == 200:
            if obj.is_internal:
                log_access(request, AccessLog.Action.READ, model=type(obj), objects=[obj],
                           detail=f"admin {request.path}")
            else:
                values = {name: getattr(obj, name, None) for name in obj.internal_field_names()}
                parts = internal_parts_shown(obj, values)
                if parts:
                    log_access(request, AccessLog.Action.READ, model=type(obj), objects=[obj],
                               detail=f"{', '.join(parts)}: admin {request.path}")
        return response

    def changelist_view(self, request, extra_context=None):
        from .audit import log_internal_reads

        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            log_internal_reads(request, self.model, list(changelist.result_list),
                               detail=f"admin {request.get_full_path()}"[:500])
        return response


def log_admin_reads(site=None):
    """Gives every registered admin of a RestrictedModel the AccessLoggedAdminMixin."""
    from .models import RestrictedModel

    site = site or admin.site
    for model, model_admin in site._registry.items():
        cls = type(model_admin)
        if issubclass(model, RestrictedModel) and not isinstance(model_admin, AccessLoggedAdminMixin):
            model_admin.__class__ = type(cls.__name__, (AccessLoggedAdminMixin, cls), {"__module__": cls.__module__})
