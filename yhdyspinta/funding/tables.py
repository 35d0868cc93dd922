import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.tables import VisibleRecordColumn

from .models import InputSet, ParameterSet


class ParameterSetTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    owner = tables.Column(verbose_name=pgettext_lazy("owning organisation", "Owner"), default=_("National"))
    based_on = VisibleRecordColumn(verbose_name=_("Based on"), default="–", link=False)
    is_official_source = tables.BooleanColumn(verbose_name=_("From public sources"), yesno=(_("yes"), _("no")))

    class Meta:
        model = ParameterSet
        fields = ("title", "year", "is_official_source", "based_on", "owner", "version", "visibility")
        caption = _("Parameter sets")


class InputSetTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    owner = tables.Column(verbose_name=pgettext_lazy("owning organisation", "Owner"), default=_("National"))
    illustrative = tables.BooleanColumn(verbose_name=_("Illustrative"), yesno=(_("yes"), _("no")))

    class Meta:
        model = InputSet
        fields = ("title", "kind", "illustrative", "owner", "visibility")
        caption = _("Input sets")
