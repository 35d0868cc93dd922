"""Roadmaps (tiekartat), their tasks, reporting regions, periods and status reports.

The figures of an open period are computed: `loaders.figures_for(period)` feeds the rows to the
pure `compute.compute_figures`; closing a period stores them as its published snapshot
(`PublishedFigures`), which never changes afterwards. Visibility of every part follows its roadmap; a region's
members edit only that region's status reports; only the roadmap owner's editors close
a period, after which its reports are locked.
"""


from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.history import BulkWrite
from yhdyspinta.core.models import RestrictedModel, visibility_field

from . import compute


class Status(models.TextChoices):
    NOT_STARTED = compute.NOT_STARTED, pgettext_lazy("readiness status", "Not started")
    IN_PROGRESS = compute.IN_PROGRESS, pgettext_lazy("readiness status", "In progress")
    ON_SCHEDULE = compute.ON_SCHEDULE, pgettext_lazy("readiness status", "Will finish on schedule")
    DONE = compute.DONE, pgettext_lazy("readiness status", "Done")
    NOT_APPLICABLE = compute.NOT_APPLICABLE, pgettext_lazy("readiness status", "Not applicable")


quarter_end = compute.quarter_end  # the progress horizon of a monthly picture (also the CLI's default)


class Roadmap(RestrictedModel):
    """A tiekartta: tasks by area towards a target date (e.g. 1.1.2023), reported monthly.

    Viewing: public roadmaps, the owner's members and the reporting regions' members (they read
    an internal roadmap they report on); changing (tasks, periods, closing): the owner's editors.
    """

    org_paths = ("owner",)
    reader_paths = ("reporting_regions__organisation",)

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owner organisation"), on_delete=models.PROTECT,
        related_name="readiness_roadmaps",
        help_text=_("Its editors maintain the roadmap and close periods."),
    )
    target_date = models.DateField(
        _("target date"), help_text=_("Readiness counts the applicable tasks due by this date."))
    visibility = visibility_field()

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        ordering = ["-target_date", "name"]

    def __str__(self):
        return self.name

    @property
    def is_national(self) -> bool:
        """A ministry's (national) roadmap; a county's or a municipality's own roadmap (of its
        municipalities, its units) is regional: its pages say so (walk 6 #19)."""
        return self.owner.kind not in ("county", "municipality", "joint_authority")

    def picture_title(self) -> str:
        return str(_("National readiness picture") if self.is_national else _("Regional readiness picture"))

    def table_title(self) -> str:
        return str(_("National table") if self.is_national else _("Table of the reporting organisations"))

    def get_absolute_url(self):
        return reverse("readiness:roadmap_detail", args=[self.pk])


class RoadmapPart(RestrictedModel):
    """Areas, tasks, regions and periods: rights and visibility follow the roadmap."""

    org_paths = ("roadmap__owner",)
    reader_paths = ("roadmap__reporting_regions__organisation",)
    visibility_path = "roadmap__visibility"

    class Meta:
        abstract = True


class Area(RoadmapPart):
    """An area of the roadmap (osa-alue), e.g. Yhdyspinnat."""
    history_parent = "roadmap"  # its changes show in the roadmap's history

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="areas",
                                verbose_name=_("roadmap"))
    code = models.SlugField(_("code"), max_length=80)
    letter = models.CharField(_("letter"), max_length=4, blank=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["roadmap", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["roadmap", "code"], name="readiness_area_code")]

    def __str__(self):
        return self.name or self.code


class SubArea(RestrictedModel):
    """A lettered sub-area (A, B, ...) of an area."""
    history_parent = "area"  # its changes show in the area's history

    org_paths = ("area__roadmap__owner",)
    reader_paths = ("area__roadmap__reporting_regions__organisation",)
    visibility_path = "area__roadmap__visibility"

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="subareas", verbose_name=_("area"))
    code = models.SlugField(_("code"), max_length=80)
    letter = models.CharField(_("letter"), max_length=4, blank=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sub-area")
        verbose_name_plural = _("sub-areas")
        ordering = ["area", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["area", "code"], name="readiness_subarea_code")]

    def __str__(self):
        return f"{self.letter} {self.name}".strip()


