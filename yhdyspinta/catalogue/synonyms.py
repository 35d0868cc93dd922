"""The editors' search synonyms (SearchSynonym) in the one search module (core/textsearch.py).

`connect()` (AppConfig.ready) adds the stored list on top of the shipped one; every search asks
`token()` (one small aggregate query) and reloads the rows only when an entry was added, changed or
deleted, in this process or another."""

from django.db.models import Count, Max, Sum

from yhdyspinta.core import textsearch


def token():
    from .models import SearchSynonym

    agg = SearchSynonym.objects.aggregate(n=Count("pk"), last=Max("pk"), versions=Sum("version"))
    return agg["n"], agg["last"], agg["versions"]


def rows():
    from .models import SearchSynonym

    return list(SearchSynonym.objects.values_list("language", "phrase", "expands_to"))


def connect():
    textsearch.add_synonym_source(token, rows)
