"""Shared goals (yhteiset tavoitteet), their actors, indicators and measures; composite indices."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.models import RestrictedModel, Visibility, visibility_field


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class SharedGoal(RestrictedModel):
    """A shared goal of a county area (or one municipality) with the roles of each actor."""

    org_paths = ("organisation",)

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("area or municipality"), on_delete=models.PROTECT,
        related_name="shared_goals",
        help_text=_("The county (the whole cooperation area) or one municipality."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    visibility = visibility_field(Visibility.INTERNAL)
    interfaces = models.ManyToManyField("catalogue.Interface", verbose_name=_("interfaces"), blank=True,
                                        related_name="goal_links")
    forums = models.ManyToManyField("cooperation.Forum", verbose_name=_("forums"), blank=True,
                                    related_name="goal_links")

    class Meta:
        verbose_name = _("shared goal")
        verbose_name_plural = _("shared goals")
        ordering = ("organisation__name", "title")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("indicators:goal_detail", args=[self.pk])


class ActorType(models.TextChoices):
    COUNTY = "county", _("Wellbeing services county")
    MUNICIPALITY = "municipality", _("Municipality")
    NGO = "ngo", _("NGO")
    COMMUNITY = "community", _("Community")
    OTHER = "other", _("Other")


class GoalActor(RestrictedModel):
    """An actor of a goal and its role (toimijan rooli): an organisation or a kind of actor."""
    history_parent = "goal"  # its changes show in the goal's history

    org_paths = ("goal__organisation",)
    visibility_path = "goal__visibility"

    goal = models.ForeignKey(SharedGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="actors")
    actor_type = models.CharField(_("actor type"), max_length=16, choices=ActorType.choices)
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(_("role"), max_length=500)

    class Meta:
        verbose_name = _("goal actor")
        verbose_name_plural = _("goal actors")
        ordering = ("goal", "actor_type", "pk")

    def __str__(self):
        who = self.organisation.name if self.organisation_id else self.get_actor_type_display()
        return f"{who}: {self.role}"

    def get_absolute_url(self):
        return self.goal.get_absolute_url()


class GoalIndicator(RestrictedModel):
    """How success is judged (yhteinen mittari): baseline, target and desired direction for a region."""
    history_parent = "goal"  # its changes show in the goal's history

    org_paths = ("goal__organisation",)
    visibility_path = "goal__visibility"

    goal = models.ForeignKey(SharedGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="goal_indicators")
    indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT,
                                  related_name="goal_uses")
    region = models.ForeignKey("organisations.Organisation", verbose_name=_("region"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text=_("Empty: the goal's own area or municipality."))
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.FloatField(_("baseline value"))
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target_value = models.FloatField(_("target value"))
    direction = models.CharField(_("desired direction"), max_length=4, choices=Direction.choices, default=Direction.UP)

    class Meta:
        verbose_name = _("goal indicator")
        verbose_name_plural = _("goal indicators")
        ordering = ("goal", "pk")

    def __str__(self):
        return f"{self.goal}: {self.indicator.title}"

    def get_absolute_url(self):
        return self.goal.get_absolute_url()

    def clean(self):
        if self.baseline_year is not None and self.target_year is not None and self.target_year <= self.baseline_year:
            raise ValidationError({"target_year": _("The target year must be after the baseline year.")})


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Measure(RestrictedModel):
    """A measure (toimenpide) under a goal: owner, resources, schedule, status, follow-up indicators."""
    history_parent = "goal"  # its changes show in the goal's history

    org_paths = ("goal__organisation",)
    visibility_path = "goal__visibility"

    goal = models.ForeignKey(SharedGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey("organisations.Person", verbose_name=pgettext_lazy("responsible person", "owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    owner_organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("responsible organisation"),
                                           null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resources = models.TextField(_("resources"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    indicators = models.ManyToManyField("indicators.Indicator", verbose_name=_("follow-up indicators"),
                                        blank=True, related_name="measures")

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ("goal", "start", "title")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("indicators:measure_detail", args=[self.pk])

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})


class CompositeLevel(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipalities")
    COUNTY = "county", _("Counties")


class Composite(RestrictedModel):
    """A user-defined composite index (yhdistelmäindeksi), e.g. how municipalities follow hyte indicators."""

    org_paths = ("organisation",)

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="composites")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("computed for"), max_length=16, choices=CompositeLevel.choices,
                             default=CompositeLevel.MUNICIPALITY)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True,
                                            help_text=_("Empty: each region's latest year."))
    visibility = visibility_field()

    class Meta:
        verbose_name = _("composite index")
        verbose_name_plural = _("composite indices")
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:composite_detail", args=[self.pk])


class CompositeComponent(RestrictedModel):
    """One indicator in a composite: scaled 0–100 between the bounds, weighted."""
    history_parent = "composite"  # its changes show in the composite's history

    org_paths = ("composite__organisation",)
    visibility_path = "composite__visibility"

    composite = models.ForeignKey(Composite, verbose_name=_("composite index"), on_delete=models.CASCADE,
                                  related_name="components")
    indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT,
                                  related_name="+")
    lower = models.FloatField(_("lower bound"))
    upper = models.FloatField(_("upper bound"))
    weight = models.FloatField(_("weight"), default=1)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices, default=Direction.UP)

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        ordering = ("composite", "pk")

    def __str__(self):
        return f"{self.indicator.title} ({self.weight})"

    def get_absolute_url(self):
        return self.composite.get_absolute_url()

    def clean(self):
        if self.lower is not None and self.upper is not None and self.upper <= self.lower:
            raise ValidationError({"upper": _("The upper bound must be greater than the lower bound.")})
        if self.weight is not None and self.weight <= 0:
            raise ValidationError({"weight": _("The weight must be positive.")})
