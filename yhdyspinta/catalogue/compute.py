"""Pure computation of the register (no Django): finder relevance and maturity summaries.

Finder matching is meant for Finnish compounds and case forms: "neuvolaan" finds "neuvola"
(case ending stripped, prefix match), "koulukuraattori" finds "kuraattori" (a name word inside
the query word) and a small synonym list links Finnish, Swedish and English names.
"""

import re
from statistics import mean

_SUFFIXES = sorted(
    ["ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "tta", "ttä", "na", "nä", "ta", "tä", "an", "en", "in", "on", "un", "yn", "än", "ön", "hin", "seen", "siin", "ihin", "iin", "issa", "issä", "ista", "istä", "illa", "illä", "ilta", "iltä", "ille", "iksi", "ina", "inä", "ineen", "ien", "iden", "itten", "jen", "ni", "si", "mme", "nne", "nsa", "nsä", "lle", "ja", "jä", "t", "n", "a", "ä"],
    key=len, reverse=True,
)
STOP_WORDS = {"mihin", "mistä", "mitä", "missä", "kun", "kuka", "ketä", "otan", "otetaan", "ota", "yhteyttä", "tarvitsen", "tarvitaan", "haluan", "tarvitsee", "tarvitsemme", "minä", "minun", "meidän", "lapsi", "lapseni", "on", "ja", "tai", "sekä", "jos", "että", "var", "vart", "vem", "när", "och", "eller", "jag", "behöver", "kontakt", "kontakta", "where", "who", "what", "when", "whom", "need", "how", "do", "i", "my", "the", "a", "an", "and", "or", "to", "for", "of", "contact", "get"}
SYNONYMS = [
    {"kuraattori", "kuraattorit", "curator", "curators", "kurator", "kuratorer", "koulukuraattori"},
    {"psykologi", "psychologist", "psykolog", "koulupsykologi"},
    {"neuvola", "lastenneuvola", "barnrådgivning", "clinic"},
    {"päiväkoti", "varhaiskasvatus", "daghem", "småbarnspedagogik", "daycare", "day"},
    {"lastensuojelu", "barnskydd", "protection"},
    {"koulu", "perusopetus", "school", "skola", "grundläggande"},
    {"terveydenhoitaja", "kouluterveydenhuolto", "skolhälsovård", "nurse"},
    {"työ", "työllisyys", "työllisyyspalvelut", "työpaikka", "sysselsättning", "employment", "job", "work"},
    {"kirjasto", "bibliotek", "library"},
    {"liikunta", "urheilu", "idrott", "motion", "sports", "exercise"},
    {"kotihoito", "hemvård", "home"},
    {"nuori", "nuoret", "nuorten", "nuorisotyö", "ungdom", "youth", "young"},
    {"mielenterveys", "mentalvård", "mental", "masennus", "depression"},
    {"päihde", "päihdepalvelut", "missbruk", "substance"},
    {"pelastus", "pelastustoimi", "palo", "räddning", "rescue", "fire"},
    {"kotoutuminen", "maahanmuutto", "integration", "invandring", "immigrant"},
]
SCALE = (0, 1, 2, 3)


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\wåäöÅÄÖ]+", (text or "").lower()) if w and not w.isdigit()]


