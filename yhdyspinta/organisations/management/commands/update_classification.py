from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.core.tabular import InputError
from yhdyspinta.organisations import reference


class Command(BaseCommand):
    help = (
        "Updates municipalities (and optionally counties) from a newer CSV of the same columns "
        "(code,name_fi,name_sv,population,county_code). Reports every change; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", required=True, type=Path)
        parser.add_argument("--counties", type=Path, default=reference.COUNTIES_CSV)
        parser.add_argument("--date", type=date.fromisoformat, help="Date a ceased municipality closes (default today).")
        parser.add_argument("--dry-run", action="store_true", help="Report the changes without applying them.")

    def handle(self, *args, **options):
        try:
            county_rows = reference.parse_counties(options["counties"])
            codes = {row["code"] for _l, row in county_rows}
            rows = reference.parse_municipalities(options["municipalities"], county_codes=codes)
            if options["dry_run"]:
                changes = reference.plan(rows, county_rows)
            else:
                changes = reference.apply(rows, county_rows, effective=options["date"])
        except (InputError, OSError) as exc:
            raise CommandError(str(exc)) from None
        for change in changes:
            self.stdout.write(str(change))
        verb = "would change" if options["dry_run"] else "changed"
        self.stdout.write(f"{len(changes)} change(s) {verb}.")
