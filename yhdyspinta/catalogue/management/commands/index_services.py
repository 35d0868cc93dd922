"""Store the finder's search terms of the services (catalogue/search_index.py).

    manage.py index_services          # services without terms or with terms of another analyser
    manage.py index_services --all    # every service

A save of a service indexes it; this is for services inserted in bulk and after the analysis
changed (another Voikko, a new INDEX_FORMAT). The finder works without it (it analyses unindexed
services in memory), only more slowly the first time.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q

from yhdyspinta.catalogue.models import Service
from yhdyspinta.catalogue.search_index import LANGS, TEXT_FIELDS, forget, index_services
from yhdyspinta.core.textsearch import analyser_key


class Command(BaseCommand):
    help = "Store the finder's search terms of the services that lack current ones."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="every service, not only those lacking terms")

    def handle(self, *args, **options):
        services = Service.objects.order_by("pk").only("pk", *[f"{n}_{lg}" for n in TEXT_FIELDS for lg in LANGS])
        if not options["all"]:
            services = services.filter(Q(search_terms__isnull=True) | ~Q(search_terms__analyser=analyser_key()))
        done, batch = 0, []
        for service in services.iterator(chunk_size=1000):
            batch.append(service)
            if len(batch) == 1000:
                done += index_services(batch)
                batch = []
        done += index_services(batch)
        forget()
        self.stdout.write(f"{done} services indexed")
