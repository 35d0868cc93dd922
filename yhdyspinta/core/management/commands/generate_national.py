"""`generate_national --seed N --scale S`: a synthetic national data set for load and fault tests.

Every county and municipality (the shipped 2021 classification), then users with memberships
and, for each app that is installed, its records in the volumes of issue 9 times the scale:
10 000 interfaces with assessments, 2 000 forums, 50 000 meetings with items and decisions,
5 000 agreements, 5 000 000 indicator values, a readiness roadmap of 1 000 tasks × 300 regions
× 24 periods, 1 000 000 integration-study answers, 20 000 users. Deterministic from the seed (except auto timestamps); rows go in
with bulk_create in batches, one transaction per part, so it runs on SQLite and PostgreSQL.
Each app contributes its part in `<app>/synthetic.py` (`yhdyspinta.core.synthetic`): this
command names no app.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from yhdyspinta.core.synthetic import Context, parts


class Command(BaseCommand):
    help = "Generates a synthetic national data set (deterministic from --seed) for load and fault tests."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, required=True)
        parser.add_argument("--scale", type=float, default=0.01, help="0.01..1 of the national volumes.")
        parser.add_argument("--only", nargs="*", help="Generate only these parts (users, catalogue, …).")

    def handle(self, *args, seed, scale, only, **options):
        if not 0.0001 <= scale <= 1:
            raise CommandError("--scale must be between 0.0001 and 1")
        available = parts()
        unknown = sorted(set(only or ()) - {part.name for part in available})
        if unknown:
            raise CommandError(f"unknown part(s) {', '.join(unknown)}; the installed apps have: "
                               f"{', '.join(part.name for part in available)}")
        if any(part.exists and part.exists() for part in available):
            raise CommandError("this database already has a generated data set; use a fresh database")
        started = time.perf_counter()
        ctx = Context(seed, scale, self.stdout)
        for part in available:
            if only and part.name not in only and not part.always:
                continue
            part_started = time.perf_counter()
            with transaction.atomic():
                self.report(part.name, part.run(ctx), part_started)
        self.stdout.write(f"done in {time.perf_counter() - started:.1f} s (seed {seed}, scale {scale})")

    def report(self, name, counts, started):
        text = ", ".join(f"{v} {k}" for k, v in counts.items())
        self.stdout.write(f"{name:<12} {text} ({time.perf_counter() - started:.1f} s)")
