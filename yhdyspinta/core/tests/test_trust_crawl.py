"""The demo crawled as people click it: no internal text, no hidden person's name, no raw field
name, no server error — for an anonymous visitor, a user of another county and the demo county's
coordinator (whose crawl reaches the edit and history pages). The whole crawl with its figures is
`bench/trust/crawl_demo.py` (docs/reliability.md); this one is capped to keep CI short."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from tests.crawl import crawl
from yhdyspinta.accounts.models import User

ROLES = (None, "oulu-editori", "koordinaattori")


@pytest.mark.walk
@pytest.mark.django_db
def test_demo_crawl_finds_no_leak_no_raw_field_name_and_no_server_error(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("load_demo", stdout=io.StringIO())
    report = []
    for username in ROLES:
        user = User.objects.get(username=username) if username else None
        client = Client(raise_request_exception=False)
        if user:
            client.force_login(user)
        result = crawl(client, user, max_pages=450, per_route=6)
        assert result.pages > 150, (username, result.pages)
        report += [f"{username}: leak {what} at {url}" for url, what in result.leaks]
        report += [f"{username}: raw field name {name} at {url}" for url, name in result.raw_field_names]
        report += [f"{username}: {status} at {url}" for url, status in result.server_errors]
    assert not report, "\n".join(report[:60])
