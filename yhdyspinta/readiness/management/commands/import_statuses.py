"""Imports a whole period's status reports from CSV/XLSX, as the period page does (all or nothing)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.core.commands import user_named
from yhdyspinta.core.tabular import InputError
from yhdyspinta.readiness import actions
from yhdyspinta.readiness.models import Period


class Command(BaseCommand):
    help = ("Import the status reports of one period (columns region,task_id,status[,comment]); "
            "the user's rights apply and every change is audited in the user's name.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (Finnish Excel dialects accepted) or XLSX")
        parser.add_argument("--roadmap", type=int, required=True, help="roadmap id")
        parser.add_argument("--period", required=True, help="period code, e.g. 2021-10")
        parser.add_argument("--user", required=True, help="username the import is made as")

    def handle(self, *args, file, roadmap, period, user, **options):
        actor = user_named(user)
        try:
            target = Period.objects.get(roadmap_id=roadmap, code=period)
        except Period.DoesNotExist:
            raise CommandError(f"roadmap {roadmap} has no period {period!r}") from None
        path = Path(file)
        try:
            result = actions.import_period_statuses(target, path.read_bytes(), path.name, actor=actor)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        except InputError as exc:
            raise CommandError(f"refused, nothing imported: {exc}") from None
        except ValidationError as exc:
            raise CommandError(f"refused, nothing imported: {' '.join(exc.messages)}") from None
        except PermissionDenied:
            raise CommandError(f"refused: {user} may not report in this roadmap") from None
        self.stdout.write(f"{path.name}: {result['created']} new, {result['updated']} changed, "
                          f"{result['unchanged']} unchanged")
