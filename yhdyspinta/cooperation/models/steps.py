"""The four SISOTE steps of seed 000 (Askeleita SISOTE-yhdyspinnoille) as a county's checklist."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.models import RestrictedModel

# (step number, step title, [(item key, item text)]) — the items of seed 000's four steps.
STEPS = [
    (1, _("The need for interface work is raised and discussed"), [
        ("need_raised", _("The need is raised in an existing network of the region")),
        ("network_found", _("A network is used or founded (e.g. the region's education directors)")),
        ("management_support", _("The municipalities' management supports starting the work")),
    ]),
    (2, _("SISOTE preparation starts"), [
        ("network_convened", _("A preparatory network of the municipalities and the county is convened")),
        ("chair_agreed", _("The chair is agreed")),
        ("coordinator_agreed", _("The coordinator who prepares and convenes is agreed")),
        ("meetings_agreed", _("The meetings are agreed")),
        ("timetable_agreed", _("A preliminary timetable is agreed")),
    ]),
    (3, _("Interface work in the network"), [
        ("interfaces_mapped", _("The interfaces are mapped (a mapping round of the register)")),
        ("models_defined", _("Good operating models are defined")),
        ("earlier_reports_used", _("Earlier reports (LAPE) and welfare plans are used")),
    ]),
    (4, _("Proposals for operating models at the interfaces"), [
        ("proposals_made", _("Proposals for operating models are made")),
        ("proposals_handled", _("The proposals are handled by the management forum")),
    ]),
]
ITEM_KEYS = [key for _n, _t, items in STEPS for key, _text in items]
ITEM_CHOICES = [(key, text) for _n, _t, items in STEPS for key, text in items]


def checklist_owners():
    """Whose SISOTE checklist there is: the organising areas (counties, Helsinki) and municipalities."""
    return models.Q(organises_sote=True) | models.Q(kind="municipality")


class StepTick(RestrictedModel):
    """A ticked item of a county's or a municipality's SISOTE checklist, with its evidence.
    (`county` is the checklist's organisation: an organising area or, since issue 15, a municipality.)"""

    org_paths = ("county",)
    visibility_path = None

    county = models.ForeignKey("organisations.Organisation", verbose_name=_("county or municipality"),
                               on_delete=models.CASCADE, related_name="sisote_ticks",
                               limit_choices_to=checklist_owners)
    item = models.CharField(_("item"), max_length=40, choices=ITEM_CHOICES)
    done_on = models.DateField(_("done on"), default=timezone.localdate)
    evidence = models.CharField(_("evidence"), max_length=500,
                                help_text=_("What shows it: a meeting, a decision, a document."))
    url = models.URLField(_("address"), blank=True)
    meeting = models.ForeignKey("cooperation.Meeting", verbose_name=_("meeting"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="step_ticks")

    class Meta:
        verbose_name = _("SISOTE step item")
        verbose_name_plural = _("SISOTE step items")
        ordering = ("county", "item")
        constraints = (models.UniqueConstraint(fields=["county", "item"], name="coop_unique_tick"),)

    def __str__(self):
        return f"{self.county}: {self.get_item_display()}"

    def get_absolute_url(self):
        return reverse("cooperation:steps", args=[self.county_id])
