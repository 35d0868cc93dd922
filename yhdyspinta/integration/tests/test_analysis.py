"""The analysis of the synthetic demo study: planted clusters, counts, suppression, caching."""

import re

from conftest import client_for

from .. import analysis
from ..compute.synthetic import PLANTED
from ..models import Answer, Respondent


def test_demo_has_the_study_shape(demo_study):
    assert demo_study.invited == 719
    assert Respondent.objects.filter(study=demo_study, submitted_at__isnull=False).count() == 268
    assert demo_study.parties.count() == 21
    assert len({m for m in Respondent.objects.filter(study=demo_study).values_list("municipality", flat=True)}) == 12
    assert "Synteettinen" in demo_study.title


def test_planted_clusters_are_found(demo_study):
    res = analysis.results(demo_study)
    members = res["clusters"]
    found = {}
    for node, k in members.items():
        found.setdefault(k, set()).add(node)
    planted = {}
    for node, name in PLANTED.items():
        planted.setdefault(name, set()).add(node)
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, planted.values()))
    assert abs(res["mean"] - 100) < 1e-6 and abs(res["sd"] - 40) < 1e-6


def test_analysis_page_shows_counts_clusters_and_map(demo_study, world):
    page = client_for(None).get(f"/integration/{demo_study.pk}/analysis/").content.decode()
    assert "719" in page and "268" in page and "37,3 %" in page
    assert "<svg" in page and 'tabindex="0"' in page
    # the owner's cluster names reach the right clusters, in the map legend and the list
    names = dict(re.findall(r"<li>Klusteri (\d) <strong>([^<]+)</strong>", page))
    assert set(names.values()) == {"Huolenpito kunnan asukkaasta", "Hoito ja hoiva"}
    res = analysis.results(demo_study)
    assert names[str(res["clusters"]["2.12"])] == "Huolenpito kunnan asukkaasta"
    assert names[str(res["clusters"]["2.1"])] == "Hoito ja hoiva"
    assert "Klusteri 1 Huolenpito kunnan asukkaasta" in page or "Klusteri 2 Huolenpito kunnan asukkaasta" in page
    res = analysis.results(demo_study)
    assert len(set(res["clusters"].values())) == 2


def test_results_are_cached_until_answers_change(demo_study, django_assert_max_num_queries):
    analysis.results(demo_study)
    demo_study.refresh_from_db()
    with django_assert_max_num_queries(1):
        analysis.results(demo_study)
    version = demo_study.data_version
    analysis.bump(demo_study)
    assert demo_study.data_version == version + 1 and demo_study.results_cache == {}
    assert Answer.objects.filter(respondent__study=demo_study).exists()
