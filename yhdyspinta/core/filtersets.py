"""The base of every filter set: choice lists offer only records the user may see.

A filter's <select> of forums, people or interfaces is a list of records like any other: built
from `Model.objects.all()` it would show the names of internal records to anyone (and an API
filter by a hidden id would answer differently from one by a missing id). So the choices go
through the same `restrict(user, "view")` as the lists.
"""

import django_filters


class RestrictedFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = getattr(request, "user", None)
        for flt in self.filters.values():
            choices = getattr(flt, "queryset", None)
            if choices is None:
                continue
            if callable(choices):
                flt.queryset = _restricted_callable(choices, user)
            elif hasattr(choices, "restrict"):
                flt.queryset = choices.restrict(user, "view")


def _restricted_callable(make_queryset, user):
    def queryset(request):
        result = make_queryset(request)
        return result.restrict(user, "view") if hasattr(result, "restrict") else result

    return queryset
