import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Composite, Indicator, IndicatorSet, Measure, SharedGoal, WelfareReport


class IndicatorTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))

    class Meta:
        model = Indicator
        fields = ("source", "source_id", "title", "unit", "first_year", "last_year")
        caption = _("Indicators")


class IndicatorSetTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))

    class Meta:
        model = IndicatorSet
        fields = ("name", "organisation", "followed")
        caption = _("Indicator sets")


class SharedGoalTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    visibility = tables.Column(verbose_name=_("Visibility"))

    class Meta:
        model = SharedGoal
        fields = ("title", "organisation", "visibility")
        caption = _("Shared goals")


class MeasureTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))

    class Meta:
        model = Measure
        fields = ("title", "goal", "owner_organisation", "start", "end", "status")
        caption = _("Measures")


class CompositeTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))

    class Meta:
        model = Composite
        fields = ("name", "organisation", "level", "year")
        caption = _("Composite indices")


class WelfareReportTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))

    class Meta:
        model = WelfareReport
        fields = ("title", "organisation", "kind", "year", "status")
        caption = _("Welfare reports")
