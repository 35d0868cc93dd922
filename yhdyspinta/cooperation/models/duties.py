"""Statutory duties as data: council terms, duty rules, generated duties and their evidence."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.models import RestrictedModel

from .. import compute


class CouncilKind(models.TextChoices):
    COUNTY = "county", _("County council (aluevaltuusto)")
    MUNICIPAL = "municipal", _("Municipal council (kunnanvaltuusto)")


class CouncilTerm(models.Model):
    """A council term (valtuustokausi): data, so a new election needs no code change."""

    kind = models.CharField(_("council"), max_length=20, choices=CouncilKind.choices)
    start = models.DateField(_("starts"))
    end = models.DateField(_("ends"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("council term")
        verbose_name_plural = _("council terms")
        ordering = ("kind", "start")
        constraints = (models.UniqueConstraint(fields=["kind", "start"], name="coop_unique_term"),)

    def __str__(self):
        start, end = date_format(self.start, "SHORT_DATE_FORMAT"), date_format(self.end, "SHORT_DATE_FORMAT")
        return f"{self.get_kind_display()} {start}–{end}"  # 1.6.2025 in fi/sv

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A term must end after it starts.")})


class AppliesTo(models.TextChoices):
    COUNTY = "county", _("The county")
    MUNICIPALITY = "municipality", _("Each municipality")
    PAIR = "county_with_each_municipality", _("The county with each municipality")


class PeriodKind(models.TextChoices):
    YEARLY = compute.YEARLY, _("Every year")
    COUNCIL_TERM = compute.COUNCIL_TERM, _("Once per council term")


class DutyRule(models.Model):
    """A duty in law (lakisääteinen velvoite), kept as data with its legal source; admins edit it."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    legal_source = models.CharField(_("legal source"), max_length=300)
    applies_to = models.CharField(_("applies to"), max_length=40, choices=AppliesTo.choices)
    period_kind = models.CharField(_("period"), max_length=20, choices=PeriodKind.choices)
    count_per_period = models.PositiveSmallIntegerField(_("times per period"), default=1)
    due_month = models.PositiveSmallIntegerField(_("due month"), null=True, blank=True)
    due_day = models.PositiveSmallIntegerField(_("due day"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("duty rule")
        verbose_name_plural = _("duty rules")
        ordering = ("key",)

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.period_kind not in compute.PERIOD_KINDS:
            errors["period_kind"] = _("Unknown period %(kind)s: use one of %(kinds)s.") % {
                "kind": self.period_kind, "kinds": ", ".join(compute.PERIOD_KINDS)}
        if self.applies_to not in AppliesTo.values:
            errors["applies_to"] = _("Unknown target %(target)s.") % {"target": self.applies_to}
        if self.due_month is not None and not 1 <= self.due_month <= 12:
            errors["due_month"] = _("A month is 1–12.")
        if self.due_day is not None and not 1 <= self.due_day <= 31:
            errors["due_day"] = _("A day is 1–31.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.full_clean(exclude=["key"] if self.pk else None)
        super().save(*args, **kwargs)

    @property
    def council_kind(self):
        return CouncilKind.MUNICIPAL if self.applies_to == AppliesTo.MUNICIPALITY else CouncilKind.COUNTY


class Duty(RestrictedModel):
    """One duty for one period: of a county, a municipality, or the county with one municipality."""

    org_paths = ("county", "municipality")
    visibility_path = None  # statutory duties and their fulfilment are public facts

    rule = models.ForeignKey(DutyRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="duties")
    county = models.ForeignKey("organisations.Organisation", verbose_name=_("county"), on_delete=models.CASCADE,
                               related_name="county_duties")
    municipality = models.ForeignKey("organisations.Organisation", verbose_name=_("municipality"), null=True,
                                     blank=True, on_delete=models.CASCADE, related_name="municipality_duties")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    period_label = models.CharField(_("period"), max_length=20)
    due_date = models.DateField(_("due"))
    required_count = models.PositiveSmallIntegerField(_("times required"), default=1)

    class Meta:
        verbose_name = _("duty")
        verbose_name_plural = _("duties")
        ordering = ("due_date", "rule__key", "municipality__name")
        constraints = (
            models.UniqueConstraint(fields=["rule", "county", "municipality", "period_start"],
                                    condition=models.Q(municipality__isnull=False), name="coop_unique_duty_pair"),
            models.UniqueConstraint(fields=["rule", "county", "period_start"],
                                    condition=models.Q(municipality__isnull=True), name="coop_unique_duty_county"),
        )

    def __str__(self):
        who = f"{self.county} – {self.municipality}" if self.municipality_id else str(self.county)
        return f"{self.rule.title}: {who} {self.period_label}"

    def get_absolute_url(self):
        return reverse("cooperation:duty_detail", args=[self.pk])

    def state(self, today=None):
        count = getattr(self, "evidence_count", None)
        if count is None:
            count = self.evidence.count()
        return compute.compliance_state(count, self.required_count, self.due_date, today or timezone.localdate())


class EvidenceKind(models.TextChoices):
    AGENDA_ITEM = "agenda_item", _("Meeting item")
    DECISION = "decision", _("Decision")
    AGREEMENT = "agreement", _("Agreement")
    DOCUMENT = "document", _("Document")


class DutyEvidence(RestrictedModel):
    """What shows a duty was fulfilled: a meeting item, a decision, an agreement or a document."""
    history_parent = "duty"  # its changes show in the duty's history

    org_paths = ("duty__county", "duty__municipality")
    visibility_path = None

    duty = models.ForeignKey(Duty, verbose_name=_("duty"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    agenda_item = models.ForeignKey("cooperation.AgendaItem", verbose_name=_("agenda item"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="duty_evidence")
    decision = models.ForeignKey("cooperation.Decision", verbose_name=_("decision"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="duty_evidence")
    agreement = models.ForeignKey("cooperation.Agreement", verbose_name=_("agreement"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="duty_evidence")
    url = models.URLField(_("document address"), blank=True)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ("date",)

    def __str__(self):
        return self.title or str(self.target or self.url)

    def get_absolute_url(self):
        return reverse("cooperation:duty_detail", args=[self.duty_id])

    @property
    def target(self):
        return {"agenda_item": self.agenda_item, "decision": self.decision, "agreement": self.agreement}.get(self.kind)

    def involved_organisation_ids(self):
        return {i for i in (self.duty.county_id, self.duty.municipality_id) if i} if self.duty_id else set()

    def clean(self):
        needed = {"agenda_item": "agenda_item", "decision": "decision", "agreement": "agreement",
                  "document": "url"}.get(self.kind)
        if needed and not getattr(self, needed if needed == "url" else f"{needed}_id"):
            raise ValidationError({needed: _("This kind of evidence needs this field.")})
        target = self.target
        if target is not None and self.duty_id:
            # a meeting item or decision of another county's forum, or an agreement without the
            # county or its municipalities, is no evidence of this county's duty (as in bulk)
            from ..actions import _belongs_to_county

            if not _belongs_to_county(target, self.duty.county):
                raise ValidationError({self.kind: _("The chosen record belongs to another county.")})
