"""Walk 5 findings: progress over the whole inventory (#2), column and field labels (#5, #6, #7),
an unknown export format refused (#19)."""

import pytest
from django.utils import translation

from conftest import api_client_for, client_for
from yhdyspinta.transfers import queries

from .conftest import make_item

pytestmark = pytest.mark.django_db


def _t(lang, msgid, **values):
    with translation.override(lang):
        return translation.gettext(msgid) % values


@pytest.fixture
def hidden_open(world, project):
    """One public item done, one internal item of a1 still open (outsiders may not see it)."""
    make_item(project, world.county_a, world.a1, status="done", title="Julkinen sopimus")
    make_item(project, world.county_a, world.a1, status="open", visibility="internal", title="SALAINENKOHDE")
    return project


@pytest.mark.parametrize("who", ["anonymous", "other"])
def test_outsider_is_not_told_complete_while_a_hidden_item_is_open(world, hidden_open, who):
    user = getattr(world, who)
    page = client_for(user).get(hidden_open.get_absolute_url()).content.decode()
    assert "SALAINENKOHDE" not in page
    assert _t("fi", "%(done)s of %(total)s items done.", done=1, total=2) in page
    assert _t("fi", "Complete:") not in page
    progress = api_client_for(user).get(f"/api/v1/transfers/projects/{hidden_open.pk}/progress/").json()
    assert progress["complete"] is False
    assert (progress["all"]["done"], progress["all"]["total"]) == (1, 2)
    assert "SALAINENKOHDE" not in str(progress)
    assert not queries.is_complete(hidden_open)


def test_insider_sees_the_same_counts(world, hidden_open):
    progress = api_client_for(world.editor).get(f"/api/v1/transfers/projects/{hidden_open.pk}/progress/").json()
    assert (progress["all"]["done"], progress["all"]["total"], progress["complete"]) == (1, 2, False)


@pytest.mark.parametrize("lang,word", [("fi", "Kohde"), ("sv", "Post")])
def test_item_export_heads_the_title_column_as_an_item_not_a_question(world, project, lang, word):
    make_item(project, world.county_a, world.a1)
    prefix = "" if lang == "fi" else f"/{lang}"
    body = client_for(world.editor).get(f"{prefix}/transfers/items/", {"export": "csv", "metadata": "0"})
    header = body.content.decode("utf-8-sig").splitlines()[0]
    assert header.split(";")[0] == word
    assert "Kysymys" not in header and "Fråga" not in header


@pytest.mark.parametrize("lang,job_title", [("fi", "Tehtävänimike"), ("sv", "Titel")])
def test_record_title_is_not_called_a_job_title(world, project, lang, job_title):
    item = make_item(project, world.county_a, world.a1, kind="staff_group")
    prefix = "" if lang == "fi" else f"/{lang}"
    client = client_for(world.editor)
    for url in (project.get_absolute_url(), item.get_absolute_url()):
        page = client.get(prefix + url).content.decode()
        assert job_title not in page, url
    paper = client.get(f"{prefix}/transfers/{project.pk}/export/", {"kind": "staff_group", "metadata": "0"})
    assert job_title.lower() not in paper.content.decode("utf-8-sig").splitlines()[0].lower()
    with translation.override(lang):
        assert translation.pgettext("person", "title") == job_title.lower()


@pytest.mark.parametrize("lang,yes", [("fi", "Kyllä"), ("sv", "Ja"), ("en", "Yes")])
def test_illustrative_field_reads_yes_not_true(world, project, lang, yes):
    project.illustrative = True
    project.save()
    prefix = "" if lang == "fi" else f"/{lang}"
    page = client_for(None).get(prefix + project.get_absolute_url()).content.decode()
    assert "True" not in page
    assert f"<dd>{yes}</dd>" in page


def test_unknown_export_format_is_refused_not_answered_with_csv(world, project):
    make_item(project, world.county_a, world.a1)
    response = client_for(None).get(f"/transfers/{project.pk}/export/", {"kind": "contract", "format": "pdf"})
    assert response.status_code == 404
    ok = client_for(None).get(f"/transfers/{project.pk}/export/", {"kind": "contract", "format": "csv"})
    assert ok.status_code == 200 and ok["Content-Type"].startswith("text/csv")


def test_site_search_puts_the_exact_code_match_first(world, project):
    """Walk 5 #17: "TE24" found the transfer project only in the 15th group of loose matches."""
    project.title = "TE24: työllisyyspalvelut"
    project.save()
    world.a2.name = "Palvelute24 kunta"  # a loose hit in a group registered before transfers
    world.a2.save()
    groups = client_for(None).get("/search/", {"q": "TE24"}).context["groups"]
    assert len(groups) >= 2
    assert groups[0]["model"]._meta.label == "transfers.TransferProject"
    assert groups[0]["results"][0] == project
