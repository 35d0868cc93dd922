"""Imports a lease list from CSV/XLSX, as the lease import page does (all or nothing)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.core.commands import user_named
from yhdyspinta.facilities import actions


class Command(BaseCommand):
    help = ("Import a lease list (municipality, building, premise, landlord, tenant, starts_on, …; see "
            "docs/facilities.md); the user's rights apply and every change is audited in the user's name.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (Finnish Excel dialects accepted) or XLSX")
        parser.add_argument("--user", required=True, help="username the import is made as")
        parser.add_argument("--visibility", choices=("public", "internal"), default="public")

    def handle(self, *args, file, user, visibility, **options):
        actor = user_named(user)
        path = Path(file)
        try:
            leases = actions.import_leases(path.read_bytes(), path.name, acting_user=actor, visibility=visibility)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        except ValidationError as exc:
            raise CommandError(f"refused, nothing imported: {' '.join(exc.messages)}") from None
        except PermissionDenied:
            raise CommandError(f"refused, nothing imported: {user} may not change a record in the file") from None
        self.stdout.write(f"{len(leases)} leases imported from {path.name}")
