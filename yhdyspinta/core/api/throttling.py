"""API rate limits: DRF's anonymous (per address) and user (per account) throttles.

The counters live in the `throttle` cache (settings.CACHES): by default a file cache that the
app server's workers share, so the limit holds per server. With several app servers behind a
load balancer each counts on its own (a client may get up to N × the rate) unless THROTTLE_CACHE
points the cache at a shared one. Rates: API_THROTTLE_ANON / API_THROTTLE_USER (README).
"""

from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from yhdyspinta.core import audit


class _SharedCache:
    @property
    def cache(self):
        from django.conf import settings

        return caches["throttle" if "throttle" in settings.CACHES else "default"]  # a test's own CACHES

    def get_ident(self, request):
        """The client address the access log uses (X-Forwarded-For only from TRUSTED_PROXIES)."""
        address = getattr(audit, "client_address", None)
        return (address(request) if address else None) or super().get_ident(request)


class AnonThrottle(_SharedCache, AnonRateThrottle):
    pass


class UserThrottle(_SharedCache, UserRateThrottle):
    pass
