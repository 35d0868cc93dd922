"""Imports inventory items of one transfer project from CSV/XLSX, as the project's import page does
(all rows or none; the user's rights apply and every change is audited in the user's name)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.core.commands import user_named
from yhdyspinta.core.tabular import InputError
from yhdyspinta.transfers import importing
from yhdyspinta.transfers.models import TransferProject


class Command(BaseCommand):
    help = ("Import inventory items into a transfer project (columns kind,title,from_party,to_party,owner "
            "[,decision,due_date,status,quantity,cost,headcount,fte,evidence,evidence_url,notes,visibility]).")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (Finnish Excel dialects accepted) or XLSX")
        parser.add_argument("--project", type=int, required=True, help="transfer project id")
        parser.add_argument("--user", required=True, help="username the import is made as")

    def handle(self, *args, file, project, user, **options):
        actor = user_named(user)
        try:
            target = TransferProject.objects.get(pk=project)
        except TransferProject.DoesNotExist:
            raise CommandError(f"no transfer project {project}") from None
        path = Path(file)
        try:
            created = importing.import_items(target, path, path.name, acting_user=actor)
        except InputError as exc:
            raise CommandError(f"refused, nothing imported: {exc}") from None
        except PermissionDenied:
            raise CommandError(f"refused: {user} may not add these items") from None
        self.stdout.write(f"{path.name}: {len(created)} items imported")
