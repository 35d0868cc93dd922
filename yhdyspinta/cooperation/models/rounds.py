"""The scope of a mapping round (catalogue.MappingRound), frozen when it opens.

Kept here, next to the cooperation it serves, so that the catalogue's round stays as it is:
the interfaces asked about and the organisations that answer, each with an optional named
respondent. Interfaces created after the opening do not join the round; the county answers only
when chosen."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundScope(models.Model):
    round = models.OneToOneField("catalogue.MappingRound", verbose_name=_("mapping round"),
                                 on_delete=models.CASCADE, related_name="scope")
    interfaces = models.ManyToManyField("catalogue.Interface", verbose_name=_("interfaces"), blank=True,
                                        related_name="+")
    frozen_at = models.DateTimeField(_("frozen"), auto_now_add=True)

    class Meta:
        verbose_name = _("mapping round scope")
        verbose_name_plural = _("mapping round scopes")

    def __str__(self):
        return str(self.round)


class RoundRespondent(models.Model):
    """An organisation that answers in a round, and the person named to answer for it."""

    round = models.ForeignKey("catalogue.MappingRound", verbose_name=_("mapping round"), on_delete=models.CASCADE,
                              related_name="respondents")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("named respondent"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("round respondent")
        verbose_name_plural = _("round respondents")
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["round", "organisation"],
                                               name="cooperation_one_respondent_row_per_org")]

    def __str__(self):
        return f"{self.round}: {self.organisation}"
