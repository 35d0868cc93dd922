"""Shared knowledge base (yhteinen tietopohja): indicators (indikaattorit) and their values.

Regions are the product's organisations matched by official code; the whole country is one
organisation of kind "other" with code "SSS" ("Koko maa", see `country()`), so every value has
a region and the unique key (indicator, region, year, sex) holds without NULL tricks.
Goals, measures and welfare reports live in `models_goals.py` and `models_reports.py`.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.models import RestrictedModel, RestrictedQuerySet, Visibility


def region_level_names() -> dict:
    """Sotkanet's region classification names (Finnish, as its metadata gives them) → labels."""
    return {
        "kunta": _("Municipality"), "hyvinvointialue": _("Wellbeing services county"), "maa": _("Whole country"),
        "maakunta": _("Region (maakunta)"), "sairaanhoitopiiri": _("Hospital district"), "seutukunta": _("Sub-region"),
        "erva": _("Collaborative area (ERVA)"), "aluehallintovirasto": _("Regional state administrative agency"),
        "kuntayhtymä": _("Joint municipal authority"),
    }

COUNTRY_CODE = "SSS"  # Statistics Finland's code for the whole country


class Source(models.TextChoices):
    SOTKANET = "sotkanet", _("THL Sotkanet")
    STATFIN = "statfin", _("Statistics Finland (StatFin)")
    OWN = "own", _("Own indicator")


class Sex(models.TextChoices):
    TOTAL = "total", _("Total")
    MALE = "male", _("Men")
    FEMALE = "female", _("Women")


class Level(models.TextChoices):
    """Which row of a region a value is: the region itself, or Helsinki as the organiser of its own
    social, health and rescue services (Sotkanet lists Helsinki twice: KUNTA and HYVINVOINTIALUE)."""

    REGION = "", _("the region itself")
    ORGANISER = "organiser", _("as the organiser of its services")


class Indicator(RestrictedModel):
    """An indicator (indikaattori) as its source defines it; public statistics."""

    org_paths = ()
    visibility_path = None

    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.SOTKANET)
    source_id = models.CharField(_("id in source"), max_length=64)
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=1)
    source_organisation = models.CharField(_("source organisation"), max_length=200, blank=True)
    region_levels = models.CharField(
        _("region levels"), max_length=300, blank=True,
        help_text=_("Comma-separated region levels the indicator exists for, e.g. Kunta, Hyvinvointialue, Maa."),
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    data_updated = models.DateField(_("data updated"), null=True, blank=True)
    illustrative = models.BooleanField(
        _("illustrative values"), default=False,
        help_text=_("Its values are synthetic demo values; stays set while any of them is, whatever "
                    "metadata is imported over the indicator."),
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ("source", "title")
        constraints = (models.UniqueConstraint(fields=["source", "source_id"], name="unique_indicator_source_id"),)

    def __str__(self):
        return f"{self.title} ({self.source_id})"

    def region_levels_display(self) -> str:
        """The region levels in the page's language: Sotkanet names them in Finnish ("Kunta, Maa")."""
        names = region_level_names()
        levels = [level.strip() for level in self.region_levels.split(",") if level.strip()]
        return ", ".join(str(names.get(level.casefold(), level)) for level in levels)

    def get_absolute_url(self):
        return reverse("indicators:indicator_detail", args=[self.pk])


class IndicatorValue(RestrictedModel):
    """One statistic: (indicator, region, year, sex) → value and absolute value."""

    org_paths = ("region",)
    visibility_path = None

    # no separate index: the unique (indicator, region, year, sex) index leads with the indicator
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE,
                                  related_name="values", db_index=False)
    region = models.ForeignKey("organisations.Organisation", verbose_name=_("region"), on_delete=models.CASCADE,
                               related_name="indicator_values")
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, default=Sex.TOTAL)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.REGION,
                             db_default=Level.REGION, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    abs_value = models.FloatField(_("absolute value"), null=True, blank=True)
    # provenance: the import or refresh that wrote the value (file name or API calls, time, user)
    import_run = models.ForeignKey("ImportRun", verbose_name=_("imported by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="values", db_index=False)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ("indicator_id", "region_id", "year", "sex", "level")  # ids: no joins on 5M rows
        constraints = (
            models.UniqueConstraint(fields=["indicator", "region", "year", "sex", "level"],
                                    name="unique_indicator_value"),
        )

    def __str__(self):
        return f"{self.indicator_id} {self.region_id} {self.year} {self.sex}: {self.value}"


class IndicatorSet(RestrictedModel):
    """A set of indicators kept as a template (e.g. a county's own set, THL's minimum contents).

    A set an organising area *follows* is refreshed from Sotkanet and shown in its situational picture.
    """

    org_paths = ("organisation",)
    visibility_path = None

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="indicator_sets")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators"), related_name="sets", blank=True)
    followed = models.BooleanField(
        _("followed"), default=False,
        help_text=_("Refreshed from the source on schedule and shown in the situational picture."),
    )

    class Meta:
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
        ordering = ("organisation__name", "name")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:set_detail", args=[self.pk])


class ImportRun(models.Model):
    """What one import or refresh changed (the values themselves are written in bulk).

    Also the provenance of every value it wrote (`IndicatorValue.import_run`): the file name or the
    API calls (`calls`), the time and the user.
    """

    started = models.DateTimeField(_("started"), auto_now_add=True)
    user = models.ForeignKey("accounts.User", verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.SET_NULL)
    source = models.CharField(_("source"), max_length=300)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    calls = models.TextField(_("API calls"), blank=True, help_text=_("The addresses fetched, one a line."))
    notes = models.TextField(_("notes"), blank=True, help_text=_("E.g. old region ids translated."))
    illustrative = models.BooleanField(_("illustrative values"), default=False,
                                       help_text=_("Synthetic demo values, not statistics."))

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ("-started",)

    def __str__(self):
        return f"{self.started:%Y-%m-%d %H:%M} {self.source}"


__all__ = ["COUNTRY_CODE", "ImportRun", "Indicator", "IndicatorSet", "IndicatorValue", "Level", "Sex", "Source", "Visibility"]

from .models_goals import (
    Composite,
    CompositeComponent,
    Direction,
    GoalActor,
    GoalIndicator,
    Measure,
    SharedGoal,
)
from .models_reports import ReportSection, WelfareReport

__all__ += ["Composite", "CompositeComponent", "Direction", "GoalActor", "GoalIndicator", "Measure",
            "ReportSection", "SharedGoal", "WelfareReport"]
