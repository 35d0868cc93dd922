from django.contrib import admin

from .models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """The read and disclosure log: searchable, never editable."""

    list_display = ("timestamp", "username", "action", "content_type", "object_ids", "request_id")
    list_filter = ("action", "content_type")
    search_fields = ("username", "request_id", "object_ids", "detail")
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
