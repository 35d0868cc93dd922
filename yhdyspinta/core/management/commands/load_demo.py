"""Loads reference data and each app's demo data (module `<app>.demo`, function `load(stdout)`).

A demo module may also have `load_reference()`: reference data every demo builds on (the
organisations' classification), loaded first and also with `--only`.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from yhdyspinta.core.discovery import app_modules


class Command(BaseCommand):
    help = "Loads the reference data and the demo data of every app (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="Only these apps' demo data (labels).")

    def handle(self, *args, only=None, **options):
        modules = app_modules("demo")
        for _label, module in modules:
            if hasattr(module, "load_reference"):
                module.load_reference()
        for label, module in modules:
            if only and label not in only:
                continue
            with transaction.atomic():
                module.load(self.stdout)
            self.stdout.write(f"demo data: {label}")
