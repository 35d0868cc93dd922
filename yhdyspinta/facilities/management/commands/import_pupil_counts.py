"""Imports pupil counts per school from CSV/XLSX, as the pupil-count import page does (all or nothing)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.core.commands import user_named
from yhdyspinta.facilities import actions


class Command(BaseCommand):
    help = ("Import pupil counts (school_code or school + municipality, pupils, counted_on; see "
            "docs/facilities.md); the user's rights apply and every change is audited in the user's name.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (Finnish Excel dialects accepted) or XLSX")
        parser.add_argument("--user", required=True, help="username the import is made as")

    def handle(self, *args, file, user, **options):
        path = Path(file)
        try:
            schools = actions.import_pupil_counts(path.read_bytes(), path.name, acting_user=user_named(user))
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        except ValidationError as exc:
            raise CommandError(f"refused, nothing imported: {' '.join(exc.messages)}") from None
        self.stdout.write(f"pupil counts of {len(schools)} schools imported from {path.name}")
