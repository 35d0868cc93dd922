"""The finder's result count is announced on a full page load (issue 16, WCAG 4.1.3): it leads
the page title, which screen readers read when the page opens, and stays in a status region."""

import re

from .test_finder import make


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1).strip()


def test_result_count_leads_the_title_in_each_language(world, as_user):
    make(world)
    client = as_user(None)
    page = client.get("/catalogue/finder/", {"municipality": world.a1.pk, "q": "neuvolaan"}).content.decode()
    assert _title(page).startswith("1 ")
    assert 'role="status" id="finder-count"' in page
    assert _title(client.get("/catalogue/finder/").content.decode()) == "Palveluhaku – Yhdyspinta"
    page = client.get("/sv/catalogue/finder/", {"municipality": world.a1.pk, "q": "zzqxy"}).content.decode()
    assert _title(page).startswith("0 tjänster hittades.")
