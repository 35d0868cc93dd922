"""The one search module: Finnish forms (Voikko), compounds, typos, missing ä/ö, synonyms, places.

Moved here from catalogue/tests/test_compute.py (the finder's old relevance) and extended with
representative queries of bench/finder/queries.tsv (the whole bench: bench/finder/bench_finder.py).
"""

import pytest

from yhdyspinta.core import textsearch as ts

SERVICES = [
    ("Lastensuojelu", "Barnskydd", "Child protection"),
    ("Koulukuraattorit ja koulupsykologit", "Skolkuratorer och skolpsykologer", "School curators and psychologists"),
    ("Mielenterveys- ja päihdepalvelut", "Mentalvårds- och missbrukartjänster",
     "Mental health and substance abuse services"),
    ("Kotihoito", "Hemvård", "Home care"),
    ("Kunnan työllisyyspalvelut", "Kommunens sysselsättningstjänster", "Municipal employment services"),
    ("Ikäihmisten palvelut", "Tjänster för äldre", "Services for older people"),
    ("ICT-palvelut", "IKT-tjänster", "ICT services"),
    ("Ympäristöterveydenhuolto", "Miljö- och hälsoskydd", "Environmental health services"),
    ("Kouluterveydenhuolto", "Skolhälsovård", "School health care"),
    ("Lastenneuvola", "Barnrådgivning", "Child health clinic"),
    ("Terveysasema", "Hälsostation", "Health centre"),
]


def fields(item):
    return [(name, 3.0) for name in item]


def top(query, places=()):
    ranked, parsed = ts.search(query, SERVICES, fields, places=places)
    return [r[0] for r in ranked], parsed


def test_voikko_is_installed():
    assert ts.voikko() is not None, "CI must have libvoikko1 and voikko-fi (make system-packages)"


@pytest.mark.parametrize("query,expected", [
    ("lastensuojelo", "Lastensuojelu"), ("kuraatori", "Koulukuraattorit ja koulupsykologit"),
    ("mielenterveis", "Mielenterveys- ja päihdepalvelut"), ("kotihoitto", "Kotihoito"),
    ("tyollisyys", "Kunnan työllisyyspalvelut"), ("paihdepalvelut", "Mielenterveys- ja päihdepalvelut"),
    ("ikäihmiset", "Ikäihmisten palvelut"), ("vanhustenhoito", "Ikäihmisten palvelut"),
    ("työttömyys", "Kunnan työllisyyspalvelut"), ("alkoholi", "Mielenterveys- ja päihdepalvelut"),
    ("TE-toimisto", "Kunnan työllisyyspalvelut"), ("huoli lapsesta", "Lastensuojelu"),
    ("mental health", "Mielenterveys- ja päihdepalvelut"), ("kouluterveydenhoitajalle", "Kouluterveydenhuolto"),
    ("neuvolaan", "Lastenneuvola"), ("hemvården", "Kotihoito"), ("skolkurator", "Koulukuraattorit ja koulupsykologit"),
    ("mihin otan yhteyttä kun tarvitsen kuraattorin", "Koulukuraattorit ja koulupsykologit"),
    # a compound's part that is a synonym ("alkoholi" → päihdepalvelut); a word that is a synonym itself
    # keeps its own ("koululääkäri" → kouluterveydenhuolto, not "lääkäri" → terveysasema)
    ("alkoholiongelma", "Mielenterveys- ja päihdepalvelut"), ("koululääkäri", "Kouluterveydenhuolto"),
    ("lääkärille", "Terveysasema"),
    # an expansion's words together rank first ("health centre", not every "health")
    ("doctor", "Terveysasema"), ("dentist", "Terveysasema"),
])
def test_residents_queries_find_the_service_first(query, expected):
    assert top(query)[0][:1] == [expected]


def test_generic_word_never_ranks_alone():
    ranked, _ = top("päihdepalvelut")
    assert "ICT-palvelut" not in ranked and "Ikäihmisten palvelut" not in ranked
    assert "Ympäristöterveydenhuolto" not in top("mental health")[0]


def test_place_in_query_is_recognised_and_not_ranked():
    ranked, parsed = top("lastensuojelu Nokialla", places=["Nokia", "Tampere"])
    assert parsed.place == "nokia" and ranked[:1] == ["Lastensuojelu"]
    assert top("kotihoito Tampereella", places=["Nokia", "Tampere"])[1].place == "tampere"
    assert top("kotihoito", places=["Nokia"])[1].place is None