class RoadmapTask(RoadmapPart):
    """A task (tehtävä) with a due date; it applies to every reporting region unless limited."""
    history_parent = "roadmap"  # its changes show in the roadmap's history

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="tasks",
                                verbose_name=_("roadmap"))
    code = models.CharField(_("task id"), max_length=40)
    title = models.CharField(_("title"), max_length=300, blank=True)
    area = models.ForeignKey(Area, on_delete=models.RESTRICT, related_name="tasks", verbose_name=_("area"))
    subarea = models.ForeignKey(SubArea, on_delete=models.RESTRICT, null=True, blank=True,
                                related_name="tasks", verbose_name=_("sub-area"))
    due_date = models.DateField(_("due date"))
    critical = models.BooleanField(_("critical"), default=False)
    applies_to = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name=_("applies to"),
        help_text=_("Empty: the task applies to every reporting region of the roadmap."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["roadmap", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["roadmap", "code"], name="readiness_task_code")]

    def __str__(self):
        return f"{self.code} {self.title}".strip()


class ReportingRegion(RoadmapPart):
    """An organisation that reports on the roadmap (a county, Helsinki, HUS, a municipality)."""
    history_parent = "roadmap"  # its changes show in the roadmap's history

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="reporting_regions",
                                verbose_name=_("roadmap"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="readiness_memberships", verbose_name=_("organisation"))
    label = models.CharField(_("label in tables"), max_length=100, blank=True,
                             help_text=_("Short name in the national table; empty: the organisation's name."))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reporting region")
        verbose_name_plural = _("reporting regions")
        ordering = ["roadmap", "order", "label"]
        constraints = [models.UniqueConstraint(fields=["roadmap", "organisation"], name="readiness_region_once")]

    def __str__(self):
        return self.label or str(self.organisation)


class Period(RoadmapPart):
    """A monthly reporting period (raportointikausi). Closed periods are locked."""
    history_parent = "roadmap"  # its changes show in the roadmap's history

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="periods",
                                verbose_name=_("roadmap"))
    code = models.CharField(_("period"), max_length=20, help_text=_("For example 2021-10."))
    end_date = models.DateField(_("end date"), help_text=_("Statuses are as of this day."))
    progress_end = models.DateField(
        _("progress horizon"), blank=True,
        help_text=_("Progress counts the tasks due by this day; by default the end of the quarter."),
    )
    closed = models.BooleanField(_("closed"), default=False)
    # the first closing (first publication); every closing and reopening is a PeriodEvent
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("closed by"))
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False,
                                           help_text=_("Raised on every status change; keys the figure cache."))

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["roadmap", "end_date"]
        constraints = [models.UniqueConstraint(fields=["roadmap", "code"], name="readiness_period_code")]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        if self.progress_end is None and self.end_date:
            self.progress_end = quarter_end(self.end_date)
        super().save(*args, **kwargs)


