"""Refreshes the indicators that organising areas follow from THL Sotkanet (for cron)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.core.tabular import InputError
from yhdyspinta.indicators import actions
from yhdyspinta.indicators.loaders.sotkanet import SotkanetClient, SotkanetError
from yhdyspinta.organisations.models import Organisation


class Command(BaseCommand):
    help = "Refresh the followed indicator sets' values from Sotkanet; a failure leaves stored data untouched."

    def add_arguments(self, parser):
        parser.add_argument("--area", help="official code of one organising area (e.g. 08); default all")
        parser.add_argument("--from-year", type=int, default=date.today().year - 10)
        parser.add_argument("--to-year", type=int, default=date.today().year)
        parser.add_argument("--indicator", action="append", default=[], help="extra Sotkanet indicator id")
        parser.add_argument("--base-url", help="override SOTKANET_BASE_URL")

    def handle(self, *args, area=None, from_year, to_year, indicator, base_url=None, **options):
        area_org = None
        if area:
            area_org = Organisation.objects.filter(organises_sote=True, area_code=area).first()
            if area_org is None:
                raise CommandError(f"no organising area with code {area}")
        ids = sorted(set(actions.followed_indicator_ids(area_org)) | set(indicator), key=lambda s: (len(s), s))
        if not ids:
            self.stdout.write("no followed indicators: nothing to refresh")
            return
        if from_year > to_year:
            raise CommandError("--from-year is after --to-year")
        client = SotkanetClient(base_url)
        try:
            summary = actions.refresh_sotkanet(ids, range(from_year, to_year + 1), client=client)
        except (SotkanetError, InputError) as exc:
            raise CommandError(f"refresh failed, stored data untouched: {exc}") from None
        self.stdout.write(str(summary))
