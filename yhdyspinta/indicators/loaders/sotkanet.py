"""THL Sotkanet REST API 1.1 client: User-Agent, bounded retries with backoff, an on-disk cache.

Base URL from the setting SOTKANET_BASE_URL (default https://sotkanet.fi/rest/1.1); the cache
lives in SOTKANET_CACHE_DIR (default var/cache/sotkanet) for SOTKANET_CACHE_TTL seconds (1 day);
each is read from the environment (or `.env`) when the setting is not given (README, "Configuration");
the first retry waits SOTKANET_BACKOFF seconds (0.5), each next one twice as long.
Every failure raises `SotkanetError` naming the URL and the reason; nothing is written here.
"""

import hashlib
import json
import os
import time
from pathlib import Path

import requests
from django.conf import settings

DEFAULT_BASE_URL = "https://sotkanet.fi/rest/1.1"
USER_AGENT = "Yhdyspinta/1.0 (+https://github.com/yhdyspinta; indicator refresh)"


def configured(name, default):
    """A Django setting, else the environment variable of the same name (README), else the default."""
    value = getattr(settings, name, None)
    if value is None or value == "":
        value = os.environ.get(name) or default
    return value


class SotkanetError(Exception):
    """A network or protocol failure; the message says what failed."""


class SotkanetClient:
    def __init__(self, base_url=None, *, cache_dir=None, ttl=None, retries=3, backoff=None, timeout=30,
                 session=None):
        self.base_url = (base_url or configured("SOTKANET_BASE_URL", DEFAULT_BASE_URL)).rstrip("/")
        default_cache = Path(settings.BASE_DIR) / "var" / "cache" / "sotkanet"
        self.cache_dir = Path(cache_dir or configured("SOTKANET_CACHE_DIR", default_cache))
        self.ttl = int(configured("SOTKANET_CACHE_TTL", 86400)) if ttl is None else ttl
        self.backoff = getattr(settings, "SOTKANET_BACKOFF", 0.5) if backoff is None else backoff
        self.retries, self.timeout = retries, timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.requests_made = 0

    # ---- the endpoints --------------------------------------------------------------------
    def regions(self):
        return self.get("/regions")

    def indicators(self):
        return self.get("/indicators")

    def indicator(self, indicator_id):
        return self.get(f"/indicators/{int(indicator_id)}")

    def values(self, indicator_id, years, genders=("total",)):
        return self.get("/json", self._values_params(indicator_id, years, genders))

    def values_url(self, indicator_id, years, genders=("total",)):
        """The address `values()` fetches (recorded as the provenance of the values)."""
        return self.url("/json", self._values_params(indicator_id, years, genders))

    @staticmethod
    def _values_params(indicator_id, years, genders):
        params = [("indicator", int(indicator_id))] + [("years", int(y)) for y in years]
        return params + [("genders", g) for g in genders]

    # ---- transport ------------------------------------------------------------------------
    def url(self, path, params=()):
        query = "&".join(f"{k}={v}" for k, v in params)
        return f"{self.base_url}{path}" + (f"?{query}" if query else "")

    def get(self, path, params=()):
        url = self.url(path, params)
        cached = self._cache_read(url)
        if cached is not None:
            return cached
        last = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                self.requests_made += 1
                response = self.session.get(url, timeout=self.timeout)
            except (requests.Timeout, requests.ConnectionError) as exc:
                last = f"{type(exc).__name__}: {exc}"
                continue
            if response.status_code >= 500 or response.status_code == 429:
                last = f"HTTP {response.status_code}"
                continue
            if response.status_code != 200:
                raise SotkanetError(f"{url}: HTTP {response.status_code}")
            try:
                payload = response.json()
            except (ValueError, RecursionError):  # RecursionError: JSON nested over ~1 000 levels
                raise SotkanetError(f"{url}: the response is not JSON") from None
            self._cache_write(url, payload)
            return payload
        raise SotkanetError(f"{url}: failed after {self.retries + 1} attempts ({last})")

    def _cache_path(self, url):
        return self.cache_dir / (hashlib.sha256(url.encode()).hexdigest() + ".json")

    def _cache_read(self, url):
        if not self.ttl:
            return None
        path = self._cache_path(url)
        try:
            if time.time() - path.stat().st_mtime > self.ttl:
                return None
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _cache_write(self, url, payload):
        if not self.ttl:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = self._cache_path(url).with_suffix(".tmp")
            tmp.write_text(json.dumps(payload), encoding="utf-8")
            tmp.replace(self._cache_path(url))
        except OSError:
            pass  # a cache that cannot be written is only slower