def stem(word: str) -> str:
    """Strips one common Finnish ending, keeping at least four letters."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def query_words(query: str) -> list[str]:
    return [w for w in words(query) if len(w) >= 3 and w not in STOP_WORDS][:10]


def word_match(q: str, w: str) -> float:
    """How well query word `q` matches a name word `w`: 1 exact, .8 prefix, .6 compound, 0 none."""
    if q == w:
        return 1.0
    qs, ws = stem(q), stem(w)
    if qs == ws:
        return 0.95
    if len(qs) >= 4 and (w.startswith(qs) or q.startswith(ws) and len(ws) >= 4):
        return 0.8
    if len(ws) >= 5 and ws in q:  # koulukuraattori ∋ kuraattori
        return 0.6
    if len(qs) >= 5 and qs in w:  # kuraattori ∈ koulukuraattorit
        return 0.6
    return 0.0


def expansions(q: str) -> list[tuple[str, float]]:
    """The query word and its synonyms (weighted lower); compounds use the synonym they contain."""
    out = [(q, 1.0)]
    for group in SYNONYMS:
        if any(word_match(q, g) >= 0.6 for g in group):
            out.extend((g, 0.7) for g in group if g != q)
    return out


def relevance(query: str, fields: list[tuple[str, float]]) -> float:
    """Relevance of a record for `query`: `fields` are (text, weight) pairs, names weighted highest.

    Each query word scores its best match over all fields; a record none of whose words match scores 0.
    """
    terms = query_words(query)
    if not terms:
        return 0.0
    field_words = [(words(text), weight) for text, weight in fields if text]
    total, matched = 0.0, 0
    for q in terms:
        best = 0.0
        for candidate, factor in expansions(q):
            for ws, weight in field_words:
                for w in ws:
                    match = word_match(candidate, w)
                    if factor < 1 and match < 0.8:
                        continue  # a synonym counts only as a whole word or prefix, never inside a compound
                    score = match * factor * weight
                    best = max(best, score)
        if best:
            matched += 1
        total += best
    if not matched:
        return 0.0
    return round(total * matched / len(terms), 4)


def rank(query: str, items, fields_of, cutoff: float = 0.4) -> list:
    """Items with relevance > 0 and at least `cutoff` × the best score, best first (ties keep order)."""
    scored = [(relevance(query, fields_of(item)), i, item) for i, item in enumerate(items)]
    best = max((score for score, _i, _item in scored), default=0)
    return [item for score, _i, item in sorted(scored, key=lambda t: (-t[0], t[1]))
            if score > 0 and score >= cutoff * best]


# ---- maturity -----------------------------------------------------------------------------
def maturity_cell(latest: dict, dimensions) -> dict:
    """Summary of the latest values per dimension.

    The colour follows the minimum (an interface works only as well as its weakest dimension);
    the mean and the number of assessed dimensions are shown beside it. None when nothing is assessed.
    """
    values = [latest[d] for d in dimensions if d in latest]
    if not values:
        return {"min": None, "mean": None, "assessed": 0, "total": len(dimensions)}
    return {"min": min(values), "mean": round(mean(values), 1), "assessed": len(values), "total": len(dimensions)}


def weakest_first(latest: dict, dimensions) -> list[tuple[str, int | None]]:
    """Dimensions ordered weakest first; unassessed ones (None) before 0."""
    return sorted(((d, latest.get(d)) for d in dimensions),
                  key=lambda pair: (-1 if pair[1] is None else pair[1], list(dimensions).index(pair[0])))


def matrix(cells: dict, rows, columns, dimensions) -> list[dict]:
    """Rows of the interface × municipality matrix from {(row, column): {dimension: value}}."""
    out = []
    for row in rows:
        out.append({"row": row, "cells": [
            (column, maturity_cell(cells[(row, column)], dimensions) if (row, column) in cells else None)
            for column in columns]})
    return out


def mapping_summary(expected: set, answers: list[dict]) -> dict:
    """Round summary: who has not answered, gaps (no/partly) and proposals.

    `expected`: {(interface_id, organisation_id)}; `answers`: dicts with interface, organisation,
    exists, agreed, works, problems, proposals, good_practices.
    """
    answered = {(a["interface"], a["organisation"]) for a in answers}
    gaps = [a for a in answers if "no" in (a["exists"], a["agreed"], a["works"])
            or "partly" in (a["exists"], a["agreed"], a["works"])]
    return {
        "expected": len(expected),
        "answered": len(answered & expected),
        "missing": sorted(expected - answered),
        "gaps": gaps,
        "proposals": [a for a in answers if a.get("proposals")],
        "good_practices": [a for a in answers if a.get("good_practices")],
    }
