"""The API documentation page (Swagger UI) has the page language, a heading and passes axe in
fi/sv/en once Swagger UI has drawn the operations (issue 16: it had no lang and failed contrast)."""

import pytest

from tests.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_api_docs_page_has_lang_and_passes_axe(live_server, browser_page):
    page = browser_page
    for lang in ("fi", "sv", "en"):  # the API has no language prefix: the saved choice decides
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
        page.goto(live_server.url + "/api/v1/docs/")
        page.wait_for_selector(".opblock-tag", timeout=20000)
        assert page.get_attribute("html", "lang") == lang
        assert page.locator("h1").count() >= 1
        assert page.get_attribute("#swagger-ui", "lang") == "en"  # the schema's texts are English
        assert_accessible(page, context=f"API docs ({lang})")
