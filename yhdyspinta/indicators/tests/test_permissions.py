"""Generic permission suites: drafts and internal goals stay inside; statistics are public."""

from conftest import api_client_for, client_for
from tests.generic import RestrictedModelSuite

from .factories import (
    CompositeFactory,
    IndicatorFactory,
    IndicatorSetFactory,
    MeasureFactory,
    SharedGoalFactory,
    WelfareReportFactory,
)


class TestSharedGoalPermissions(RestrictedModelSuite):
    from yhdyspinta.indicators.models import SharedGoal as model

    list_url = "/indicators/goals/"
    api_list_url = "/api/v1/indicators/goals/"

    def make(self, world, org, visibility):
        return SharedGoalFactory(organisation=org, visibility=visibility)

    def api_payload(self, world, org):
        return {"organisation": org.pk, "title_fi": "Nuorten yksinäisyys vähenee", "visibility": "internal"}

    def api_update(self, obj):
        return {"title_sv": "Ungas ensamhet minskar"}

    def search_text(self, obj):
        return obj.title


class TestWelfareReportPermissions(RestrictedModelSuite):
    """Drafts are internal, approved reports public: the status decides the visibility."""

    from yhdyspinta.indicators.models import WelfareReport as model

    list_url = "/indicators/reports/"
    api_list_url = "/api/v1/indicators/reports/"

    def make(self, world, org, visibility):
        return WelfareReportFactory(organisation=org, status="approved" if visibility == "public" else "draft")

    def api_payload(self, world, org):
        return {"organisation": org.pk, "title_fi": "Hyvinvointikertomus 2025", "year": 2025, "kind": "yearly",
                "status": "draft"}

    def page_create_changes(self, world, org):
        return {"status": "draft"}  # an editor starts a draft; only admins approve

    def api_update(self, obj):
        return {"title_sv": "Välfärdsberättelse"}

    def search_text(self, obj):
        return obj.title


class TestMeasurePermissions(RestrictedModelSuite):
    """Measures follow their goal's visibility and organisation."""

    from yhdyspinta.indicators.models import Measure as model

    list_url = "/indicators/measures/"
    api_list_url = "/api/v1/indicators/measures/"

    def make(self, world, org, visibility):
        return MeasureFactory(goal=SharedGoalFactory(organisation=org, visibility=visibility))

    def api_payload(self, world, org):
        # a public goal: an internal one is a hidden id to an outsider, refused as 400 like a missing
        # id before the write right is checked (core/tests/test_visibility_names_links.py)
        goal = SharedGoalFactory(organisation=org, visibility="public")
        return {"goal": goal.pk, "title_fi": "Harrastamisen Suomen malli", "status": "planned"}

    def api_update(self, obj):
        return {"status": "done"}


class TestCompositePermissions(RestrictedModelSuite):
    from yhdyspinta.indicators.models import Composite as model

    list_url = "/indicators/composites/"
    api_list_url = "/api/v1/indicators/composites/"

    def make(self, world, org, visibility):
        return CompositeFactory(organisation=org, visibility=visibility)

    def api_payload(self, world, org):
        return {"organisation": org.pk, "name_fi": "Hyte-kerroinindeksi", "level": "municipality"}

    def api_update(self, obj):
        return {"name_en": "Hyte index"}


class TestIndicatorSetPermissions(RestrictedModelSuite):
    from yhdyspinta.indicators.models import IndicatorSet as model

    list_url = "/indicators/sets/"
    api_list_url = "/api/v1/indicators/sets/"
    has_visibility = False

    def make(self, world, org, visibility):
        return IndicatorSetFactory(organisation=org)

    def api_payload(self, world, org):
        return {"organisation": org.pk, "name_fi": "THL:n vähimmäistietosisältö", "followed": False}

    def api_update(self, obj):
        return {"name_sv": "THL:s minimiinnehåll"}


class TestIndicatorPermissions(RestrictedModelSuite):
    """Public statistics: everyone reads, nobody writes through the API."""

    from yhdyspinta.indicators.models import Indicator as model

    list_url = "/indicators/"
    api_list_url = "/api/v1/indicators/indicators/"
    has_visibility = False

    def make(self, world, org, visibility):
        return IndicatorFactory()

    def marker(self, obj):
        return obj.title


def test_draft_report_pdf_and_sections_stay_internal(world):
    from yhdyspinta.indicators.models import ReportSection

    draft = WelfareReportFactory(organisation=world.a1, status="draft")
    section = ReportSection.objects.create(report=draft, theme="children", analysis="Salainen luonnosteksti")
    assert draft.visibility == "internal"
    for who in ("anonymous", "other"):
        client = client_for(getattr(world, who))
        assert client.get(f"/indicators/reports/{draft.pk}/pdf/").status_code == 404
        assert client.get(f"/indicators/reports/sections/{section.pk}/edit/").status_code in (302, 404)
    assert api_client_for(world.other).get(f"/api/v1/indicators/reports/{draft.pk}/").status_code == 404
    draft.status = "approved"
    draft.save(update_fields=["status"])
    draft.refresh_from_db()
    assert draft.visibility == "public"
    assert client_for(None).get(f"/indicators/reports/{draft.pk}/").status_code == 200


def test_statistics_are_read_only_in_the_api(world):
    api = api_client_for(world.admin)
    assert api.post("/api/v1/indicators/indicators/", {"source_id": "1"}, format="json").status_code == 405
    assert api.post("/api/v1/indicators/values/", {"year": 2020}, format="json").status_code == 405
