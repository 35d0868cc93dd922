"""The synthetic national data set: the shared helpers and the discovery of each app's part.

`manage.py generate_national` runs the parts that the installed apps contribute in their
`<app>/synthetic.py` module (`PARTS = [Part(...)]`), so core names no app and a new app adds its
records without a change here. Parts run in `order` and share one random source (`ctx.rng`):
the order fixes the random stream, so the same seed gives the same data set. The numbers in use:
reference data 0 (organisations), users 10 (accounts), catalogue 20, cooperation 30,
readiness 40, indicators 50, integration 60; a new app takes a free number after these.
Rows go in with bulk_create in batches (`insert`, `stream`); bulk_create sends no signals, so
generated records are not audited: it is test data.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from yhdyspinta.core.discovery import app_modules

BATCH = 2000
PASSWORD = "secret-password-1"  # the factories' password: load tests log in with it


class Context:
    """What the parts share: the random source and the scale; parts add what later parts use
    (the organisations part: `counties`, `areas`, `municipalities`, `members`, `regions`;
    the users part: `users`)."""

    def __init__(self, seed: int, scale: float, out):
        self.rng = random.Random(seed)
        self.scale = scale
        self.out = out


@dataclass(frozen=True)
class Part:
    """One part of the data set. `run(ctx)` returns {label: count} for the report line.

    `always`: runs also when `--only` names other parts (reference data the others build on);
    `exists()`: True when the database already holds this part's generated data (a second
    run is refused).
    """

    name: str
    order: int
    run: Callable[[Context], dict]
    always: bool = False
    exists: Callable[[], bool] | None = None


def parts() -> list[Part]:
    """Every installed app's parts, in their order."""
    found = [part for _label, module in app_modules("synthetic") for part in getattr(module, "PARTS", ())]
    return sorted(found, key=lambda part: part.order)


def n(volume: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(volume * scale))


def translated(model, values: dict) -> dict:
    """Copies each modeltranslation field's value to its Finnish column (bulk_create skips the magic)."""
    try:
        from modeltranslation.translator import translator

        fields = translator.get_options_for_model(model).all_fields
    except Exception:  # noqa: BLE001 - model not registered for translation
        return values
    extra = {f"{name}_fi": value for name, value in values.items() if name in fields}
    return {**values, **extra}


def insert(model, rows, batch=BATCH) -> list:
    """bulk_create of an iterable of dicts or instances in batches; returns the created objects."""
    created, rows = [], iter(rows)
    while chunk := list(islice(rows, batch)):
        objs = [model(**translated(model, r)) if isinstance(r, dict) else r for r in chunk]
        created += model.objects.bulk_create(objs, batch_size=batch)
    return created


def stream(model, rows, batch=BATCH) -> int:
    """Like insert() but keeps nothing in memory (for the millions of values and statuses)."""
    count, rows = 0, iter(rows)
    while chunk := list(islice(rows, batch)):
        model.objects.bulk_create([model(**r) for r in chunk], batch_size=batch)
        count += len(chunk)
    return count
