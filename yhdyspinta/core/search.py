"""Site search: each app registers searchable models; results honour restrict(user, "view").

Finnish is inflected ("neuvolaan" → "neuvola"), so each query word is also tried with its
common case endings stripped (a light stemmer; see docs/search.md).
"""

from django.db.models import Q

# (model label, fields to search, url name for detail or None to use get_absolute_url)
_REGISTRY: list[tuple[str, tuple[str, ...]]] = []

_SUFFIXES = sorted(
    ["ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "tta", "ttä", "na", "nä", "ta", "tä", "an", "en", "in", "on", "un", "yn", "än", "ön", "hin", "seen", "siin", "ihin", "iin", "issa", "issä", "ista", "istä", "illa", "illä", "ilta", "iltä", "ille", "iksi", "ina", "inä", "ineen", "ien", "iden", "itten", "jen", "t", "n", "a", "ä"],
    key=len,
    reverse=True,
)


def register(model_label: str, fields: tuple[str, ...]):
    if (model_label, fields) not in _REGISTRY:
        _REGISTRY.append((model_label, fields))


def stem_fi(word: str) -> str:
    """Strips one common Finnish case ending, keeping at least four letters of the stem."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def query_terms(query: str) -> list[str]:
    return [stem_fi(w) for w in query.replace(",", " ").split() if w.strip()][:8]


def text_filter(fields, query: str) -> Q:
    """Every word must match some field (prefix/infix match on the stem)."""
    q = Q()
    for term in query_terms(query):
        term_q = Q()
        for field in fields:
            term_q |= Q(**{f"{field}__icontains": term})
        q &= term_q
    return q


def search_all(query: str, user, limit: int = 25):
    from django.apps import apps

    groups = []
    for label, fields in _REGISTRY:
        model = apps.get_model(label)
        qs = model.objects.restrict(user, "view").filter(text_filter(fields, query))
        results = list(qs[:limit])
        if results:
            groups.append({"model": model, "title": model._meta.verbose_name_plural, "results": results})
    return groups
