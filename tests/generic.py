"""Generic CRUD and permission suites (as NetBox's utilities/testing): one subclass per model.

A subclass sets:
    model                 the RestrictedModel
    make(world, org, visibility) -> record   owned by `org` (a1 or b1 in the `world` fixture)
    list_url, detail_url(obj)                page URLs (None to skip pages)
    api_list_url, api_detail_url(obj)        API URLs (None to skip the API)
    api_payload(world, org) -> dict          a valid create payload owned by `org`
    api_update(obj) -> dict                  a valid PATCH body
    search_text(obj) -> str | None           a query that finds `obj` in the site search
    has_visibility                           False for always-public models

and gets tests for: anonymous, member of another organisation, own viewer, own editor,
county coordinator, national reader and admin; public and internal records; pages, API,
CSV export and search; and the audit entries of an internal read and an export.
"""

import pytest

from conftest import api_client_for, client_for
from yhdyspinta.core.models import AccessLog

READERS_OF_INTERNAL = ("viewer", "editor", "org_admin", "coordinator", "national", "admin")
OUTSIDERS = ("anonymous", "other")
WRITERS = ("editor", "org_admin", "coordinator", "admin")
NON_WRITERS = ("viewer", "other", "national")


class RestrictedModelSuite:
    model = None
    list_url: str | None = None
    api_list_url: str | None = None
    has_visibility = True

    def make(self, world, org, visibility):
        raise NotImplementedError

    def detail_url(self, obj):
        return obj.get_absolute_url()

    def api_detail_url(self, obj):
        return f"{self.api_list_url}{obj.pk}/"

    def api_payload(self, world, org):
        return None

    def api_update(self, obj):
        return None

    def search_text(self, obj):
        return None

    def marker(self, obj):
        """Text that shows the record is on a page (its str by default)."""
        return str(obj)

    # ---- reading ------------------------------------------------------------------------
    @pytest.mark.parametrize("who", OUTSIDERS)
    def test_outsider_never_sees_internal(self, world, who):
        if not self.has_visibility:
            pytest.skip("always public")
        internal = self.make(world, world.a1, "internal")
        public = self.make(world, world.a1, "public")
        user = getattr(world, who)
        client, api = client_for(user), api_client_for(user)
        if self.list_url:
            page = client.get(self.list_url).content.decode()
            assert self.marker(public) in page
            assert self.marker(internal) not in page
            assert client.get(self.detail_url(internal)).status_code in (403, 404)
            assert client.get(self.detail_url(public)).status_code == 200
            export = client.get(self.list_url, {"export": "csv"}).content.decode("utf-8-sig")
            assert self.marker(internal) not in export
            assert self.marker(public) in export
        if self.api_list_url:
            body = api.get(self.api_list_url, {"limit": 1000}).json()
            ids = {row["id"] for row in body["results"]}
            assert public.pk in ids and internal.pk not in ids
            assert api.get(self.api_detail_url(internal)).status_code in (403, 404)
        text = self.search_text(internal)
        if text:
            page = client.get("/search/", {"q": text}).content.decode()
            assert f'href="{self.detail_url(internal)}"' not in page

    @pytest.mark.parametrize("who", READERS_OF_INTERNAL)
    def test_insiders_read_internal_and_the_read_is_logged(self, world, who):
        internal = self.make(world, world.a1, "internal" if self.has_visibility else "public")
        user = getattr(world, who)
        client, api = client_for(user), api_client_for(user)
        if self.list_url:
            assert self.marker(internal) in client.get(self.list_url).content.decode()
            before = AccessLog.objects.filter(action="read", user=user).count()
            assert client.get(self.detail_url(internal)).status_code == 200
            if self.has_visibility:
                assert AccessLog.objects.filter(action="read", user=user).count() > before
        if self.api_list_url:
            assert api.get(self.api_detail_url(internal)).status_code == 200

    def test_export_is_logged(self, world):
        if not self.list_url:
            pytest.skip("no pages")
        self.make(world, world.a1, "internal" if self.has_visibility else "public")
        client = client_for(world.viewer)
        response = client.get(self.list_url, {"export": "csv"})
        assert response.status_code == 200
        assert AccessLog.objects.filter(action="export", user=world.viewer).exists()
        assert client.get(self.list_url, {"export": "xlsx"}).status_code == 200

    # ---- writing through the API -----------------------------------------------------
    @pytest.mark.parametrize("who", WRITERS)
    def test_writers_create_update_delete(self, world, who):
        payload = self.api_payload(world, world.a1)
        if payload is None:
            pytest.skip("no API writes")
        api = api_client_for(getattr(world, who))
        created = api.post(self.api_list_url, payload, format="json")
        assert created.status_code == 201, created.content
        obj = self.model.objects.get(pk=created.json()["id"])
        update = self.api_update(obj)
        if update:
            response = api.patch(self.api_detail_url(obj), update, format="json")
            assert response.status_code == 200, response.content
        assert api.delete(self.api_detail_url(obj)).status_code == 204
        assert not self.model.objects.filter(pk=obj.pk).exists()

    @pytest.mark.parametrize("who", NON_WRITERS + ("anonymous",))
    def test_non_writers_cannot_write(self, world, who):
        payload = self.api_payload(world, world.a1)
        if payload is None:
            pytest.skip("no API writes")
        api = api_client_for(getattr(world, who))
        count = self.model.objects.count()
        assert api.post(self.api_list_url, payload, format="json").status_code in (401, 403)
        assert self.model.objects.count() == count
        obj = self.make(world, world.a1, "public")
        update = self.api_update(obj) or {}
        assert api.patch(self.api_detail_url(obj), update, format="json").status_code in (401, 403, 404)
        assert api.delete(self.api_detail_url(obj)).status_code in (401, 403, 404)
        assert self.model.objects.filter(pk=obj.pk).exists()

    def test_change_is_audited_with_actor_and_request_id(self, world):
        from auditlog.models import LogEntry
        from django.contrib.contenttypes.models import ContentType

        obj = self.make(world, world.a1, "public")
        update = self.api_update(obj)
        if not update:
            pytest.skip("no API update")
        api = api_client_for(world.editor)
        response = api.patch(self.api_detail_url(obj), update, format="json", HTTP_X_REQUEST_ID="req-abcdef123")
        assert response.status_code == 200, response.content
        entry = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_pk=str(obj.pk)
        ).latest("timestamp")
        assert entry.actor == world.editor
        assert entry.cid == "req-abcdef123"

    def test_bad_api_input_is_400_not_500(self, world):
        if self.api_payload(world, world.a1) is None:
            pytest.skip("no API writes")
        api = api_client_for(world.admin)
        response = api.post(self.api_list_url, {"nonsense": "x" * 5000}, format="json")
        assert response.status_code == 400
        assert isinstance(response.json(), dict)
