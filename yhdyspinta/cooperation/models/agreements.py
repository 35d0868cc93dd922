"""Agreements between organisations (sopimukset): parties, documents, reminders and legal checks."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.models import RestrictedModel, Visibility, visibility_field

from .. import compute


class AgreementKind(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic cooperation agreement")
    LAPE = "lape", _("LAPE agreement")
    TASK_SPECIFIC = "task_specific", _("Task-specific cooperation agreement")
    TASK_TRANSFER = "task_transfer", _("Transfer of a voluntary municipal task to the county")
    SUPPORT_SERVICE = "support_service", _("Support-service arrangement")
    PREMISES_LEASE = "premises_lease", _("Premises lease")
    IN_HOUSE = "in_house", _("In-house company arrangement")
    PURCHASE = "purchase", _("Direct purchase")
    OTHER = "other", _("Other")


class Agreement(RestrictedModel):
    """An agreement of two or more organisations; the trade-secret part stays internal."""

    org_paths = ("parties",)

    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    parties = models.ManyToManyField("organisations.Organisation", through="AgreementParty",
                                     verbose_name=_("parties"), related_name="agreements")
    interfaces = models.ManyToManyField("catalogue.Interface", verbose_name=_("interfaces"), blank=True,
                                        related_name="agreements")
    forums = models.ManyToManyField("cooperation.Forum", verbose_name=_("forums"), blank=True,
                                    related_name="agreements")
    description = models.TextField(_("description"), blank=True)
    internal_part = models.TextField(
        _("internal part"), blank=True,
        help_text=_("Trade secrets and other non-public terms: only the parties' members see this."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    notice_months = models.PositiveSmallIntegerField(_("notice period (months)"), null=True, blank=True)
    renewal_date = models.DateField(_("renewal date"), null=True, blank=True)
    reminder_days = models.PositiveSmallIntegerField(_("remind days before"), default=60)
    has_funding_clause = models.BooleanField(_("has a funding clause"), default=False)
    visibility = visibility_field()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ("title",)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:agreement_detail", args=[self.pk])

    @property
    def remind_on(self):
        return compute.reminder_date(self.valid_until, self.renewal_date, self.notice_months, self.reminder_days)

    def clean(self):
        """Dates in order: valid from ≤ valid until, and the renewal date not after the end of validity.

        The one place of these rules: page forms and the API (actions.save_agreement, create_agreement)
        and every write through actions.py (full_clean) reach it.
        """
        errors = {}
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            errors["valid_until"] = _("The agreement cannot end before it starts (valid from %(date)s).") % {
                "date": formats.date_format(self.valid_from, "SHORT_DATE_FORMAT")}
        if self.renewal_date and self.valid_until and self.renewal_date > self.valid_until:
            errors["renewal_date"] = _(
                "The renewal date cannot be after the agreement ends (valid until %(date)s).") % {
                "date": formats.date_format(self.valid_until, "SHORT_DATE_FORMAT")}
        if errors:
            raise ValidationError(errors)


class AgreementParty(models.Model):
    """A party of an agreement and who signed for it."""
    history_parent = "agreement"  # its changes show in the agreement's history

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE,
                                  related_name="party_rows")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="agreement_parties")
    signatory = models.ForeignKey("organisations.Person", verbose_name=_("signatory"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="signed_agreements")
    signatory_name = models.CharField(_("signatory's name or role"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = (models.UniqueConstraint(fields=["agreement", "organisation"], name="coop_unique_party"),)

    def __str__(self):
        return str(self.organisation)


def document_path(instance, filename):
    return f"cooperation/agreements/{instance.agreement_id}/v{instance.version}/{filename}"


class AgreementDocument(RestrictedModel):
    """A version of an agreement's document; public or internal."""
    history_parent = "agreement"  # its changes show in the agreement's history

    org_paths = ("agreement__parties",)

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE,
                                  related_name="documents")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    file = models.FileField(_("file"), upload_to=document_path)
    visibility = visibility_field(Visibility.INTERNAL)

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ("agreement", "title", "-version")
        constraints = (models.UniqueConstraint(fields=["agreement", "title", "version"], name="coop_unique_doc"),)

    def __str__(self):
        return f"{self.title} v{self.version}"

    def get_absolute_url(self):
        return reverse("cooperation:document_download", args=[self.pk])

    def involved_organisation_ids(self):
        return set(self.agreement.parties.values_list("pk", flat=True)) if self.agreement_id else set()
