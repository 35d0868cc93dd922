"""The finder's term index: a search analyses only the query, never the services' texts.

Stored: `ServiceSearchTerms`, per service the words, lemmas and compound parts
(`textsearch.text_analysis`) of its names, descriptions and "how to get" texts in fi/sv/en, written
when a service is saved (post_save, so the catalogue's actions, the PTV import, the admin and the demo
all keep it) and by `manage.py index_services` (after a bulk load, or when the analyser changed).

In memory, per process: per organisation and language an `OrgIndex` of its public services (their
stored terms, the finder's weighted fields, an inverted index term → services and the vocabulary for
typo correction), reused while the organisation's public services are unchanged: one aggregate query
(count, last id, sum of versions, which every save bumps) per search tells, and a save or delete in
this process drops the cached indexes at once. A service without stored terms (a bulk insert
before `index_services`) is analysed in memory; a search never writes.

A search then ranks only the candidates (services sharing a term with the query or having a term
the query's word starts) with the same relevance rule as `textsearch.rank`: the result is the same as
ranking every service, in the same order.
"""

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.utils import translation

from yhdyspinta.core import textsearch
from yhdyspinta.core.models import Visibility

from .choices import ServiceField

LANGS = ("fi", "sv", "en")
TEXT_FIELDS = ("name", "description", "how_to_get")
MAX_CACHED = 600  # organisation × language indexes kept per process (a county's is shared by its municipalities)

_lock = threading.Lock()
_indexes: OrderedDict = OrderedDict()  # (organisation pk, lang) → (token, OrgIndex)
_combined: OrderedDict = OrderedDict()  # (tokens, lang, synonyms) → Combined
_places: dict = {}
_generation = [0]


def forget() -> None:
    """Drop the cached indexes (a service or organisation was saved or deleted in this process)."""
    with _lock:
        _generation[0] += 1
        _indexes.clear()
        _combined.clear()
        _places.clear()


# ---- stored terms --------------------------------------------------------------------------------
def service_terms(service) -> dict:
    """{"name_fi": [words, lemmas, parts], …} of the service's non-empty texts."""
    out = {}
    for name in TEXT_FIELDS:
        for lang in LANGS:
            text = getattr(service, f"{name}_{lang}", "") or ""
            if text:
                text_words, lemmas, parts = textsearch.text_analysis(text)
                out[f"{name}_{lang}"] = [list(text_words), sorted(lemmas), sorted(parts)]
    return out


def index_services(services) -> int:
    """Store the terms of `services` (insert or replace); returns how many."""
    from .models import ServiceSearchTerms

    key = textsearch.analyser_key()
    rows = [ServiceSearchTerms(service_id=s.pk, analyser=key, terms=service_terms(s)) for s in services]
    ServiceSearchTerms.objects.bulk_create(rows, batch_size=500, update_conflicts=True, unique_fields=["service"],
                                           update_fields=["analyser", "terms"])
    return len(rows)


def service_saved(sender, instance, raw=False, **kwargs):
    """post_save of Service: its terms now (a fixture load's raw save is indexed by `index_services`)."""
    forget()
    if not raw:
        index_services([instance])


def changed(sender, **kwargs):
    """post_delete of Service, post_save/post_delete of Organisation (names, places, order)."""
    forget()


# ---- in memory -----------------------------------------------------------------------------------
def _stored(data: list) -> tuple:
    text_words, lemmas, parts = data
    return tuple(text_words), frozenset(lemmas), frozenset(parts)


@lru_cache(maxsize=256)
def _label(field: str, lang: str) -> tuple:
    """The analysis of a field's label in `lang` (the finder ranks by it too)."""
    with translation.override(lang):
        label = str(dict(ServiceField.choices).get(field, field))
    return textsearch.text_analysis(label) if label else None


def weighted(terms: dict, field: str, lang: str) -> list:
    """The finder's weighted fields of a service (as `finder.service_fields`) from its stored terms:
    [(analysis, weight)], analysis = (words, lemmas, parts)."""

    def in_lang(name):
        return terms.get(f"{name}_{lang}") or terms.get(f"{name}_fi")

    fields = [(in_lang("name"), 3.0), *[(terms.get(f"name_{lg}"), 2.5) for lg in LANGS],
              (_label(field, lang), 2.0), (in_lang("description"), 1.0), (in_lang("how_to_get"), 1.0)]
    return [(analysis, weight) for analysis, weight in fields if analysis]


