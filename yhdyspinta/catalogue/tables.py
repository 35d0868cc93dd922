import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Interface, MappingRound, OrganisationContact, SearchSynonym, Service


class ServiceTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    organisation = tables.Column(verbose_name=_("Organiser"))

    class Meta:
        model = Service
        fields = ("name", "organisation", "field", "legal_basis", "visibility")
        caption = _("Services")


class OrganisationContactTable(tables.Table):
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    edit = tables.LinkColumn("catalogue:general_contact_edit", args=[tables.A("pk")], text=_("Edit"),
                             verbose_name=_("Edit"), orderable=False, empty_values=())

    class Meta:
        model = OrganisationContact
        fields = ("organisation", "phone", "email", "url", "social_emergency_phone")
        caption = _("General contacts")


class SearchSynonymTable(tables.Table):
    phrase = tables.Column(verbose_name=_("Phrase"))
    edit = tables.LinkColumn("catalogue:synonym_edit", args=[tables.A("pk")], text=_("Edit"),
                             verbose_name=_("Edit"), orderable=False, empty_values=())
    delete = tables.LinkColumn("catalogue:synonym_delete", args=[tables.A("pk")], text=_("Delete"),
                               verbose_name=_("Delete"), orderable=False, empty_values=())

    class Meta:
        model = SearchSynonym
        fields = ("language", "phrase", "expands_to", "organisation")
        caption = _("Search synonyms")


class InterfaceTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Interface"))
    parties = tables.Column(verbose_name=_("Organisations"), orderable=False, empty_values=())
    levels = tables.Column(verbose_name=_("Cooperation levels"), orderable=False, empty_values=())

    class Meta:
        model = Interface
        fields = ("title", "theme", "client_group", "parties", "levels", "visibility")
        caption = _("Interfaces")

    def render_parties(self, record):
        return ", ".join(str(p) for p in record.parties.all())

    def render_levels(self, record):
        return ", ".join(str(lv.label) for lv in record.levels)


class RoundTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Mapping round"))
    is_open = tables.Column(verbose_name=_("State"), orderable=False)

    class Meta:
        model = MappingRound
        fields = ("title", "area", "opens_on", "closes_on", "is_open")
        caption = _("Mapping rounds")

    def render_is_open(self, record):
        """The state by the dates too: a round past its closing date is closed whatever the flag says."""
        from .rounds import state_text

        return state_text(record)

    def value_is_open(self, record):
        return self.render_is_open(record)
