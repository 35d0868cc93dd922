"""Imports indicator values or metadata from a file: Sotkanet JSON, long CSV or JSON-stat 2.0."""

from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.core.tabular import InputError
from yhdyspinta.indicators import actions


class Command(BaseCommand):
    help = "Import indicator values (Sotkanet JSON with --regions, long CSV, JSON-stat 2.0) or Sotkanet metadata."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="files to import; each is all or nothing")
        parser.add_argument("--regions", help="Sotkanet /regions JSON, needed for Sotkanet data files")

    def handle(self, *args, files, regions=None, **options):
        failed = []
        for name in files:
            try:
                summary = actions.import_file(name, regions_path=regions)
            except (InputError, OSError) as exc:
                failed.append(name)
                self.stderr.write(f"refused, nothing imported: {exc}")
                continue
            self.stdout.write(str(summary))
        if failed:
            raise CommandError(f"{len(failed)} file(s) refused: {', '.join(failed)}")
