"""Out-of-range query parameters on every list page and API list: answered, never a 5xx.

The routes and their parameters are enumerated, not written by hand: every page route without
URL arguments (its view's filterset fields, if any) and every API list operation (its
viewset's filterset fields), each with the parameters lists share (`year`, `period`, `page`,
`limit`, `offset`, `ordering`, `sort`, ...). A deterministic sweep sends each parameter one
hostile value at a time (huge and negative integers, a 10 000-digit number, non-ASCII text,
impossible dates, a NUL); a hypothesis test then draws further values. Counts of the sweep:
docs/reliability.md (`-s` prints them).
"""

from collections import Counter

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Parameters the views read themselves (besides their filter sets), sent together.
COMMON_PARAMS = ("year", "period", "page", "per_page", "sort", "ordering", "limit", "offset", "q",
                 "month", "area", "county", "region", "roadmap", "indicator", "kind", "format")
SKIP_PREFIXES = ("/i18n/", "/logout", "/accounts/logout", "/admin/", "/static/", "/media/",
                 "/api/v1/docs", "/api/v1/schema", "/login", "/accounts/login", "/password")
HOSTILE = (
    "99999999999999999999", "-99999999999999999999", "9" * 10_000, "-1", "10000",
    "1e400", "äöå€日本", "99.99.9999", "\x00",
)


def _routes(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        text = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + text)
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + text, pattern.callback


def _filter_names(filterset_class):
    if filterset_class is None:
        return ()
    return tuple(filterset_class.base_filters)


def page_targets():
    """(path, filter names) of every GET page without URL arguments."""
    out = []
    for route, callback in _routes():
        if route.startswith("/api/") or "<" in route or "^" in route or "(" in route:
            continue
        if route.startswith(SKIP_PREFIXES):
            continue
        view = getattr(callback, "view_class", None)
        out.append((route, _filter_names(getattr(view, "filterset_class", None))))
    return sorted(set(out))


def api_targets():
    """(path, filter names) of every API list operation without path arguments."""
    from drf_spectacular.generators import EndpointEnumerator

    out = []
    for path, _regex, method, callback in EndpointEnumerator().get_api_endpoints():
        if method != "GET" or "{" in path:
            continue
        cls = getattr(callback, "cls", None)
        out.append((path, _filter_names(getattr(cls, "filterset_class", None))))
    return sorted(set(out))


TARGETS = page_targets() + api_targets()
# One filter at a time (an invalid filter empties the list, so it would hide the others), and
# the views' own parameters all at once.
REQUESTS = [(path, (name,)) for path, names in TARGETS for name in names] + \
           [(path, COMMON_PARAMS) for path, _names in TARGETS]


@pytest.fixture
def clients(world):
    from tests.mfa import verify_session

    anonymous, admin = Client(raise_request_exception=False), Client(raise_request_exception=False)
    admin.force_login(world.admin)
    verify_session(admin, world.admin)  # a superuser has entered a sign-in code (docs/accounts.md)
    return {"anonymous": anonymous, "admin": admin}


def _get(client, path, params):
    response = client.get(path, params)
    return response.status_code


@pytest.mark.django_db
def test_sweep_no_server_error(clients):
    """Every filter of every target one at a time, and the views' own parameters together, with
    each hostile value; pages as a signed-in administrator (every page opens), the API anonymous."""
    statuses = Counter()
    errors = []
    for path, names in REQUESTS:
        client = clients["anonymous"] if path.startswith("/api/") else clients["admin"]
        for value in HOSTILE:
            status = client.get(path, {name: value for name in names}).status_code
            statuses[status] += 1
            if status >= 500:
                errors.append(f"{path}?{'&'.join(names)}={value[:30]!r}: {status}")
    print(f"\nsweep: {len(TARGETS)} routes, {len(REQUESTS)} parameter sets, "
          f"{sum(statuses.values())} requests, statuses {dict(sorted(statuses.items()))}")
    assert not errors, "\n".join(errors[:50]) + f"\n({len(errors)} in all)"


hostile_values = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.integers(min_value=1, max_value=6000).map(lambda n: "9" * n),
    st.text(max_size=40),
    st.from_regex(r"\A[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,6}\Z"),
    st.from_regex(r"\A-?[0-9]{1,30}(\.[0-9]{1,30})?(e-?[0-9]{1,5})?\Z"),
)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(target=st.sampled_from(REQUESTS), values=st.lists(hostile_values, min_size=1, max_size=4))
def test_hypothesis_no_server_error(clients, target, values):
    """Random values drawn for random parameters (each parameter its own value), as anonymous."""
    path, names = target
    params = {name: values[i % len(values)] for i, name in enumerate(names)}
    status = clients["anonymous"].get(path, params).status_code
    assert status < 500, f"{path} {params!r:.300}: {status}"
