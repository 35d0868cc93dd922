"""Every `aria-describedby` names an element of the page, so a field's error and help text are read
with the field (WCAG 1.3.1, 3.3.1). Django names them `<id>_error` and `<id>_helptext`; the forms
written out by hand must use the same ids (a tester found `-errors` and `_help` that pointed nowhere)."""

import re

import pytest
from django.core.cache import caches

from conftest import client_for

pytestmark = pytest.mark.django_db

DESCRIBED_BY = re.compile(r'aria-describedby="([^"]+)"')


def dangling_references(html: str) -> list[str]:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    return [ref for refs in DESCRIBED_BY.findall(html) for ref in refs.split() if ref not in ids]


def test_the_feedback_forms_error_is_the_one_the_field_names(settings):
    settings.ACCESSIBILITY_FEEDBACK_PER_HOUR = 50
    caches["throttle"].clear()
    for prefix in ("", "/sv", "/en"):
        html = client_for(None).post(f"{prefix}/accessibility/", {"message": ""}).content.decode()
        assert 'aria-invalid="true"' in html and 'id="id_message_error"' in html
        assert 'class="errorlist"' in html  # styled and marked (⚠) like every other form's errors
        assert dangling_references(html) == []
    caches["throttle"].clear()


@pytest.mark.parametrize("url", ["/indicators/import/", "/facilities/leases/import/", "/facilities/schools/import/"])
def test_hand_written_forms_describe_their_fields_with_existing_elements(world, url):
    client = client_for(world.admin)
    page = client.get(url)
    assert page.status_code == 200
    assert dangling_references(page.content.decode()) == []
    refused = client.post(url, {})
    assert refused.status_code in (200, 400)
    html = refused.content.decode()
    assert "aria-describedby" in html
    assert dangling_references(html) == []
