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
    page_create_changes(world, org) -> dict  fields to change when an edit form is posted to the add
                                             page (None: the add page takes another form)
    make_dependent(world, obj)               a record that keeps obj from being deleted (or None)

and gets tests for: anonymous, member of another organisation, own viewer, own editor,
county coordinator, national reader and admin; public and internal records; pages, API,
CSV export and search; and the audit entries of an internal read and an export.

The page writes are data-driven like the API part: the generic add, edit and delete views of
the model are found in the URLconf (`page_patterns`); the editor GETs each page (200), posts the
edit page's own form back (redirect, saved), posts it to the add page (redirect, one more record)
and deletes (redirect and gone, or 409 naming the dependents: never a 500); viewer, outsider,
national reader and anonymous are refused (403/404, or the sign-in page) and nothing changes.
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

    # ---- writing through the pages -----------------------------------------------------
    # The add/edit/delete pages are found from the pages themselves: the list view's
    # `add_url_name` and the detail view's `edit_url_name`/`delete_url_name`. The form posted is
    # the page's own form as a browser would send it (PageForm): the edit page's values posted back
    # to the edit page, and to the add page with `page_create_changes` applied.
    page_writer = "editor"

    def page_create_changes(self, world, org) -> dict | None:
        """Fields to change when the edit form of a record is posted to the add page (unique
        names, …); None: the add page takes another form (an import) and is tested elsewhere."""
        return {}

    def page_urls(self, world, obj) -> dict:
        """{"add", "edit", "delete"}: the generic add/edit/delete pages of `self.model` in the URLconf."""
        return {kind: url.replace("<int:pk>", str(obj.pk)) for kind, url in page_patterns(self.model).items()}

    def test_pages_create_edit_delete(self, world):
        writer = getattr(world, self.page_writer)
        client = client_for(writer)
        obj = self.make(world, world.a1, "public")
        urls = self.page_urls(world, obj)
        if not urls:
            pytest.skip("no add, edit or delete page")
        data = None
        if "edit" in urls:
            page = client.get(urls["edit"])
            assert page.status_code == 200, urls["edit"]
            data = PageForm.of(page)
            response = client.post(urls["edit"], data)
            assert response.status_code == 302, (urls["edit"], form_errors(response))
            assert self.model.objects.filter(pk=obj.pk).exists()
        changes = self.page_create_changes(world, world.a1)
        if "add" in urls and data is not None and changes is not None:
            assert client.get(urls["add"]).status_code == 200, urls["add"]
            count = self.model.objects.count()
            response = client.post(urls["add"], {**data, **changes})
            assert response.status_code == 302, (urls["add"], form_errors(response))
            assert self.model.objects.count() == count + 1
        if "delete" in urls:
            assert client.get(urls["delete"]).status_code == 200, urls["delete"]
            response = client.post(urls["delete"])
            if response.status_code == 409:  # PROTECT/RESTRICT: the page names what depends on it
                assert response.context["dependents"]["visible"] or response.context["dependents"]["hidden"]
            else:
                assert response.status_code == 302, urls["delete"]
                assert not self.model.objects.filter(pk=obj.pk).exists()

    def make_dependent(self, world, obj):
        """A record that keeps `obj` from being deleted (on_delete PROTECT/RESTRICT), or None."""
        return

    def test_page_delete_of_a_record_others_depend_on_is_409_listing_them(self, world):
        obj = self.make(world, world.a1, "public")
        url = self.page_urls(world, obj).get("delete")
        dependent = self.make_dependent(world, obj) if url else None
        if dependent is None:
            pytest.skip("no delete page or no protected dependent")
        response = client_for(getattr(world, self.page_writer)).post(url)
        assert response.status_code == 409
        assert self.model.objects.filter(pk=obj.pk).exists()
        dependents = response.context["dependents"]
        assert dependents["visible"] or dependents["hidden"]

    @pytest.mark.parametrize("who", NON_WRITERS + ("anonymous",))
    def test_pages_refuse_non_writers(self, world, who):
        obj = self.make(world, world.a1, "public")
        urls = self.page_urls(world, obj)
        if not urls:
            pytest.skip("no add, edit or delete page")
        data = None
        if "edit" in urls:
            data = PageForm.of(client_for(getattr(world, self.page_writer)).get(urls["edit"]))
        client = client_for(getattr(world, who))
        refused = (302,) if who == "anonymous" else (403, 404)  # anonymous: to the sign-in page
        before = self.model.objects.filter(pk=obj.pk).values().get()
        for kind in ("edit", "delete"):
            if kind in urls:
                assert client.get(urls[kind]).status_code in refused, urls[kind]
                assert client.post(urls[kind], data or {}).status_code in refused, urls[kind]
        assert self.model.objects.filter(pk=obj.pk).values().get() == before  # unchanged, not deleted
        changes = self.page_create_changes(world, world.a1)
        if "add" in urls and data is not None and changes is not None:
            count = self.model.objects.count()
            response = client.post(urls["add"], {**data, **changes})
            assert response.status_code in (*refused, 200), urls["add"]  # 200: the form says why
            assert self.model.objects.count() == count


