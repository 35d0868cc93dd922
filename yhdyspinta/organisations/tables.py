import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Person, Unit


class OrganisationTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    population = tables.Column(verbose_name=_("Population"), attrs={"td": {"class": "num"}, "th": {"class": "num"}})

    class Meta:
        model = Organisation
        fields = ("code", "name", "kind", "area", "population", "valid_until")
        caption = _("Organisations")


class UnitTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Unit
        fields = ("name", "organisation", "parent")


class PersonTable(tables.Table):
    last_name = tables.Column(linkify=True)
    visibility = tables.Column(verbose_name=_("Visibility"))

    class Meta:
        model = Person
        fields = ("last_name", "first_name", "title", "organisation", "visibility")
