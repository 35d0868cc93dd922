"""Site search: each app registers searchable models; results honour restrict(user, "view").

Words are matched through `core.textsearch` (the one search module of the finder, site search and
the API's `q`): each query word matches its lemma or stem ("neuvolaan" → neuvola), a spelling
correction of an unknown word and the synonyms of `core/data/search_synonyms.tsv` (docs/search.md).
"""

import re

from django.db.models import Q

from . import policy, textsearch

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


def readable_q(model, user, field: str) -> Q | None:
    """The rows of `model` whose `field` `user` may read, or None when every row's is readable.

    The database's form of the one field rule (`hidden_fields_for`): an internal field is read by
    the record's insiders, and by everyone where the model says it is public (`field_public_q`:
    a decision's text once the minutes are checked). A field through a relation follows the
    related record's rule. Text search guards every field with it, so a word an outsider may not
    read never finds a record (not even one whose public label is shown)."""
    *hops, name = field.split("__")
    if hops:
        target = model
        for hop in hops:
            target = target._meta.get_field(hop).related_model
        inner = readable_q(target, user, name)
        if inner is None:
            return None
        return Q(**{f"{'__'.join(hops)}__in": target._base_manager.filter(inner).values("pk")})
    internal = getattr(model, "internal_field_names", None)
    if internal is None or name not in internal():
        return None
    everyone = model._base_manager.all()
    insiders = policy.restrict(everyone, user, "view_internal")
    if insiders is everyone:  # a reader of everything internal (superuser, national reader)
        return None
    guard = Q(pk__in=insiders.values("pk"))
    public = model.field_public_q(name)
    return guard | public if public is not None else guard


def text_filter(fields, query: str, model=None, user=None) -> Q:
    """Every query word must match some field through one of its variants (lemma, stem, correction,
    synonym). With `model` and `user`, only in the fields `user` may read on each row (readable_q)."""
    textsearch.refresh_synonyms()  # the editors' synonyms, if they changed
    guards = {field: readable_q(model, user, field) for field in fields} if model is not None else {}
    q = Q()
    for variants in query_terms(query):
        term_q = Q()
        for field in fields:
            field_q = Q()
            for variant in sorted(variants):
                field_q |= Q(**{f"{field}__icontains": variant})
            if guards.get(field) is not None:
                field_q &= guards[field]
            term_q |= field_q
        q &= term_q
    return q


EXACT, PREFIX, WORD, LOOSE = range(4)  # how closely a result matches the whole query


def match_rank(obj, fields, query: str, hidden=frozenset()) -> int:
    """EXACT when the result's name or a searched field is the query ("TE24"), PREFIX when one
    starts with it ("TE24: työllisyyspalvelut"), WORD when a word in one does, else LOOSE (only a
    lemma, correction or synonym matched). Fields in `hidden` do not count."""
    wanted = query.strip().casefold()
    best = LOOSE
    for text in [str(obj)] + [getattr(obj, f, "") for f in fields if "__" not in f and f not in hidden]:
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
        qs = model.objects.restrict(user, "view").filter(text_filter(fields, query, model, user))
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
            # a field that may be hidden from this reader on some rows does not rank (no query per result)
            guarded = {f for f in fields if readable_q(model, user, f) is not None}
            ranks = {r.pk: match_rank(r, fields, query, guarded) for r in results}
            results.sort(key=lambda r: ranks[r.pk])  # stable: the model's order within a rank
            groups.append({"model": model, "title": model._meta.verbose_name_plural, "results": results,
                           "rank": min(ranks.values())})
    groups.sort(key=lambda g: g["rank"])  # stable: registration order within a rank
    return groups
