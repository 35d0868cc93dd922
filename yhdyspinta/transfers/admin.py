from django.contrib import admin

from .models import ChecklistTemplateItem, InventoryItem, TransferProject


@admin.register(TransferProject)
class TransferProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "transfer_date", "area", "visibility")


@admin.register(InventoryItem)
class InventoryItemAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "kind", "decision", "status", "due_date")
    list_filter = ("kind", "status")


@admin.register(ChecklistTemplateItem)
class ChecklistTemplateItemAdmin(admin.ModelAdmin):
    list_display = ("kind", "order", "text", "owner")
