"""Personal single-use links and the respondent's form, page by page."""

import re

import pytest

from conftest import client_for

from ..models import Answer, Respondent, hash_token
from .factories import StudyFactory


@pytest.fixture
def study(world):
    return StudyFactory(owner=world.a1, visibility="internal", status="draft")


def issue(world, study, n=3):
    response = client_for(world.editor).post(f"/integration/{study.pk}/links/", {"count": n})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return re.findall(r"/integration/answer/([\w-]+)/", response.content.decode("utf-8-sig"))


def test_links_are_issued_once_and_only_hashes_stored(world, study):
    tokens = issue(world, study)
    assert len(tokens) == 3 and len(set(tokens)) == 3
    study.refresh_from_db()
    assert study.invited == 3
    stored = set(Respondent.objects.filter(study=study).values_list("token_hash", flat=True))
    assert stored == {hash_token(t) for t in tokens}
    assert not any(t in stored for t in tokens)


def test_viewer_cannot_issue_links(world, study):
    assert client_for(world.viewer).post(f"/integration/{study.pk}/links/", {"count": 2}).status_code == 403
    assert not Respondent.objects.filter(study=study).exists()


def test_answering_page_by_page_and_single_use(world, study):
    token = issue(world, study, 1)[0]
    url = f"/integration/answer/{token}/"
    client = client_for(None)
    assert client.get(url).status_code == 403  # draft study: not open
    study.refresh_from_db()
    study.status = "open"
    study.save()
    page = client.get(url).content.decode()
    assert "<legend>" in page and 'type="radio"' in page
    group = study.parties.get(code="2.1")
    # missing task group: error, nothing saved
    assert client.post(url + "?page=0", {"municipality": "Tampere"}).status_code == 400
    response = client.post(url + "?page=0", {"group": group.pk, "municipality": "Tampere", "size_group": "large"})
    assert response.status_code == 302 and response.url.endswith("?page=1")
    respondent = Respondent.objects.get(study=study)
    assert respondent.group == group and respondent.progress == 1
    page = client.get(response.url).content.decode()
    first = study.parties.get(code="2.2")
    assert f"p{first.pk}_need" in page and f"p{group.pk}_need" not in page  # own group not asked
    data = {f"p{first.pk}_frequency": "3", f"p{first.pk}_mutuality": "", f"p{first.pk}_need": "4"}
    response = client.post(response.url, data)
    assert response.status_code == 302
    answer = Answer.objects.get(respondent=respondent, party=first)
    assert (answer.frequency, answer.mutuality, answer.need) == (3, None, 4)
    # progress is saved: coming back with the same link continues at page 2 and keeps page 1
    assert "?page=2" in response.url
    page1 = client.get(url + "?page=1").content.decode()
    assert re.search(rf'name="p{first.pk}_frequency" value="3"[^>]*checked', page1)
    # out-of-range ratings are refused
    assert client.post(url + "?page=1", {f"p{first.pk}_need": "9"}).status_code == 400
    pages = 1 + -(-20 // 5)
    for page_no in range(2, pages):
        assert client.post(f"{url}?page={page_no}", {}).status_code == 302
    response = client.post(f"{url}?page={pages}", {})
    assert response.status_code == 200
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None
    # the link cannot be reused
    assert client.get(url).status_code == 410
    assert client.post(url + "?page=1", data).status_code == 410
    detail = client_for(world.editor).get(f"/integration/{study.pk}/").content.decode()
    assert re.search(r"<dd>1</dd>", detail) and "100,0 %" in detail, detail[detail.find("<dl"):detail.find("</dl>")]


def test_unknown_link_is_404(db):
    assert client_for(None).get("/integration/answer/not-a-real-token/").status_code == 404


def test_the_respondent_form_has_its_own_layout_and_a_steady_page_counter(world, study):
    from django.utils import translation

    token = issue(world, study, 1)[0]
    study.status = "open"
    study.save()
    url = f"/integration/answer/{token}/"
    client = client_for(None)
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    total = 1 + -(-(study.parties.count() - 1) // 5) + 1  # background, rating pages, send
    with translation.override("en"):
        assert f"Page 1 of {total}" in first
        assert 'class="main-nav"' not in first and "Log in" not in first  # no site menu for respondents
    group = study.parties.get(code="2.1")
    response = client.post(url + "?page=0", {"group": group.pk, "municipality": "Tampere"})
    second = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Page 2 of {total}" in second
