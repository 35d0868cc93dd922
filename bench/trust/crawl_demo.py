"""Crawl the demo as an anonymous visitor and as a user of another county; report leaks and 5xx.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/crawl.sqlite3 python manage.py migrate
    DEBUG=1 DATABASE_URL=sqlite:////tmp/crawl.sqlite3 python manage.py load_demo
    DEBUG=1 DATABASE_URL=sqlite:////tmp/crawl.sqlite3 python bench/trust/crawl_demo.py [--max-pages N]

Exits 1 when anything leaked, a raw field name showed or a page answered 5xx. Figures:
docs/reliability.md.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.test import Client

from tests.crawl import crawl
from yhdyspinta.accounts.models import User

ROLES = {"anonymous": None, "oulu-editori (another county)": "oulu-editori",
         "koordinaattori (the demo county's coordinator)": "koordinaattori"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-pages", type=int, default=5000)
    parser.add_argument("--per-route", type=int, default=40)
    args = parser.parse_args()
    failed = False
    for label, username in ROLES.items():
        user = User.objects.get(username=username) if username else None
        client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
        if user:
            client.force_login(user)
        started = time.perf_counter()
        result = crawl(client, user, max_pages=args.max_pages, per_route=args.per_route)
        seconds = time.perf_counter() - started
        print(f"{label}: {result.pages} pages in {seconds:.0f} s, statuses {dict(sorted(result.statuses.items()))}, "
              f"{result.secrets} secrets checked, leaks {len(result.leaks)}, raw field names "
              f"{len(result.raw_field_names)}, 5xx {len(result.server_errors)}")
        for url, what in result.leaks[:30]:
            print(f"  LEAK {url}: {what}")
        for url, name in result.raw_field_names[:30]:
            print(f"  RAW FIELD NAME {url}: {name}")
        for url, status in result.server_errors[:30]:
            print(f"  {status} {url}")
        failed |= bool(result.leaks or result.raw_field_names or result.server_errors)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
