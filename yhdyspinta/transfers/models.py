"""Transfer projects (siirtohankkeet) and their inventories (inventaario).

A project moves tasks from some organisations to others on a transfer date (e.g. TE24: employment
services from the state to municipalities 1.1.2025). Its inventory lists what has to be decided:
contracts, assets, premises, ICT systems, archives and staff groups. Staff groups are counts and
costs only (headcount, FTE, cost), never names of employees. Costs and staff figures are
`internal_*` fields: hidden from those who may not read the involved organisations' internal data.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.models import RestrictedModel, visibility_field


class ItemKind(models.TextChoices):
    CONTRACT = "contract", _("Contract")
    ASSET = "asset", _("Asset")
    PREMISE = "premise", _("Premise")
    ICT_SYSTEM = "ict_system", _("ICT system")
    ARCHIVE = "archive", _("Archive")
    STAFF_GROUP = "staff_group", _("Staff group")


class Decision(models.TextChoices):
    MOVES = "moves", _("Moves")
    STAYS = "stays", _("Stays")
    SHARED = "shared", _("Shared")
    ENDS = "ends", _("Ends")
    UNDECIDED = "undecided", _("Not decided")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class TransferProject(RestrictedModel):
    """A transfer of tasks between organisations on one date; the parties are the organisations
    giving and receiving them (at least two)."""

    org_paths = ("parties",)

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    transfer_date = models.DateField(_("transfer date"))
    area = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("county"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="transfer_projects_in_area",
        help_text=_("The wellbeing services county whose area the project covers; empty: national."),
    )
    parties = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("parties"), related_name="transfer_projects",
        help_text=_("The organisations giving and receiving the tasks (at least two)."),
    )
    roadmap_task = models.ForeignKey(
        "readiness.RoadmapTask", verbose_name=_("readiness task"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="transfer_projects",
        help_text=_("The readiness roadmap task this inventory feeds; its progress is shown there."),
    )
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Invented or example content: not real figures."))
    visibility = visibility_field()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("transfer project")
        verbose_name_plural = _("transfer projects")
        ordering = ("transfer_date", "title")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("transfers:project_detail", args=[self.pk])


class InventoryItem(RestrictedModel):
    """One thing to decide in a transfer: what it is, from which party to which, the decision,
    who owns the work, by when, its status and the evidence that it is done."""

    org_paths = ("owner", "from_party", "to_party")  # all three are parties of the project

    project = models.ForeignKey(TransferProject, verbose_name=_("transfer project"), on_delete=models.CASCADE,
                                related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=300)
    from_party = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("from party"), on_delete=models.PROTECT, related_name="+")
    to_party = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("to party"), on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, default=Decision.UNDECIDED)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owner organisation"), on_delete=models.PROTECT,
        related_name="transfer_items", help_text=_("The organisation responsible for this item's work."))
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True,
                                           help_text=_("How many (contracts, devices, metres of archive…)."))
    internal_cost = models.DecimalField(_("annual cost (€)"), max_digits=14, decimal_places=2, null=True, blank=True)
    internal_headcount = models.PositiveIntegerField(
        _("headcount"), null=True, blank=True, help_text=_("Staff groups only: a count, never names."))
    internal_fte = models.DecimalField(_("full-time equivalents"), max_digits=9, decimal_places=1,
                                       null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("What shows the item is done."))
    evidence_url = models.URLField(_("evidence link"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    visibility = visibility_field()
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("inventory item")
        verbose_name_plural = _("inventory items")
        ordering = ("project", "kind", "title")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("transfers:item_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.project_id:
            party_ids = set(self.project.parties.values_list("pk", flat=True))
            for field in ("from_party", "to_party", "owner"):
                org = getattr(self, field, None) if getattr(self, f"{field}_id", None) else None
                if org is not None and org.pk not in party_ids:
                    errors[field] = _("%(organisation)s is not a party of the transfer project "
                                      "“%(project)s”.") % {"organisation": org, "project": self.project}
        if self.kind != ItemKind.STAFF_GROUP and (self.internal_headcount is not None or self.internal_fte is not None):
            errors["internal_headcount"] = _("Headcount and full-time equivalents belong to staff groups only.")
        if self.project_id and self.project.visibility == "internal" and self.visibility != "internal":
            errors["visibility"] = _("An item of an internal project is internal.")
        if self.status == ItemStatus.DONE and self.decision == Decision.UNDECIDED:
            errors["status"] = _("An item is done only when its decision is made.")
        if errors:
            raise ValidationError(errors)


class ChecklistTemplateItem(RestrictedModel):
    """One line of the due-diligence checklist of a kind; copied to every new item of that kind.
    Owner empty: the national checklist (administrators edit it); an organisation's own lines
    are added to the items it owns."""

    org_paths = ("owner",)
    visibility_path = None

    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    text = models.CharField(_("check"), max_length=500)
    order = models.PositiveIntegerField(_("order"), default=0)
    owner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owner"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="transfer_checklist_lines", help_text=_("Empty: the national checklist."))

    class Meta:
        verbose_name = _("checklist template line")
        verbose_name_plural = _("checklist template lines")
        ordering = ("kind", "order", "pk")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("transfers:template_edit", args=[self.pk])


class ChecklistItem(models.Model):
    """A due-diligence check of one inventory item (copied from the template when it was added)."""

    history_parent = "item"  # its changes show in the item's history

    item = models.ForeignKey(InventoryItem, verbose_name=_("inventory item"), on_delete=models.CASCADE,
                             related_name="checks")
    text = models.CharField(_("check"), max_length=500)
    order = models.PositiveIntegerField(_("order"), default=0)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ("item", "order", "pk")

    def __str__(self):
        return self.text
