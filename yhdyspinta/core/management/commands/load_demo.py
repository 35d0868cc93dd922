"""Loads reference data and each app's demo data (module `<app>.demo`, function `load(stdout)`)."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from yhdyspinta.organisations.reference import load_reference_data


class Command(BaseCommand):
    help = "Loads the reference data and the demo data of every app (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="Only these apps' demo data (labels).")

    def handle(self, *args, only=None, **options):
        load_reference_data()
        for app in settings.YHDYSPINTA_APPS:
            label = app.rsplit(".", 1)[1]
            if only and label not in only:
                continue
            if find_spec(f"{app}.demo"):
                with transaction.atomic():
                    import_module(f"{app}.demo").load(self.stdout)
                self.stdout.write(f"demo data: {label}")
