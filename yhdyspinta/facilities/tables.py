"""List tables; no internal_* column (prices stay on the detail page for those who may see them)."""
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.tables import VisibleRecordColumn

from .models import Building, Lease, Premise, School, SupportService


class BuildingTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    municipality = VisibleRecordColumn()
    owner = VisibleRecordColumn()

    class Meta:
        model = Building
        fields = ("name", "building_id", "address", "municipality", "owner", "floor_area", "use", "visibility")
        caption = _("Buildings")


class PremiseTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    building = VisibleRecordColumn()
    user_organisation = VisibleRecordColumn()

    class Meta:
        model = Premise
        fields = ("name", "building", "area", "use", "user_organisation", "visibility")
        caption = _("Premises")


class LeaseTable(tables.Table):
    premise = VisibleRecordColumn()
    reference = tables.Column(linkify=True, verbose_name=_("Lease"), empty_values=(), order_by=("reference", "pk"))
    landlord = VisibleRecordColumn()
    tenant = VisibleRecordColumn()
    starts_on = tables.DateColumn(verbose_name=_("Term starts"))
    ends_on = tables.DateColumn(verbose_name=_("Term ends"))
    notice_deadline = tables.DateColumn(verbose_name=_("Last notice day"), orderable=False)

    class Meta:
        model = Lease
        fields = ("reference", "premise", "landlord", "tenant", "starts_on", "ends_on", "notice_months",
                  "notice_deadline", "transitional", "rent_basis", "visibility")
        caption = _("Leases")

    def render_reference(self, record):
        return record.reference or _("Lease %(number)s") % {"number": record.pk}


class SupportServiceTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    provider = VisibleRecordColumn()
    recipient = VisibleRecordColumn()

    class Meta:
        model = SupportService
        fields = ("title", "kind", "provider", "recipient", "volume", "volume_unit", "unit_price", "annual_value",
                  "starts_on", "ends_on", "visibility")
        caption = _("Support services")


class SchoolTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("School"), accessor="unit__name", order_by=("unit__name", "pk"))
    municipality = VisibleRecordColumn()
    pupils_counted_on = tables.DateColumn(verbose_name=_("Pupils counted on"))

    class Meta:
        model = School
        fields = ("name", "school_code", "municipality", "level", "pupils", "pupils_counted_on", "visibility")
        caption = _("Schools")
