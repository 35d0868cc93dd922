from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import search


class TransfersConfig(AppConfig):
    """Siirtohankkeet: transfer projects of tasks between organisations and their inventories."""

    name = "yhdyspinta.transfers"
    label = "transfers"
    verbose_name = _("Transfers")
    default_auto_field = "django.db.models.BigAutoField"
    nav_group = "studies"  # the menu's group (core/navigation.py)
    nav = [("transfers:project_list", _("Transfers"))]

    def ready(self):
        search.register("transfers.TransferProject", ("title", "description"))
        search.register("transfers.InventoryItem", ("title",))
