import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import ChecklistTemplateItem, InventoryItem, TransferProject


class ProjectTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Transfer project"))
    parties = tables.Column(verbose_name=_("Parties"), orderable=False, empty_values=())

    class Meta:
        model = TransferProject
        fields = ("title", "transfer_date", "area", "parties", "visibility")
        caption = _("Transfer projects")

    def render_parties(self, record):
        return ", ".join(str(p) for p in record.parties.all())


class ItemTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Item"))

    class Meta:
        model = InventoryItem
        fields = ("title", "project", "kind", "from_party", "to_party", "decision", "owner", "due_date", "status",
                  "quantity")
        caption = _("Inventory items")


class TemplateLineTable(tables.Table):
    text = tables.Column(linkify=True, verbose_name=_("Check"))

    class Meta:
        model = ChecklistTemplateItem
        fields = ("kind", "order", "text", "owner")
        caption = _("Due-diligence checklists per kind")
