from django.contrib import admin

from yhdyspinta.core.admin import ReadOnlyAdminMixin

from .models import (
    Building,
    ImportedRecord,
    Lease,
    LeaseImport,
    LeaseOption,
    Premise,
    SharedUse,
    SupportService,
)

admin.site.register(Building)
admin.site.register(Premise)
admin.site.register(Lease)
admin.site.register(LeaseOption)
admin.site.register(SharedUse)
admin.site.register(SupportService)


# The lease-list import's change log, read-only (docs/audit.md, "Bulk writes"): who imported what,
# and the values of each record it added.
@admin.register(LeaseImport)
class LeaseImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "file_name", "by", "buildings", "premises", "leases", "leases_changed", "options", "cid")
    search_fields = ("file_name", "by__username", "cid")
    list_select_related = ("by",)


@admin.register(ImportedRecord)
class ImportedRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "record_id", "run")
    list_filter = ("kind",)
    search_fields = ("=record_id",)
    list_select_related = ("run",)