def page_patterns(model) -> dict:
    """The URL patterns of the generic add (no pk), edit and delete views of `model`."""
    from django.urls import get_resolver

    from yhdyspinta.core.views.generic import ObjectDeleteView, ObjectEditView

    found = {}

    def walk(patterns, prefix):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            view = getattr(pattern.callback, "view_class", None)
            if view is None or getattr(view, "model", None) is not model:
                continue
            route = prefix + str(pattern.pattern)
            if route.replace("<int:pk>", "").count("<"):
                continue  # another URL parameter (a parent's id): tested with that parent
            if issubclass(view, ObjectDeleteView):
                found["delete"] = "/" + route
            elif issubclass(view, ObjectEditView):
                found["edit" if "<int:pk>" in route else "add"] = "/" + route

    walk(get_resolver().url_patterns, "")
    return found


def form_errors(response):
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return (response.status_code, form.errors if form is not None else response.content[:2000])


class PageForm:
    """The fields a browser submits from the page's main POST form (the one with the most fields):
    inputs (checked boxes only; no files, no buttons), selected options, textareas."""

    @classmethod
    def of(cls, response) -> dict:  # noqa: C901 - an HTML form parser: one branch per element kind
        from html.parser import HTMLParser

        forms = []

        class Parser(HTMLParser):
            form = select = textarea = None

            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag == "form" and (a.get("method") or "get").lower() == "post":
                    self.form = {"fields": [], "options": {}}
                    forms.append(self.form)
                if self.form is None or not a.get("name") and tag != "option":
                    return
                if tag == "input":
                    kind = (a.get("type") or "text").lower()
                    if kind in ("submit", "button", "reset", "file", "image"):
                        return
                    if kind in ("checkbox", "radio") and "checked" not in a:
                        return
                    self.form["fields"].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
                elif tag == "select":
                    self.select = (a["name"], "multiple" in a)
                    self.form["options"][a["name"]] = []
                elif tag == "option" and self.select:
                    self.form["options"][self.select[0]].append((a.get("value", ""), "selected" in a))
                elif tag == "textarea":
                    self.textarea = [a["name"], ""]

            def handle_data(self, data):
                if self.textarea is not None:
                    self.textarea[1] += data

            def handle_endtag(self, tag):
                if tag == "form":
                    self.form = None
                elif tag == "select" and self.select:
                    name, multiple = self.select
                    options = self.form["options"].pop(name)
                    chosen = [v for v, selected in options if selected] or ([] if multiple else [v for v, _s in options[:1]])
                    self.form["fields"] += [(name, v) for v in chosen]
                    self.select = None
                elif tag == "textarea" and self.textarea is not None:
                    name, text = self.textarea
                    self.form["fields"].append((name, text.removeprefix("\n")))
                    self.textarea = None

        parser = Parser()
        parser.feed(response.content.decode())
        main = max(forms, key=lambda f: len(f["fields"]))
        data: dict = {}
        for name, value in main["fields"]:
            data.setdefault(name, []).append(value)
        return {k: v if len(v) > 1 else v[0] for k, v in data.items()}
