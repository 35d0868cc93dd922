"""Finder relevance bench: top-1 and top-3 hit rates per language over bench/finder/queries.tsv.

Ranks the demo catalogue's services (catalogue/templates_data.py: the services every municipality of
the demo county gets) with the finder's fields and `core.textsearch`, as the finder does; a query that
names a place must also select that municipality (Pirkanmaa's 22 municipalities as the places).

    DEBUG=1 .venv/bin/python bench/finder/bench_finder.py [-v]
"""

import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from yhdyspinta.catalogue import templates_data
from yhdyspinta.catalogue.choices import ServiceField
from yhdyspinta.core import textsearch

PLACES = ["Akaa", "Hämeenkyrö", "Ikaalinen", "Juupajoki", "Kangasala", "Kihniö", "Lempäälä", "Mänttä-Vilppula",
          "Nokia", "Orivesi", "Parkano", "Pirkkala", "Punkalaidun", "Pälkäne", "Ruovesi", "Sastamala", "Tampere",
          "Urjala", "Valkeakoski", "Vesilahti", "Virrat", "Ylöjärvi"]


def services():
    seen = {}
    for template in templates_data.TEMPLATES:
        for s in template["services"]:
            seen.setdefault(s["key"], s)
    return list(seen.values())


def fields(s):
    """The finder's service fields (catalogue.finder.service_fields) of a template service."""
    label = str(dict(ServiceField.choices).get(s["field"], s["field"]))
    return [(s["name_fi"], 3.0), (s["name_fi"], 2.5), (s["name_sv"], 2.5), (s["name_en"], 2.5), (label, 2.0)]


def main(verbose=False):
    items = services()
    rows = [line.split("\t") for line in (Path(__file__).parent / "queries.tsv").read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    stats = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        lang, query, expected = row[:3]
        place = row[3] if len(row) > 3 else None
        ranked, parsed = textsearch.search(query, items, fields, places=PLACES)
        keys = [s["key"] for s in ranked]
        place_ok = (parsed.place == textsearch.fold(place)) if place else parsed.place is None
        top1 = bool(keys[:1] == [expected] and place_ok)
        top3 = bool(expected in keys[:3] and place_ok)
        stats[lang][0] += 1
        stats[lang][1] += top1
        stats[lang][2] += top3
        if verbose and not top1:
            print(f"  {'miss' if not top3 else 'top3'} [{lang}] {query!r}: expected {expected}"
                  f"{' in ' + place if place else ''}, got {keys[:3]} place={parsed.place}")
    print(f"{'lang':4} {'queries':>7} {'top-1':>7} {'top-3':>7}")
    for lang in ("fi", "sv", "en"):
        n, t1, t3 = stats[lang]
        print(f"{lang:4} {n:7d} {t1 / n:7.1%} {t3 / n:7.1%}")
    n = sum(s[0] for s in stats.values())
    print(f"{'all':4} {n:7d} {sum(s[1] for s in stats.values()) / n:7.1%} "
          f"{sum(s[2] for s in stats.values()) / n:7.1%}")
    return stats


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
