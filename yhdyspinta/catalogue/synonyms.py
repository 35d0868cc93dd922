"""The editors' search synonyms (SearchSynonym) in the one search module (core/textsearch.py).

`connect()` (AppConfig.ready) adds the stored list on top of the shipped one; every search asks
`token()` (one small aggregate query) and reloads the rows only when an entry was added, changed or
deleted, in this process or another."""

from yhdyspinta.core import textsearch


def token():
    from .models import SearchSynonym
    from .search_index import table_token

    return table_token(SearchSynonym)  # plain SQL: asked on every search


def rows():
    from .models import SearchSynonym

    return list(SearchSynonym.objects.values_list("language", "phrase", "expands_to"))


def connect():
    textsearch.add_synonym_source(token, rows)