@dataclass
class OrgIndex:
    name: str
    pks: list  # the public services' ids, ordered by name
    fields: list  # per service: [((lemmas, parts), weight)] for textsearch.relevance_of_terms
    postings: dict  # term (lemma or compound part) → indexes into pks
    terms: list  # the terms sorted, for prefix matches
    vocabulary: dict  # textsearch.text_vocabulary of the fields' texts in order
    vocabulary_terms: frozenset


def _load(org_pk: int, lang: str) -> OrgIndex:
    from yhdyspinta.organisations.models import Organisation

    from .models import Service

    key = textsearch.analyser_key()
    rows = list(Service.objects.filter(visibility=Visibility.PUBLIC, organisation=org_pk).order_by("name", "pk")
                .values_list("pk", "field", "search_terms__analyser", "search_terms__terms"))
    missing = [pk for pk, _f, analyser, _t in rows if analyser != key]
    computed = {}
    if missing:  # not indexed yet (a bulk insert): analysed here, stored by `index_services`
        text_fields = [f"{name}_{lg}" for name in TEXT_FIELDS for lg in LANGS]
        for service in Service.objects.filter(pk__in=missing).only("pk", *text_fields):
            computed[service.pk] = service_terms(service)
    pks, fields, analyses = [], [], []
    for pk, field, analyser, stored in rows:
        terms = {name: _stored(data) for name, data in (computed[pk] if analyser != key else stored).items()}
        weighted_fields = weighted(terms, field, lang)
        pks.append(pk)
        fields.append([((a[1], a[2]), weight) for a, weight in weighted_fields])
        analyses.extend(a for a, _w in weighted_fields)
    postings: dict = {}
    for i, item in enumerate(fields):
        for (lemmas, parts), _w in item:
            for term in lemmas | parts:
                postings.setdefault(term, set()).add(i)
    vocabulary = textsearch.text_vocabulary(analyses)
    name = Organisation.objects.filter(pk=org_pk).values_list("name", flat=True).first() or ""
    return OrgIndex(name, pks, fields, postings, sorted(postings), vocabulary,
                    textsearch.vocabulary_terms(vocabulary))


