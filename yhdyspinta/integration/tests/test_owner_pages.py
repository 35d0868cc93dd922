"""The owner's pages: create a study, edit parties and scales, merge, boundary options."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for

from .. import analysis
from ..models import Answer, Respondent, Study
from .factories import StudyFactory
from .helpers import long_csv


def test_create_study_with_default_questionnaire(world):
    client = client_for(world.editor)
    response = client.post("/integration/add/", {
        "title_fi": "Alfalan selvitys", "owner": world.a1.pk, "visibility": "internal", "status": "draft",
        "invited": 0, "flag_above": 140, "baseline": 100, "resolution": 1.0, "seed": 1,
        "names": "2.1 = Hoito ja hoiva / Vård och omsorg / Treatment and care"})
    assert response.status_code == 302, response.content.decode()[-1500:]
    study = Study.objects.get(title_fi="Alfalan selvitys")
    assert study.parties.count() == 21 and study.scales.count() == 3
    assert study.cluster_names == {"2.1": {"fi": "Hoito ja hoiva", "sv": "Vård och omsorg", "en": "Treatment and care"}}
    edit = client.get(f"/integration/{study.pk}/edit/").content.decode()
    assert "2.1 = Hoito ja hoiva / Vård och omsorg / Treatment and care" in edit
    page = client.get(study.get_absolute_url()).content.decode()
    assert "2.21" in page and "Valtakunnalliset järjestöt" in page


def test_bad_cluster_names_are_refused(world):
    from conftest import api_client_for

    study = StudyFactory(owner=world.a1)
    response = api_client_for(world.editor).patch(f"/api/v1/integration/studies/{study.pk}/",
                                                  {"cluster_names": ["x"]}, format="json")
    assert response.status_code == 400
    response = client_for(world.editor).post(f"/integration/{study.pk}/edit/", {
        "title_fi": "X", "owner": world.a1.pk, "visibility": "internal", "status": "draft", "invited": 0,
        "flag_above": 140, "baseline": 100, "resolution": 1.0, "seed": 1, "names": "ilman yhtäsuuruusmerkkiä"})
    assert response.status_code == 200


def test_other_org_editor_cannot_create_for_a1(world):
    response = client_for(world.other).post("/integration/add/", {
        "title_fi": "X", "owner": world.a1.pk, "visibility": "internal", "status": "draft", "invited": 0,
        "flag_above": 140, "baseline": 100, "resolution": 1.0, "seed": 1})
    assert response.status_code == 200 and not Study.objects.filter(title_fi="X").exists()
    from ..forms import StudyForm

    owners = StudyForm(user=world.other).fields["owner"].queryset
    assert world.b1 in owners and world.a1 not in owners


def test_split_translate_and_merge_parties(world):
    study = StudyFactory(owner=world.a1)
    client = client_for(world.editor)
    response = client.post(f"/integration/{study.pk}/parties/add/", {
        "code": "2.3b", "label_fi": "Asumispalvelut kuntoutujille", "label_sv": "Boendetjänster",
        "label_en": "Housing services for rehabilitees", "organiser": "county", "fixed_by_law": "on",
        "is_group": "on", "order": 4})
    assert response.status_code == 302
    party = study.parties.get(code="2.3b")
    assert party.label_sv == "Boendetjänster"
    # a duplicate code is refused
    response = client.post(f"/integration/{study.pk}/parties/add/", {
        "code": "2.3b", "label_fi": "X", "organiser": "county", "order": 5})
    assert response.status_code == 200 and study.parties.filter(code="2.3b").count() == 1
    # "other" organisers are always fixed
    client.post(f"/integration/parties/{party.pk}/", {"code": "2.3b", "label_fi": "Asumispalvelut",
                                                      "organiser": "other", "order": 4})
    party.refresh_from_db()
    assert party.fixed_by_law and party.label_fi == "Asumispalvelut"
    # merge 2.3b into 2.3: answers move, respondents who answered both get one answer
    data = long_csv({"2.1": 5}, parties=("2.3", "2.3b"))
    client.post(f"/integration/{study.pk}/import/", {"file": SimpleUploadedFile("a.csv", data), "kind": "long"})
    target = study.parties.get(code="2.3")
    response = client.post(f"/integration/{study.pk}/parties/merge/", {"source": party.pk, "target": target.pk})
    assert response.status_code == 302
    assert not study.parties.filter(code="2.3b").exists()
    assert Answer.objects.filter(party=target).count() == 5
    assert Respondent.objects.filter(study=study).count() == 5


def test_scale_labels_are_checked(world):
    study = StudyFactory(owner=world.a1)
    client = client_for(world.editor)
    url = f"/integration/{study.pk}/scales/mutuality/"
    assert client.post(url, {"minimum": 0, "maximum": 2, "labels_fi": "Ei\nKyllä"}).status_code == 200
    response = client.post(url, {"minimum": 0, "maximum": 2, "labels_fi": "Ei\nOsin\nKyllä",
                                 "labels_en": "No\nPartly\nYes"})
    assert response.status_code == 302
    scale = study.scales.get(item="mutuality")
    assert scale.labels_fi == ["Ei", "Osin", "Kyllä"] and scale.labels("en")[2] == "Yes"


@pytest.mark.parametrize("query, expect", [
    ({}, "exact"),
    ({"keep_together": "2.2+2.1", "baseline": "100"}, "exact"),
    ({"keep_together": "2.2+9.9"}, "9.9"),
    ({"max_municipality": "3"}, "error"),
])
def test_boundary_page_options(demo_study, world, query, expect):
    response = client_for(None).get(f"/integration/{demo_study.pk}/boundary/", query)
    assert response.status_code == 200
    page = response.content.decode()
    ctx = response.context
    if expect == "exact":
        assert ctx["result"]["exact"] is True and ctx["result"]["error"] is None
        assert ctx["result"]["damage"] <= ctx["result"]["current_damage"]
    elif expect == "error":
        assert ctx["result"]["error"]
    else:
        assert expect in page and ctx["result"] is None
    if query.get("keep_together") == "2.2+2.1":
        assert ctx["result"]["assignment"]["2.2"] == ctx["result"]["assignment"]["2.1"]


def test_demo_boundary_moves_the_care_for_resident_parties(demo_study):
    result = analysis.boundary(demo_study)
    assert result["exact"] and result["damage"] < result["current_damage"]
    assert result["assignment"]["2.2"] == result["assignment"]["2.3"] == "municipality"
    assert result["separated_current"][0][2] >= result["separated_current"][-1][2]
    assert set(result["side_share"]["2.2"]) == {"municipality", "county"}


def test_deleting_a_study_deletes_its_answers(demo_study, world):
    response = client_for(world.coordinator).post(f"/integration/{demo_study.pk}/delete/")
    assert response.status_code == 302
    assert not Study.objects.filter(pk=demo_study.pk).exists()
    assert not Answer.objects.exists() and not Respondent.objects.exists()


def test_a_stale_scale_edit_is_refused_and_the_first_kept(world):
    """No lost update: a scale edit carries the study's version the page showed."""
    study = StudyFactory(owner=world.a1)
    url = f"/integration/{study.pk}/scales/mutuality/"
    loaded = study.version
    first, second = client_for(world.editor), client_for(world.org_admin)
    assert f'name="study_version" value="{loaded}"' in second.get(url).content.decode()
    labels = {"minimum": 0, "maximum": 2, "study_version": loaded}
    assert first.post(url, labels | {"labels_fi": "Ei\nOsin\nKyllä"}).status_code == 302
    stale = second.post(url, labels | {"labels_fi": "Ei lainkaan\nJonkin verran\nPaljon"})
    assert stale.status_code == 409 and "Joku muu muutti" in stale.content.decode()
    assert study.scales.get(item="mutuality").labels_fi == ["Ei", "Osin", "Kyllä"]
