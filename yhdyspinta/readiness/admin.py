"""The change log of bulk status writes, read-only (docs/audit.md, "Bulk writes"): who imported
or saved what, and each report's old and new values."""

from django.contrib import admin

from yhdyspinta.core.admin import ReadOnlyAdminMixin

from .models import ReportBatch, ReportChange


@admin.register(ReportBatch)
class ReportBatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "kind", "period", "file_name", "by", "created", "updated", "unchanged", "cid")
    list_filter = ("kind",)
    search_fields = ("file_name", "by__username", "cid")
    list_select_related = ("period", "by")


@admin.register(ReportChange)
class ReportChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("report_id", "action", "old_status", "status", "batch")
    list_filter = ("action",)
    search_fields = ("=report_id",)
    list_select_related = ("batch",)
