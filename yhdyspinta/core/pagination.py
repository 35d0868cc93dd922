"""Pagination that never counts a national table to show 50 rows.

Counting every visible row of 7 million status reports or 150 000 decisions costs more than
the page itself (a restricted count is a full scan). Lists count at most `COUNT_LIMIT` rows past
the requested page; beyond that the count is a lower bound, shown as "more than 10 000" on pages
and as `count_exact: false` in the API. Paging on works either way.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

COUNT_LIMIT = 10_000
MAX_COUNTED = 10**12  # an offset past any table; a LIMIT beyond 2**63 is an SQL error
MAX_PER_PAGE = 500  # a list page's ?per_page= (django-tables2) is clamped to 1..MAX_PER_PAGE


def api_max_limit() -> int:
    from django.conf import settings

    return getattr(settings, "API_MAX_LIMIT", 1000)


def capped_count(rows, at_least: int = 0) -> tuple[int, bool]:
    """(count, exact): counts up to max(COUNT_LIMIT, at_least) rows, then stops."""
    cap = max(COUNT_LIMIT, min(at_least, MAX_COUNTED))
    table_data = getattr(rows, "data", None)  # django-tables2 pages its BoundRows: count their queryset
    if hasattr(table_data, "data") and hasattr(table_data.data, "order_by"):
        rows = table_data.data
    try:
        found = rows.order_by()[: cap + 1].count()  # no ORDER BY: the count does not care
    except (AttributeError, TypeError):
        found = len(rows)
    return (found, True) if found <= cap else (cap, False)


class CappedCountPaginator(Paginator):
    """django-tables2's paginator for the list pages.

    `?per_page=` comes from the request: 0 or a negative number would leave no page to show
    (a 500), a huge one would render the whole table; both are clamped.
    """

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), MAX_PER_PAGE), *args, **kwargs)

    @cached_property
    def _capped(self):
        return capped_count(self.object_list)

    @cached_property
    def count(self):
        return self._capped[0]

    @property
    def count_exact(self) -> bool:
        return self._capped[1]


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """`?limit=&offset=`; `count_exact` says whether `count` is the whole total.

    `limit` is at most `API_MAX_LIMIT` (setting, default 1000): a larger one is capped, not
    refused, and the `next` link continues from there. An offset past MAX_COUNTED is an empty page.
    """

    @property
    def max_limit(self):
        return api_max_limit()

    def get_offset(self, request):
        return min(super().get_offset(request), MAX_COUNTED)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.offset = self.get_offset(request)
        self.count, self.count_exact = capped_count(queryset, self.offset + self.limit)
        if self.count > self.limit and self.template is not None:
            self.display_page_controls = True
        if self.count == 0 or self.offset > self.count:
            return []
        return list(queryset[self.offset:self.offset + self.limit])

    def get_next_link(self):
        if self.count_exact:
            return super().get_next_link()
        url = replace_query_param(self.request.build_absolute_uri(), self.limit_query_param, self.limit)
        return replace_query_param(url, self.offset_query_param, self.offset + self.limit)

    def get_paginated_response(self, data):
        return Response({
            "count": self.count,
            "count_exact": self.count_exact,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_exact"] = {
            "type": "boolean",
            "description": f"false: there are more than `count` ({COUNT_LIMIT} or offset + limit) results",
        }
        response["required"] = [*response["required"], "count_exact"]
        return response
