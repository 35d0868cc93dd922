"""The base of every filter set: choice lists offer only records the user may see.

A filter's <select> of forums, people or interfaces is a list of records like any other: built
from `Model.objects.all()` it would show the names of internal records to anyone (and an API
filter by a hidden id would answer differently from one by a missing id). So the choices go
through the same `restrict(user, "view")` as the lists.

Numbers from the query string are bounded here too, once for every filter set: a NumberFilter
takes values within the database's bigint range, and one on a year (a `year` lookup or a name
with "year" in it) 1900–2100. Outside them the filter form is invalid: the list page shows the
message and no rows, the API answers 400, where the query would otherwise fail with a 500
(`starts_at__year=10000` has no date; 10**20 does not fit an SQL integer).
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend

from yhdyspinta.core.search import text_filter

BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1
YEAR_MIN, YEAR_MAX = 1900, 2100


def _is_year(name: str, flt) -> bool:
    return flt.lookup_expr == "year" or "year" in name or "year" in (flt.field_name or "").split("__")[-1]


def bound_numbers(filters) -> None:
    """Sets min/max on every NumberFilter (before its form field is made)."""
    for name, flt in filters.items():
        if not isinstance(flt, django_filters.NumberFilter):
            continue
        low, high = (YEAR_MIN, YEAR_MAX) if _is_year(name, flt) else (BIGINT_MIN, BIGINT_MAX)
        flt.extra.setdefault("min_value", low)
        flt.extra.setdefault("max_value", high)
        flt.extra.setdefault("error_messages", {
            "min_value": _("Use a number from %(low)s to %(high)s.") % {"low": low, "high": high},
            "max_value": _("Use a number from %(low)s to %(high)s.") % {"low": low, "high": high},
        })


class AllYesNoWidget(django_filters.widgets.BooleanWidget):
    """A yes/no filter whose empty choice reads "All" (django-filter's says "Unknown")."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("All")), ("true", _("Yes")), ("false", _("No")))


class RestrictedFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        bound_numbers(self.filters)
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


class SearchFilterSet(RestrictedFilterSet):
    """A filter set with the text search `q` over `search_fields` (Finnish word forms, core.search)."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    search_fields: tuple[str, ...] = ()

    def search(self, queryset, name, value):
        if not value:
            return queryset
        user = getattr(self.request, "user", None)
        return queryset.filter(text_filter(self.search_fields, value, queryset.model, user))


class BoundedFilterBackend(DjangoFilterBackend):
    """The API's filter backend: the same number bounds for every filter set, also for those
    a viewset makes from `filterset_fields` or declares on django-filter's own FilterSet."""

    filterset_base = RestrictedFilterSet

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None and not isinstance(filterset, RestrictedFilterSet):
            bound_numbers(filterset.filters)
        return filterset


# ---- lists of values: ?region=1,2 or ?region=1&region=2; an unknown value is refused -------------
class _ListWidget(django_filters.widgets.forms.TextInput):
    """Repeated parameters and comma-separated ones alike: one comma-separated text."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return ",".join(str(v) for v in values if v not in (None, ""))


class _KnownValuesField(django_filters.fields.forms.CharField):
    widget = _ListWidget

    def __init__(self, *args, known=None, what="", **kwargs):
        self.known, self.what = known, what
        super().__init__(*args, **kwargs)

    def clean(self, value):
        from django.core.exceptions import ValidationError

        value = super().clean(value)
        parts = [part.strip() for part in (value or "").split(",") if part.strip()]
        if not parts:
            return []
        found = {str(v) for v in self.known(parts)} if self.known else set(parts)
        unknown = [part for part in parts if part not in found]
        if unknown:
            raise ValidationError(_("Unknown %(what)s: %(values)s.") % {"what": self.what,
                                                                          "values": ", ".join(unknown[:10])})
        return parts


class KnownValuesFilter(django_filters.Filter):
    """A filter taking one or more values (comma-separated or the parameter repeated) that must
    all exist: `known(values)` returns those that do; any other is a 400 naming it (on a page, the
    filter form's error). The one mechanism for "several regions" and "unknown value" filters."""

    field_class = _KnownValuesField

    def __init__(self, *args, known, what, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra.update(known=known, what=what)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


def known_values(queryset_factory, field):
    """`known` for KnownValuesFilter: the values of `field` among `queryset_factory()` rows."""

    def known(values):
        lookup = f"{field}__in"
        if field in ("pk", "id") or field.endswith("_id"):
            values = [v for v in values if v.isdigit() and len(v) < 19]
        return queryset_factory().filter(**{lookup: values}).values_list(field, flat=True)

    return known
