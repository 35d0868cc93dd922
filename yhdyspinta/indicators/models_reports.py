"""The welfare report and plan (hyvinvointikertomus ja -suunnitelma)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.models import RestrictedModel, Visibility, visibility_field


class ReportKind(models.TextChoices):
    YEARLY = "yearly", _("Yearly report")
    EXTENDED = "extended", _("Extended report (once per council term)")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")


class Theme(models.TextChoices):
    POPULATION = "population", _("Population and living conditions")
    CHILDREN = "children", _("Children, young people and families")
    WORKING_AGE = "working_age", _("Working-age population")
    OLDER = "older", _("Older people")
    HEALTH = "health", _("Health and functional capacity")
    INCLUSION = "inclusion", _("Inclusion and safety")
    OTHER = "other", _("Other")


class WelfareReport(RestrictedModel):
    """A welfare report and plan of a municipality or county; drafts and submitted ones (waiting for
    approval) are internal, approved ones public.

    `visibility` follows `status` (set in `save()`), so the common permission path applies.
    """

    org_paths = ("organisation",)

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="welfare_reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices, default=ReportKind.YEARLY)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    term_start = models.PositiveSmallIntegerField(_("council term starts"), null=True, blank=True)
    term_end = models.PositiveSmallIntegerField(_("council term ends"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    visibility = visibility_field(Visibility.INTERNAL, editable=False)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted for approval"), null=True, blank=True, editable=False,
                                        help_text=_("When the report was last sent for approval."))
    goals = models.ManyToManyField("indicators.SharedGoal", verbose_name=_("plan: goals"), blank=True,
                                   related_name="reports")

    class Meta:
        verbose_name = _("welfare report")
        verbose_name_plural = _("welfare reports")
        ordering = ("-year", "organisation__name")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.visibility = Visibility.PUBLIC if self.status == ReportStatus.APPROVED else Visibility.INTERNAL
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"visibility"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("indicators:report_detail", args=[self.pk])


class ReportSection(RestrictedModel):
    """One theme of the report part: chosen indicators and the writer's analysis."""
    history_parent = "report"  # its changes show in the report's history

    org_paths = ("report__organisation",)
    visibility_path = "report__visibility"

    report = models.ForeignKey(WelfareReport, verbose_name=pgettext_lazy("welfare report", "report"), on_delete=models.CASCADE,
                               related_name="sections")
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    analysis = models.TextField(_("analysis"), blank=True)
    indicators = models.ManyToManyField("indicators.Indicator", verbose_name=_("indicators"), blank=True,
                                        related_name="report_sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ("report", "order", "pk")

    def __str__(self):
        return self.title or self.get_theme_display()

    def get_absolute_url(self):
        return self.report.get_absolute_url()
