"""Integration-need study (tehtäväkohtainen integraatioselvitys): questionnaire, respondents, answers.

Respondents are anonymous: a respondent row holds only a hash of its personal link, the
background answers (own task group, municipality, size group) and the ratings. Results are
published only for cells of at least five respondents (see analysis.publish_cells).
"""

import hashlib

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.models import RestrictedModel, Visibility, visibility_field

from .compute.parties import ITEMS


class Study(RestrictedModel):
    """A study (selvitys) owned by a county, municipality or national organisation."""

    org_paths = ("owner",)

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT,
        related_name="integration_studies",
    )
    area = models.CharField(_("area studied"), max_length=200, blank=True,
                            help_text=_("E.g. the municipalities or the county the study covers."))
    description = models.TextField(_("description"), blank=True)
    visibility = visibility_field(Visibility.INTERNAL)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    invited = models.PositiveIntegerField(
        _("invited"), default=0,
        help_text=_("People asked to answer; issuing personal links adds to it."),
    )
    flag_above = models.FloatField(_("flag threshold"), default=140.0,
                                   help_text=_("Cells whose mean index is above this are flagged."))
    baseline = models.FloatField(_("boundary baseline"), default=100.0,
                                 help_text=_("Cutting a pair costs its need minus this baseline."))
    resolution = models.FloatField(_("cluster resolution"), default=1.0)
    seed = models.PositiveIntegerField(_("random seed"), default=1)
    cluster_names = models.JSONField(
        _("cluster names"), default=dict, blank=True,
        help_text=_("Names for the clusters, keyed by a party code that belongs to the cluster."),
    )
    data_version = models.PositiveIntegerField(_("data version"), default=1, editable=False)
    results_cache = models.JSONField(_("cached results"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("integration study")
        verbose_name_plural = _("integration studies")
        ordering = ["-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("integration:study_detail", args=[self.pk])

    def cluster_name_for(self, members, lang: str) -> str:
        """The name of the cluster holding `members`: the first named party code in it."""
        for code in members:
            names = (self.cluster_names or {}).get(code)
            if names:
                return names.get(lang) or names.get("fi") or ""
        return ""

    def fixed_table(self) -> dict[str, tuple[str, bool]]:
        """{code: (organiser, fixed_by_law)} in the shape compute.boundary expects."""
        return {p.code: (p.organiser, p.fixed_by_law) for p in self.parties.all()}


class StudyParty(RestrictedModel):
    """A party (taho) of the questionnaire: a task group (2.1–2.18) or an outside party."""
    history_parent = "study"  # its changes show in the study's history

    org_paths = ("study__owner",)
    visibility_path = "study__visibility"

    class Organiser(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTY = "county", _("Wellbeing services county")
        OTHER = "other", _("Other (state, NGOs)")

    study = models.ForeignKey(Study, verbose_name=_("study"), on_delete=models.CASCADE, related_name="parties")
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("label"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=16, choices=Organiser.choices)
    fixed_by_law = models.BooleanField(_("organiser fixed by law"), default=True)
    is_group = models.BooleanField(
        _("respondents' task group"), default=True,
        help_text=_("Respondents may pick this as their own task group."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["study", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["study", "code"], name="integration_party_code")]

    def __str__(self):
        return f"{self.code} {self.label}"

    def get_absolute_url(self):
        return reverse("integration:party_edit", args=[self.pk])


class StudyScale(models.Model):
    """The labelled scale of one rating item; labels per language as lists, min..max."""
    history_parent = "study"  # its changes show in the study's history

    study = models.ForeignKey(Study, verbose_name=_("study"), on_delete=models.CASCADE, related_name="scales")
    item = models.CharField(pgettext_lazy("survey item", "item"), max_length=16, choices=[(i, i) for i in ITEMS])
    minimum = models.SmallIntegerField(_("minimum"), default=0)
    maximum = models.SmallIntegerField(_("maximum"), default=4)
    labels_fi = models.JSONField(_("labels (Finnish)"), default=list)
    labels_sv = models.JSONField(_("labels (Swedish)"), default=list)
    labels_en = models.JSONField(_("labels (English)"), default=list)

    class Meta:
        verbose_name = _("scale")
        verbose_name_plural = _("scales")
        constraints = [models.UniqueConstraint(fields=["study", "item"], name="integration_scale_item")]

    def __str__(self):
        return f"{self.item} {self.minimum}–{self.maximum}"

    def labels(self, lang: str) -> list[str]:
        chosen = getattr(self, f"labels_{lang}", None) or self.labels_fi or []
        values = range(self.minimum, self.maximum + 1)
        return [chosen[k] if k < len(chosen) else str(v) for k, v in enumerate(values)]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Respondent(models.Model):
    """One answer set (vastaaja), anonymous: no name or e-mail, only a hash of the link."""

    study = models.ForeignKey(Study, verbose_name=_("study"), on_delete=models.CASCADE,
                              related_name="respondents")
    token_hash = models.CharField(_("link hash"), max_length=64, unique=True, null=True, blank=True)
    group = models.ForeignKey(StudyParty, verbose_name=_("task group"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    municipality = models.CharField(_("municipality or area"), max_length=200, blank=True)
    size_group = models.CharField(_("size group"), max_length=40, blank=True)
    attributes = models.JSONField(_("other attributes"), default=dict, blank=True)
    imported = models.BooleanField(_("imported"), default=False)
    source_id = models.CharField(_("respondent id in the source file"), max_length=100, blank=True,
                                 help_text=_("Kept so that importing the same respondents again is noticed."))
    progress = models.PositiveSmallIntegerField(_("pages saved"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [models.UniqueConstraint(fields=["study", "source_id"], condition=~models.Q(source_id=""),
                                               name="integration_one_source_respondent")]

    def __str__(self):
        return f"#{self.pk}"


class Answer(models.Model):
    """The three ratings of one respondent about one party; null = don't know (en osaa sanoa)."""

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    party = models.ForeignKey(StudyParty, on_delete=models.CASCADE, related_name="+")
    frequency = models.SmallIntegerField(null=True, blank=True)
    mutuality = models.SmallIntegerField(null=True, blank=True)
    need = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["respondent", "party"], name="integration_answer_once")]


class SurveyColumnMapping(models.Model):
    """The owner's mapping of a survey export (compute.survey.SurveyMapping as JSON), remembered per
    study and pre-filled on the next import: questions → meanings, sub-questions → parties, the
    answer-code table and size-group labels. Read and written only through the study's import page."""

    study = models.OneToOneField(Study, on_delete=models.CASCADE, related_name="survey_mapping")
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("survey column mapping")
        verbose_name_plural = _("survey column mappings")

    def __str__(self):
        return f"{self.study}"