def test_compounds_split_and_fold():
    terms = ts.analyse("kouluterveydenhoitajalle", "fi")
    assert {"koulu", "terveys", "hoitaja"} <= terms.parts
    assert ts.analyse("Nokialla".lower(), "fi").places == {"nokia"}
    assert ts.fold("Työllisyys Åbo") == "tyollisyys abo"


def test_nothing_matches_unrelated_or_only_question_words():
    assert top("mihin otan yhteyttä kun")[0] == []
    assert top("neuvolaan")[0] == ["Lastenneuvola"]


def test_field_weights_order_records():
    q = ts.parse("neuvola")
    assert ts.relevance(q, [("Neuvola", 3.0), ("muuta", 1.0)]) > ts.relevance(q, [("Muu", 3.0), ("neuvola", 1.0)]) > 0


def test_db_variants_cover_forms_typos_and_synonyms():
    assert "neuvola" in ts.db_variants("neuvolaan")
    assert "lastensuojelu" in ts.db_variants("lastensuojelo")
    variants = dict(ts.db_query_words("alkoholi"))["alkoholi"]
    assert any("päihde" in v for v in variants)


def test_db_phrases_and_generic_words():
    items = dict(ts.db_query_words("TE-toimisto"))
    assert list(items) == ["te toimisto"] and "työllisyyspalvelu" in items["te toimisto"]
    assert dict(ts.db_query_words("ikäihmiset"))["ikäihmiset"] == {"ikäihmi"}  # not "palvelu" from the synonym
    assert "mental health" in dict(ts.db_query_words("mental health"))["mental health"]


# The finder's fields (name 3.0, the service field's label 2.0) of services that share only a modifier of
# a school-health compound ("terveys") with the query: walk 5 #13 had them above school health care.
FINDER_LIKE = [
    (("Kunnan hyvinvointikoordinaatio", "Kommunens välfärdskoordination", "Municipal wellbeing coordination"),
     ("Hyvinvoinnin ja terveyden edistäminen", "Health and wellbeing promotion")),
    (("Hyvinvointialueen hyte-yksikkö", "Välfärdsområdets enhet för hälsofrämjande", "County health promotion unit"),
     ("Hyvinvoinnin ja terveyden edistäminen", "Health and wellbeing promotion")),
    (("Koulukuraattorit ja koulupsykologit", "Skolkuratorer och skolpsykologer", "School curators and psychologists"),
     ("Opiskeluhuolto", "Student welfare")),
    (("Kouluterveydenhuolto", "Skolhälsovård", "School health care"), ("Kouluterveydenhuolto", "School health care")),
]


def finder_like_fields(item):
    names, labels = item
    return [(name, 3.0) for name in names] + [(label, 2.0) for label in labels]


@pytest.mark.parametrize("query", ["kouluterveydenhoito", "kouluterveydenhoitaja", "kouluterveydenhoitajalle",
                                   "kouluterveydenhoitoon", "school nurse", "skolhälsovårdare", "skolsköterska"])
def test_school_health_compounds_and_synonyms_rank_school_health_first(query):
    ranked, _ = ts.search(query, FINDER_LIKE, finder_like_fields)
    assert ranked[0][0][0] == "Kouluterveydenhuolto"


def test_a_compounds_head_counts_more_than_its_modifier():
    assert ts.analyse("kouluterveydenhoitaja", "fi").heads == {"hoitaja"}
    modifier = ts.parse("kouluterveydenhoito")  # koulu + terveys + hoito: "terveys" is a modifier
    assert ts.relevance(modifier, [("terveyden edistäminen", 1.0)]) == 0.35
    assert ts.relevance(modifier, [("kouluterveydenhuolto", 1.0)]) == pytest.approx(0.4)  # 2 of 3 parts
    assert ts.relevance(ts.parse("koulukuraattori"), [("kuraattori", 1.0)]) == 0.7  # the head


def test_a_compound_ending_with_a_synonym_compound_adds_its_expansion():
    # "terveydenhoitaja" → kouluterveydenhuolto (search_synonyms.tsv) ends "kouluterveydenhoitajalle"
    unit = ts.parse("kouluterveydenhoitajalle").units[0]
    assert any("kouluterveydenhuolto" in terms.lemmas for terms, _factor in unit.expansion)
    assert not ts.parse("hoitajalle").units[0].expansion  # only the head: not the synonym's compound