class StatusReport(RestrictedModel):
    """One region's status of one task in one period, with a comment. Only the reporting region's
    own editors change it; the roadmap's owner and the other reporting regions read it too."""

    org_paths = ("region",)
    reader_paths = ("period__roadmap__owner", "period__roadmap__reporting_regions__organisation")
    visibility_path = "period__roadmap__visibility"

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="reports",
                               verbose_name=_("period"))
    region = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                               related_name="readiness_reports", verbose_name=_("region"))
    task = models.ForeignKey(RoadmapTask, on_delete=models.CASCADE, related_name="reports",
                             verbose_name=_("task"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["period", "region", "task"]
        constraints = [models.UniqueConstraint(fields=["period", "region", "task"], name="readiness_report_once")]

    def __str__(self):
        return f"{self.period} {self.region} {self.task.code}"

    def get_absolute_url(self):
        return reverse("readiness:report_detail", args=[self.pk])

    @classmethod
    def history_entries(cls, pks) -> dict:
        """The reports' rows written in bulk (`ReportChange`), for the History page beside their
        auditlog entries (`core.history`)."""
        from yhdyspinta.core.history import HistoryEntry

        ids = [int(pk) for pk in pks if str(pk).isdigit()]
        out: dict = {}
        for change in ReportChange.objects.filter(report_id__in=ids).select_related("batch__by").order_by("pk"):
            diff = {}
            created = change.action == ReportChange.CREATED
            if created or change.old_status != change.status:
                diff["status"] = ["None" if created else change.old_status, change.status]
            if created or change.old_comment != change.comment:
                diff["comment"] = ["None" if created else change.old_comment, change.comment]
            batch = change.batch
            out.setdefault(str(change.report_id), []).append(HistoryEntry(
                pk=-change.pk, timestamp=batch.at, action=change.action, changes_dict=diff, actor=batch.by,
                cid=batch.cid, object_repr=str(batch)))
        return out


class FigureStore(models.Model):
    """The computed figures of a period at one revision, kept so a restart recomputes nothing.

    Derived data: written with update()/bulk_create (no audit entry) and recomputed whenever
    its revision is not the period's.
    """

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="figure_store",
                                  verbose_name=_("period"))
    revision = models.PositiveIntegerField(_("revision"))
    data = models.TextField(_("figures"))

    class Meta:
        verbose_name = _("stored figures")
        verbose_name_plural = _("stored figures")

    def __str__(self):
        return f"{self.period_id}@{self.revision}"


class PublishedFigures(models.Model):
    """The figures of a period as published when it was closed: a frozen snapshot.

    Pages, the API and the exports of a closed period serve the newest snapshot, so a later
    roadmap or status change never alters what was published; closing again after a reopening
    adds a new publication (number 2, 3 …) and keeps the earlier ones.
    """

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="publications",
                               verbose_name=_("period"))
    number = models.PositiveIntegerField(_("publication"))
    data = models.TextField(_("figures"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("published by"))

    class Meta:
        verbose_name = _("published figures")
        verbose_name_plural = _("published figures")
        ordering = ["period", "number"]
        constraints = [models.UniqueConstraint(fields=["period", "number"], name="readiness_publication_once")]

    def __str__(self):
        return f"{self.period} #{self.number}"


class PeriodEvent(models.Model):
    """One closing or reopening of a period: who and when (the history `closed_at` alone lost)."""

    class Action(models.TextChoices):
        CLOSED = "closed", _("closed and published")
        REOPENED = "reopened", _("reopened")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="events", verbose_name=_("period"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=_("by"))
    publication = models.ForeignKey(PublishedFigures, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("publication"))

    class Meta:
        verbose_name = _("period event")
        verbose_name_plural = _("period events")
        ordering = ["period", "at", "pk"]

    def __str__(self):
        return f"{self.period} {self.action} {self.at:%Y-%m-%d %H:%M}"


class ReportBatch(BulkWrite):
    """One bulk write of status reports: a period import (with its file) or a region page's save
    (`core.history.BulkWrite`: file, time, who, request id).

    Made through the ORM inside the action's `audited` transaction, so django-auditlog records it
    (who, when, the client address and request id) like any other record. Each report the batch
    created or changed has a `ReportChange` row (old → new), written in bulk; the history page of a
    report reads them beside its auditlog entries (`StatusReport.history_entries`).
    """

    class Kind(models.TextChoices):
        IMPORT = "import", _("period import")
        REGION_FORM = "region_form", _("region page")

    period = models.ForeignKey(Period, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("period"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)

    class Meta:
        verbose_name = _("status report batch")
        verbose_name_plural = _("status report batches")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.file_name}".strip()


class ReportChange(models.Model):
    """One status report created or changed by a `ReportBatch`: the old and the new status and
    comment. `report_id` is a plain number, not a foreign key, so the record of a change outlives
    the report (as django-auditlog's entries do)."""

    CREATED, UPDATED = 0, 1  # django-auditlog's action numbers, so the history page reads them alike

    batch = models.ForeignKey(ReportBatch, on_delete=models.PROTECT, related_name="changes",
                              verbose_name=_("batch"))
    report_id = models.BigIntegerField(_("status report"), db_index=True)
    action = models.PositiveSmallIntegerField(_("action"), choices=[(CREATED, _("created")), (UPDATED, _("changed"))])
    old_status = models.CharField(_("old status"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=20)
    old_comment = models.TextField(_("old comment"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("status report change")
        verbose_name_plural = _("status report changes")

    def __str__(self):
        return f"#{self.report_id}: {self.old_status or '–'} → {self.status}"
