"""manage.py generate_duties [--county CODE] [--from 2022] [--to 2029]: create the statutory duties."""

from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.organisations.models import Organisation

from ...duties import generate_duties
from ...reference import load_reference_data


class Command(BaseCommand):
    help = "Loads the shipped duty rules and council terms and generates duties (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--county", help="County code (e.g. 08); all organising areas if omitted.")
        parser.add_argument("--from", dest="start", type=int, default=2022)
        parser.add_argument("--to", dest="end", type=int, default=2029)

    def handle(self, *args, county=None, start=2022, end=2029, **options):
        if end < start:
            raise CommandError("--to must not be before --from")
        load_reference_data()
        areas = Organisation.objects.organising_areas()
        if county:
            areas = areas.filter(code=county)
            if not areas.exists():
                raise CommandError(f"no organising area with code {county}")
        total = sum(generate_duties(area, range(start, end + 1)) for area in areas)
        self.stdout.write(f"{total} duties created")
