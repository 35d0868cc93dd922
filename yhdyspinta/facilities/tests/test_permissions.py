"""The generic suite (tests/generic.py) for every facilities model with pages or API."""

from tests.factories import UnitFactory
from tests.generic import RestrictedModelSuite
from yhdyspinta.facilities.rules import prt_with_check

from .factories import (
    BuildingFactory,
    LeaseFactory,
    LeaseOptionFactory,
    PremiseFactory,
    SchoolFactory,
    SharedUseFactory,
    SupportServiceFactory,
    WelfareServiceFactory,
)


def _premise(org, visibility="public"):
    return PremiseFactory(building=BuildingFactory(owner=org, visibility=visibility), visibility=visibility)


class TestBuildingPermissions(RestrictedModelSuite):
    from yhdyspinta.facilities.models import Building as model

    list_url = "/facilities/buildings/"
    api_list_url = "/api/v1/facilities/buildings/"

    def make(self, world, org, visibility):
        return BuildingFactory(owner=org, visibility=visibility)

    def api_payload(self, world, org):
        return {"name": "Uusi koulu", "building_id": prt_with_check("123456789"), "municipality": org.pk,
                "owner": org.pk, "use": "school", "visibility": "internal"}

    def api_update(self, obj):
        return {"address": "Koulutie 2"}

    def search_text(self, obj):
        return obj.name

    def make_dependent(self, world, obj):
        return PremiseFactory(building=obj)


class TestPremisePermissions(RestrictedModelSuite):
    from yhdyspinta.facilities.models import Premise as model

    list_url = "/facilities/premises/"
    api_list_url = "/api/v1/facilities/premises/"

    def make(self, world, org, visibility):
        return _premise(org, visibility)

    def marker(self, obj):
        return obj.name

    def api_payload(self, world, org):
        return {"building": BuildingFactory(owner=org).pk, "name": "Kuraattorin huone", "area": "12.5",
                "use": "health", "visibility": "public"}

    def api_update(self, obj):
        return {"area": "14.0"}

    def make_dependent(self, world, obj):
        return LeaseFactory(premise=obj)


class TestLeasePermissions(RestrictedModelSuite):
    from yhdyspinta.facilities.models import Lease as model

    list_url = "/facilities/"
    api_list_url = "/api/v1/facilities/leases/"

    def make(self, world, org, visibility):
        return LeaseFactory(premise=_premise(org, visibility), tenant=org.area, visibility=visibility)

    def marker(self, obj):
        return obj.reference

    def api_payload(self, world, org):
        return {"premise": _premise(org).pk, "landlord": org.pk, "tenant": org.area_id, "starts_on": "2023-01-01",
                "ends_on": "2026-12-31", "notice_months": 6, "transitional": True, "rent_basis": "cost",
                "internal_capital_cost": "10000.00", "visibility": "public"}

    def api_update(self, obj):
        return {"index_clause": "Elinkustannusindeksi"}

    def search_text(self, obj):
        return obj.reference


class TestLeaseOptionPermissions(RestrictedModelSuite):
    from yhdyspinta.facilities.models import LeaseOption as model

    api_list_url = "/api/v1/facilities/options/"

    def make(self, world, org, visibility):
        lease = LeaseFactory(premise=_premise(org, visibility), tenant=org.area, visibility=visibility)
        return LeaseOptionFactory(lease=lease)

    def api_payload(self, world, org):
        lease = LeaseFactory(premise=_premise(org), tenant=org.area)
        return {"lease": lease.pk, "starts_on": "2026-01-01", "ends_on": "2026-12-31", "exercise_by": "2025-06-30",
                "statutory": True}

    def api_update(self, obj):
        return {"exercise_by": "2025-05-31"}

    def page_create_changes(self, world, org):
        return {"starts_on": "2027-01-01", "ends_on": "2027-12-31", "exercise_by": ""}


class TestSharedUsePermissions(RestrictedModelSuite):
    from yhdyspinta.facilities.models import SharedUse as model

    api_list_url = "/api/v1/facilities/shared-uses/"

    def make(self, world, org, visibility):
        return SharedUseFactory(premise=_premise(org, visibility), organisation=org)

    def api_payload(self, world, org):
        return {"premise": _premise(org).pk, "organisation": org.pk, "share_of_hours": "40.0",
                "share_of_area": "20.0"}

    def api_update(self, obj):
        return {"note": "Iltakäyttö"}


class TestSupportServicePermissions(RestrictedModelSuite):
    from yhdyspinta.facilities.models import SupportService as model

    list_url = "/facilities/support/"
    api_list_url = "/api/v1/facilities/support-services/"

    def make(self, world, org, visibility):
        return SupportServiceFactory(provider=org, recipient=org.area, visibility=visibility)

    def api_payload(self, world, org):
        return {"kind": "cleaning", "title": "Siivous", "provider": org.pk, "recipient": org.area_id,
                "volume": "1200", "volume_unit": "m²", "unit_price": "2.50", "visibility": "public"}

    def api_update(self, obj):
        return {"unit_price": "3.00"}

    def search_text(self, obj):
        return obj.title


class TestSchoolPermissions(RestrictedModelSuite):
    from yhdyspinta.facilities.models import School as model

    list_url = "/facilities/schools/"
    api_list_url = "/api/v1/facilities/schools/"

    def make(self, world, org, visibility):
        return SchoolFactory(unit=UnitFactory(organisation=org), visibility=visibility)

    def marker(self, obj):
        return obj.unit.name

    def api_payload(self, world, org):
        return {"unit": UnitFactory(organisation=org).pk, "municipality": org.pk, "level": "basic", "pupils": 250,
                "visibility": "public"}

    def api_update(self, obj):
        return {"pupils": 260}

    def page_create_changes(self, world, org):
        return {"unit": UnitFactory(organisation=org).pk}


class TestWelfareServicePermissions(RestrictedModelSuite):
    from yhdyspinta.facilities.models import WelfareService as model

    api_list_url = "/api/v1/facilities/welfare-services/"

    def make(self, world, org, visibility):
        school = SchoolFactory(unit=UnitFactory(organisation=org), visibility=visibility)
        return WelfareServiceFactory(school=school, provider=org.area)

    def api_payload(self, world, org):
        school = SchoolFactory(unit=UnitFactory(organisation=org))
        return {"school": school.pk, "kind": "psychologist", "provider": org.area_id, "days_per_week": "1.5"}

    def api_update(self, obj):
        return {"days_per_week": "2.5"}

    def page_create_changes(self, world, org):
        return {"school": SchoolFactory(unit=UnitFactory(organisation=org)).pk}
