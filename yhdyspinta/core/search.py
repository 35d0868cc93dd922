"""Site search: each app registers searchable models; results honour restrict(user, "view").

Words are matched through `core.textsearch` (the one search module of the finder, site search and
the API's `q`): each query word matches its lemma or stem ("neuvolaan" → neuvola), a spelling
correction of an unknown word and the synonyms of `core/data/search_synonyms.tsv` (docs/search.md).
"""

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


def search_all(query: str, user, limit: int = 25):
    from django.apps import apps

    groups = []
    for label, fields in _REGISTRY:
        model = apps.get_model(label)
        qs = model.objects.restrict(user, "view").filter(text_filter(fields, query))
        if label in _RELATED:
            qs = qs.select_related(*_RELATED[label])
        results = list(qs[:limit])
        if results:
            groups.append({"model": model, "title": model._meta.verbose_name_plural, "results": results})
    return groups
