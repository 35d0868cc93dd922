from datetime import date

import factory

from yhdyspinta.transfers.models import InventoryItem, TransferProject


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferProject
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"TE24-siirto {n:05d}")
    transfer_date = date(2025, 1, 1)
    visibility = "public"

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create and extracted:
            self.parties.set(extracted)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InventoryItem

    title = factory.Sequence(lambda n: f"Vuokrasopimus {n:05d}")
    kind = "contract"
    decision = "moves"
    status = "open"
    visibility = "public"
