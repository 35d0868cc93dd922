"""Site search: each app registers searchable models; results honour restrict(user, "view").

Words are matched through `core.textsearch` (the one search module of the finder, site search and
the API's `q`): each query word matches its lemma or stem ("neuvolaan" → neuvola), a spelling
correction of an unknown word and the synonyms of `core/data/search_synonyms.tsv` (docs/search.md).
"""

import re

from django.db.models import Q

from . import textsearch

# (model label, fields to search)
_REGISTRY: list[tuple[str, tuple[str, ...]]] = []


_RELATED: dict[str, tuple[str, ...]] = {}  # select_related paths a result's label reads


def register(model_label: str, fields: tuple[str, ...], related: tuple[str, ...] = ()):
    if (model_label, fields) not in _REGISTRY:
        _REGISTRY.append((model_label, fields))
    if related:
        _RELATED[model_label] = tuple(related)


def query_terms(query: str) -> list[set[str]]:
    """Per query word, the substrings any of which may match (core.textsearch.db_query_words)."""
    return [variants for _word, variants in textsearch.db_query_words(query)]


def text_filter(fields, query: str) -> Q:
    """Every query word must match some field through one of its variants (lemma, stem, correction, synonym)."""
    textsearch.refresh_synonyms()  # the editors' synonyms, if they changed
    q = Q()
    for variants in query_terms(query):
        term_q = Q()
        for variant in sorted(variants):
            for field in fields:
                term_q |= Q(**{f"{field}__icontains": variant})
        q &= term_q
    return q


EXACT, PREFIX, WORD, LOOSE = range(4)  # how closely a result matches the whole query


def match_rank(obj, fields, query: str) -> int:
    """EXACT when the result's name or a searched field is the query ("TE24"), PREFIX when one
    starts with it ("TE24: työllisyyspalvelut"), WORD when a word in one does, else LOOSE (only a
    lemma, correction or synonym matched)."""
    wanted = query.strip().casefold()
    best = LOOSE
    for text in [str(obj)] + [getattr(obj, f, "") for f in fields if "__" not in f]:
        text = str(text or "").casefold().strip()
        if not wanted or not text:
            continue
        if text == wanted:
            return EXACT
        if text.startswith(wanted):
            best = min(best, PREFIX)
        elif re.search(r"(?<!\w)" + re.escape(wanted), text):
            best = min(best, WORD)
    return best


def search_all(query: str, user, limit: int = 25):
    """Groups of results per registered model. A group whose best result matches the whole query
    (exact, then prefix, then a word start) comes first, and so do those results in their group;
    otherwise the registration order holds."""
    from django.apps import apps

    groups = []
    for label, fields in _REGISTRY:
        model = apps.get_model(label)
        qs = model.objects.restrict(user, "view").filter(text_filter(fields, query))
        if label in _RELATED:
            qs = qs.select_related(*_RELATED[label])
        results = list(qs[:limit])
        if len(results) == limit:  # a close match beyond the cut still belongs on the page
            plain = [f for f in fields if "__" not in f]
            close = Q()
            for field in plain:
                close |= Q(**{f"{field}__istartswith": query.strip()})
            seen = {r.pk for r in results}
            extra = [r for r in qs.filter(close)[:limit] if r.pk not in seen] if plain else []
            results = (extra + results)[:limit] if extra else results
        if results:
            ranks = {r.pk: match_rank(r, fields, query) for r in results}
            results.sort(key=lambda r: ranks[r.pk])  # stable: the model's order within a rank
            groups.append({"model": model, "title": model._meta.verbose_name_plural, "results": results,
                           "rank": min(ranks.values())})
    groups.sort(key=lambda g: g["rank"])  # stable: registration order within a rank
    return groups
