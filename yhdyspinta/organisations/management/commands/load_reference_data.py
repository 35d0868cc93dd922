from django.core.management.base import BaseCommand

from yhdyspinta.organisations.reference import load_reference_data


class Command(BaseCommand):
    help = "Loads all wellbeing services counties and municipalities (2021 classification). Idempotent."

    def handle(self, *args, **options):
        changes = load_reference_data()
        self.stdout.write(f"Reference data loaded: {len(changes)} change(s).")
