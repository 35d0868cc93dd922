"""Refresh services and contacts from Suomi.fi Palvelutietovaranto (PTV Open API v11).

    manage.py refresh_ptv                      # every organisation with a PTV id (general contacts)
    manage.py refresh_ptv --organisation 536   # one organisation, by its code
    manage.py refresh_ptv --create             # also create services PTV has and the register lacks

Each organisation is all or nothing; a failure names the organisation and the reason and the others
are still refreshed (exit status 1 when any failed).
"""

from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.catalogue.models import OrganisationContact
from yhdyspinta.catalogue.ptv import PtvClient, PtvError
from yhdyspinta.catalogue.ptv_actions import refresh_ptv


def refresh_all(client=None, *, code=None, create=False, write=print):
    client = client or PtvClient()
    contacts = OrganisationContact.objects.exclude(ptv_id="").select_related("organisation")
    if code:
        contacts = contacts.filter(organisation__code=code)
    failed = []
    for contact in contacts:
        org = contact.organisation
        try:
            summary = refresh_ptv(org, services=client.services(contact.ptv_id),
                                  channels=client.channels(contact.ptv_id), create=create)
        except PtvError as exc:
            failed.append(f"{org}: {exc}")
            continue
        write(f"{org}: {summary.services} PTV services, {summary.created} created, {summary.contacts} contacts, "
              f"{summary.points} service points, {summary.removed} removed, "
              f"{len(summary.suggestions)} matches to confirm")
    return failed


class Command(BaseCommand):
    help = "Refresh services and contacts from Suomi.fi Palvelutietovaranto (PTV)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="the organisation's code (e.g. 536 or 17)")
        parser.add_argument("--base-url", help="PTV Open API base URL (default: setting PTV_BASE_URL)")
        parser.add_argument("--create", action="store_true", help="create services the register lacks")

    def handle(self, *args, **options):
        failed = refresh_all(PtvClient(options.get("base_url")), code=options.get("organisation"),
                             create=options["create"], write=self.stdout.write)
        if failed:
            raise CommandError("\n".join(failed))
