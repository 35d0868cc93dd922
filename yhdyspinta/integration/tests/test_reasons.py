"""Refusal reasons of the readers and of the analysis: English for the CLI, the user's language on pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from conftest import api_client_for, client_for
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.reasons import Reason, reason, translate

from .. import analysis
from ..compute.errors import IntegrationComputeError, IntegrationInputError
from ..compute.index import compute_index
from ..compute.io import read_fixed, read_responses, read_wide
from .factories import StudyFactory

HEADER = "respondent_id,group,party,frequency,mutuality,need\n"


def test_reader_reason_is_a_reason_with_its_template():
    with pytest.raises(IntegrationInputError) as exc:
        read_responses((HEADER + "r1,2.1,2.2,9,1,4\n").encode())
    r = exc.value.reason
    assert isinstance(r, Reason)
    assert r.template == "value %(value)s outside the %(item)s scale %(low)s–%(high)s (whole numbers)"
    assert r.params == {"value": "9", "item": "frequency", "low": 0, "high": 4}
    assert str(exc.value) == "<input>:2: value 9 outside the frequency scale 0–4 (whole numbers)"  # the CLI text


@pytest.mark.parametrize("source, template", [
    (b"respondent_id,group\n1,2\n", "missing columns %(names)s"),
    (b"respondent_id,group,party,frequency,mutuality\n1,2,3,4,5\n", "missing column %(column)s"),
    ((HEADER + "r1,2.1,2.2,x,1,4\n").encode(), "non-numeric rating in column %(column)s: %(value)s"),
    ((HEADER + "r1,,2.2,1,1,4\n").encode(), "empty %(column)s"),
    (b"\x00\x01", "not a CSV file (binary content)"),
])
def test_every_reader_refusal_is_translatable(source, template):
    with pytest.raises(IntegrationInputError) as exc:
        read_responses(source)
    assert isinstance(exc.value.reason, Reason) and exc.value.reason.template == template


def test_fixed_and_wide_reasons_are_translatable():
    with pytest.raises(IntegrationInputError) as exc:
        read_fixed(b"node,organiser,fixed\n2.1,state,yes\n")
    assert exc.value.reason.template == "organiser must be municipality, county or other, got %(value)s"
    assert exc.value.reason == "organiser must be municipality, county or other, got 'state'"
    with pytest.raises(IntegrationInputError) as exc:
        read_wide(b"id,group,q1\nA,2.1,lots\n", {"q1": ("2.2", "need")})
    assert exc.value.reason.template == "unknown answer %(answer)s in column %(column)s"
    with translation.override("fi"):
        assert error_message(exc.value) == "<input>, rivi 2: tuntematon vastaus 'lots' sarakkeessa q1"


def test_compute_error_is_a_reason_and_translates():
    import polars as pl

    frame = pl.DataFrame({"respondent_id": ["a", "b", "c"], "group": ["g"] * 3, "party": ["p"] * 3,
                          "frequency": [2.0, 2.0, 2.0], "mutuality": [1.0, 0.0, 2.0], "need": [0.0, 4.0, 1.0]})
    with pytest.raises(IntegrationComputeError) as exc:
        compute_index(frame)
    r = exc.value.args[0]
    assert isinstance(r, Reason)
    assert r.template == "item %(item)s has zero spread (every answer %(value)s); cannot standardise"
    assert str(exc.value) == "item frequency has zero spread (every answer 2); cannot standardise"
    with translation.override("sv"):
        assert error_message(exc.value) == "frågan frequency har ingen spridning (varje svar 2); kan inte standardiseras"


def test_cached_reason_survives_the_json_field():
    """The results cache is JSON: the reason is kept as data and rebuilt in the reader's language."""
    inner = reason("item %(item)s has no answers", item="need")
    data = analysis.reason_data(reason("%(what)s", what=inner))
    assert data == {"template": "%(what)s",
                    "params": {"what": {"template": "item %(item)s has no answers", "params": {"item": "need"}}}}
    result = {"error": "item need has no answers", "error_reason": data}
    with translation.override("fi"):
        assert analysis.error_message(result) == "kysymyksellä need ei ole vastauksia"
    assert analysis.error_message({"error": "no_answers"}) == "no_answers"
    assert analysis.error_message({"error": None}) is None
    assert translate(inner, lambda s: s) == "item need has no answers"


@pytest.fixture
def flat_study(world):
    """Every answer has frequency 2: the index cannot be computed (zero spread)."""
    study = StudyFactory(owner=world.a1, visibility="public")
    rows = "".join(f"R{k},2.1,2.2,2,{k % 3},{k % 5}\n" for k in range(8))
    response = client_for(world.editor).post(
        f"/integration/{study.pk}/import/",
        {"file": SimpleUploadedFile("flat.csv", (HEADER + rows).encode()), "kind": "long"})
    assert response.status_code == 302
    study.refresh_from_db()
    return study


def test_analysis_page_shows_the_compute_error_in_the_user_s_language(flat_study):
    client = client_for(None)
    url = f"/integration/{flat_study.pk}/analysis/"
    page = client.get(url).content.decode()  # computes and caches
    assert "Vastauksia ei voi analysoida:" in page
    assert "kysymyksen frequency vastauksissa ei ole hajontaa (jokainen vastaus 2)" in page
    assert "zero spread" not in page
    flat_study.refresh_from_db()
    assert flat_study.results_cache["error"] == "item frequency has zero spread (every answer 2); cannot standardise"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()  # from the cache
    assert "frågan frequency har ingen spridning (varje svar 2)" in page and "zero spread" not in page


def test_boundary_page_error_is_in_finnish(demo_study):
    response = client_for(None).get(f"/integration/{demo_study.pk}/boundary/", {"max_municipality": "3"})
    page = response.content.decode()
    assert response.status_code == 200 and response.context["result"]["error"]
    assert "Mikään rajapinta ei täytä näitä ehtoja:" in page
    assert "maximum side size" not in page
    assert any(text in page for text in ("mikään jako ei pysy puolten enimmäiskoissa",
                                         "laissa säädetty jako ylittää puolen enimmäiskoon"))


def test_boundary_api_error_is_in_the_request_s_language(demo_study, monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrationComputeError(reason("no assignment satisfies the maximum side sizes"))

    monkeypatch.setattr(analysis, "optimise_boundary", refuse)
    api = api_client_for(None)
    url = f"/api/v1/integration/studies/{demo_study.pk}/boundary/"
    body = api.get(url, HTTP_ACCEPT_LANGUAGE="fi").json()
    assert body["error"] == "mikään jako ei pysy puolten enimmäiskoissa" and "error_reason" not in body
    assert api.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["error"] == "no assignment satisfies the maximum side sizes"
