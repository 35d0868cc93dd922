"""Generic suites: reads, exports, search and API/page writes per role."""

from tests.generic import RestrictedModelSuite

from .factories import ItemFactory, ProjectFactory


class TestProjectPermissions(RestrictedModelSuite):
    from yhdyspinta.transfers.models import TransferProject as model

    list_url = "/transfers/"
    api_list_url = "/api/v1/transfers/projects/"

    def make(self, world, org, visibility):
        return ProjectFactory(parties=[org, org.area], visibility=visibility)

    def marker(self, obj):
        return obj.title

    def api_payload(self, world, org):
        return {"title": "Pelastustoimen siirto", "transfer_date": "2023-01-01", "parties": [org.pk, org.area_id],
                "visibility": "internal"}

    def api_update(self, obj):
        return {"description": "Päivitetty kuvaus"}

    def search_text(self, obj):
        return obj.title


class TestItemPermissions(RestrictedModelSuite):
    from yhdyspinta.transfers.models import InventoryItem as model

    list_url = "/transfers/items/"
    api_list_url = "/api/v1/transfers/items/"

    def make(self, world, org, visibility):
        project = ProjectFactory(parties=[org, org.area], visibility="public")
        return ItemFactory(project=project, from_party=org, to_party=org.area, owner=org, visibility=visibility)

    def marker(self, obj):
        return obj.title

    def api_payload(self, world, org):
        project = ProjectFactory(parties=[org, org.area])
        return {"project": project.pk, "kind": "contract", "title": "Siivoussopimus", "from_party": org.pk,
                "to_party": org.area_id, "owner": org.pk, "visibility": "internal"}

    def api_update(self, obj):
        return {"status": "in_progress"}

    def search_text(self, obj):
        return obj.title


class TestTemplateLinePermissions(RestrictedModelSuite):
    from yhdyspinta.transfers.models import ChecklistTemplateItem as model

    list_url = "/transfers/checklists/"
    api_list_url = "/api/v1/transfers/checklists/"
    has_visibility = False

    def make(self, world, org, visibility):
        from yhdyspinta.transfers.models import ChecklistTemplateItem

        return ChecklistTemplateItem.objects.create(kind="contract", text=f"Irtisanomisaika tarkistettu {org.pk}",
                                                    owner=org)

    def detail_url(self, obj):
        return "/transfers/checklists/"

    def marker(self, obj):
        return obj.text

    def api_payload(self, world, org):
        return {"kind": "archive", "text": "Arkistonmuodostussuunnitelma saatu", "owner": org.pk}

    def api_update(self, obj):
        return {"order": 5}
