"""Parameter sets (rahoitusparametrit), their versions, and input sets of the funding calculator.

The numbers live in `data` as the JSON that `compute.parameter_set_from_dict` validates, so the
web layer, the API and the CLI compute with exactly the same code. A scenario is a parameter set
copied from another (`based_on`); an official source set has no owner (national) and only
superusers change it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.models import RestrictedModel, visibility_field

from . import compute


class ParameterSet(RestrictedModel):
    """A versioned parameter set; `owner` null = national (shipped from public sources)."""

    org_paths = ("owner",)

    name = models.SlugField(_("identifier"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    data = models.JSONField(_("parameters (JSON)"))
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="scenarios",
    )
    is_official_source = models.BooleanField(
        _("from public sources"), default=False,
        help_text=_("Shipped from published sources; only administrators change it."),
    )
    owner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owner"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="funding_parameter_sets",
        help_text=_("Empty: a national set."),
    )
    visibility = visibility_field()
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("parameter set")
        verbose_name_plural = _("parameter sets")
        ordering = ("-is_official_source", "year", "title")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funding:parameterset_detail", args=[self.pk])

    @property
    def is_scenario(self) -> bool:
        return self.based_on_id is not None

    def parameters(self) -> compute.ParameterSet:
        """The validated computation object with its texts in the page's language (raises
        FundingInputError on bad data)."""
        return compute.parameter_set_from_dict(self.data).localized(get_language())

    def save(self, *args, **kwargs):
        """Every save that changes the numbers is kept as a numbered snapshot (versiohistoria)."""
        last = self.versions.order_by("-version").first() if self.pk else None
        changed = last is None or last.data != self.data
        if changed:
            self.version = (last.version if last else 0) + 1
        super().save(*args, **kwargs)
        if changed:
            ParameterSetVersion.objects.create(
                parameter_set=self, version=self.version, data=self.data,
                saved_by=getattr(self, "_actor", None),
            )


class ParameterSetVersion(models.Model):
    """One saved state of a parameter set's numbers (the audit log keeps who changed what)."""
    history_parent = "parameter_set"  # its changes show in the parameter set's history

    parameter_set = models.ForeignKey(
        ParameterSet, verbose_name=_("parameter set"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("parameters (JSON)"))
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("parameter set version")
        verbose_name_plural = _("parameter set versions")
        ordering = ("parameter_set", "-version")
        constraints = (
            models.UniqueConstraint(fields=("parameter_set", "version"), name="unique_funding_version"),
        )

    def __str__(self):
        return f"{self.parameter_set} v{self.version}"


class InputKind(models.TextChoices):
    COUNTY = "county", _("County inputs")
    MUNICIPAL = "municipal", _("Municipal inputs")


class InputSet(RestrictedModel):
    """Inputs per county or per municipality (rows as JSON, one dict per county/municipality)."""

    org_paths = ("owner",)

    kind = models.CharField(_("kind"), max_length=10, choices=InputKind.choices)
    name = models.SlugField(_("identifier"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    rows = models.JSONField(_("rows"), default=list)
    illustrative = models.BooleanField(
        _("illustrative"), default=True, help_text=_("Invented or example values: not real figures.")
    )
    source_note = models.TextField(_("source"), blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owner"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="funding_input_sets",
    )
    visibility = visibility_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("input set")
        verbose_name_plural = _("input sets")
        ordering = ("kind", "title")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funding:inputset_detail", args=[self.pk])

    def county_inputs(self):
        from .inputs import county_inputs_from_rows

        return county_inputs_from_rows(self.rows)

    def municipality_inputs(self):
        from .inputs import municipality_inputs_from_rows

        return municipality_inputs_from_rows(self.rows)