def _tokens(organisers: list) -> dict:
    """{organisation: (count, last id, sum of versions) of its public services}: one small query per
    search (plain SQL: the ORM's query building cost more than the query)."""
    from .models import Service

    meta, q = Service._meta, connection.ops.quote_name
    org = q(meta.get_field("organisation").column)
    sql = (f"SELECT {org}, COUNT(*), MAX({q(meta.pk.column)}), SUM({q('version')}) FROM {q(meta.db_table)} "
           f"WHERE {q('visibility')} = %s AND {org} IN ({', '.join(['%s'] * len(organisers))}) GROUP BY {org}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [Visibility.PUBLIC.value, *organisers])
        found = {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
    return {o: found.get(o, (0, None, None)) for o in organisers}


def table_token(model) -> tuple:
    """(count, last id, sum of versions) of a versioned model's whole table: changes with every save,
    insert and delete."""
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX({q(model._meta.pk.column)}), SUM({q('version')}) "
                       f"FROM {q(model._meta.db_table)}")
        return tuple(cursor.fetchone())


def org_index(org_pk: int, lang: str, token) -> OrgIndex:
    key = (org_pk, lang)
    with _lock:
        hit = _indexes.get(key)
        if hit and hit[0] == token:
            _indexes.move_to_end(key)
            return hit[1]
        generation = _generation[0]
    index = _load(org_pk, lang)
    with _lock:
        if generation == _generation[0]:  # nothing changed meanwhile in this process
            _indexes[key] = (token, index)
            while len(_indexes) > MAX_CACHED:
                _indexes.popitem(last=False)
    return index


@dataclass
class Combined:
    """The services of the organisers in the finder's order, their vocabulary with the synonyms'."""
    parts: list  # [(offset, OrgIndex)]
    vocabulary: dict
    vocabulary_terms: frozenset

    def item(self, i):
        for offset, index in reversed(self.parts):
            if i >= offset:
                return index.pks[i - offset], index.fields[i - offset]
        raise IndexError(i)

    def prefixed(self, prefixes: set) -> dict:
        """{prefix: every indexed term starting with it} (textsearch's prefix match without a scan)."""
        out = {}
        for prefix in prefixes:
            hits = set()
            for _offset, index in self.parts:
                start = bisect.bisect_left(index.terms, prefix)
                while start < len(index.terms) and index.terms[start].startswith(prefix):
                    hits.add(index.terms[start])
                    start += 1
            out[prefix] = frozenset(hits)
        return out

    def candidates(self, terms: set, prefixed: dict) -> list:
        """Indexes of the services that can match: a shared term or a term starting with a prefix."""
        wanted = set(terms).union(*prefixed.values())
        found = set()
        for offset, index in self.parts:
            for term in wanted:
                found.update(offset + i for i in index.postings.get(term, ()))
        return sorted(found)


def combined(organisers: list, lang: str) -> Combined:
    """The index of the organisers' public services (the municipality's and its county's)."""
    tokens = _tokens(organisers)
    synonyms = textsearch.synonyms()
    key = (tuple(sorted(tokens.items())), lang, id(synonyms))
    with _lock:
        hit = _combined.get(key)
        if hit and hit[0] is synonyms:
            _combined.move_to_end(key)
            return hit[1]
        generation = _generation[0]
    indexes = sorted((org_index(o, lang, tokens[o]) for o in organisers), key=lambda ix: ix.name)
    parts, offset, vocabulary = [], 0, {}
    for index in indexes:
        parts.append((offset, index))
        offset += len(index.pks)
        for word, shown in index.vocabulary.items():
            vocabulary.setdefault(word, shown)
    textsearch.add_synonym_words(vocabulary)
    vocabulary_terms = frozenset().union(*(ix.vocabulary_terms for ix in indexes)) | _synonym_terms(synonyms)
    result = Combined(parts, vocabulary, vocabulary_terms)
    with _lock:
        if generation == _generation[0]:
            _combined[key] = (synonyms, result)
            while len(_combined) > MAX_CACHED:
                _combined.popitem(last=False)
    return result


@lru_cache(maxsize=4)
def _synonym_terms(synonyms) -> frozenset:
    return textsearch.vocabulary_terms(textsearch.add_synonym_words({}))


def rank(query, index: Combined, cutoff: float = 0.4) -> list:
    """The ids of the services the query finds, best first: `textsearch.rank` over the candidates."""
    terms, prefixes = textsearch.query_terms(query)
    query.prefixed = index.prefixed(prefixes)
    candidates = [index.item(i) for i in index.candidates(terms, query.prefixed)]
    return textsearch.rank_terms(query, candidates, cutoff)


def search(organisers: list, lang: str, text: str, places=()) -> tuple[list, object]:
    """(service ids best first, the parsed query) for `text` over the organisers' public services."""
    index = combined(organisers, lang)
    query = textsearch.parse(text, places=places, vocabulary=index.vocabulary, vocab_terms=index.vocabulary_terms)
    return rank(query, index), query


# ---- place names ---------------------------------------------------------------------------------
def place_names() -> dict:
    """{folded name: municipality id} over every language's name ("jakobstad" and "pietarsaari")."""
    from yhdyspinta.organisations.models import Organisation

    municipalities = Organisation.objects.municipalities()
    token = table_token(Organisation)  # any organisation's change: rare
    with _lock:
        if _places.get("token") == token:
            return _places["names"]
        generation = _generation[0]
    names: dict = {}
    for pk, *translated in municipalities.values_list("pk", *[f"name_{lg}" for lg in LANGS]):
        for name in translated:
            if name:
                names.setdefault(textsearch.fold(name), pk)
    with _lock:
        if generation == _generation[0]:
            _places.update(token=token, names=names)
    return names
