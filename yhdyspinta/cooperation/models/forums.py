"""Forums on the four levels of cooperation and their members (foorumit, yhteistyöryhmät, verkostot)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from yhdyspinta.core.models import RestrictedModel, Visibility, visibility_field

from .common import ForumOwned


class Level(models.TextChoices):
    """The four levels of seed 003: political, management, expert, field and client."""

    POLITICAL = "political", _("Political decision-making")
    MANAGEMENT = "management", _("Management")
    EXPERT = "expert", _("Experts")
    FIELD = "field", _("Field and client")


LEVEL_ORDER = [Level.POLITICAL, Level.MANAGEMENT, Level.EXPERT, Level.FIELD]


class ForumKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    COOPERATION_GROUP = "cooperation_group", _("Cooperation group")
    NETWORK = "network", _("Network")
    SECTION = "section", pgettext_lazy("forum kind", "Section")


class Forum(RestrictedModel):
    """A body of cooperation (foorumi, yhteistyöryhmä, verkosto, jaosto) on one level.

    `parent` is the forum above: escalations (nostaminen) go there.
    """

    org_paths = ("organisations", "area")

    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=ForumKind.choices, default=ForumKind.COOPERATION_GROUP)
    mandate = models.TextField(_("mandate"), blank=True)
    organisations = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("organisations"), related_name="forums", blank=True
    )
    area = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organising area"), on_delete=models.PROTECT,
        related_name="area_forums", limit_choices_to={"organises_sote": True},
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("forum above"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="children", help_text=_("Where this forum raises development needs and problems."),
    )
    meetings_min = models.PositiveSmallIntegerField(_("planned meetings a year, at least"), null=True, blank=True)
    meetings_max = models.PositiveSmallIntegerField(_("planned meetings a year, at most"), null=True, blank=True)
    work_packages = models.TextField(_("work packages"), blank=True, help_text=_("One work package a line."))
    meeting_minutes = models.PositiveSmallIntegerField(
        _("usual length of a meeting (minutes)"), null=True, blank=True,
        help_text=_("A new meeting ends this long after it starts unless its end is given (default 2 h)."))
    recurrence = models.CharField(
        _("meeting rhythm (RRULE)"), max_length=200, blank=True,
        help_text=_("An iCalendar rule, e.g. FREQ=MONTHLY;BYDAY=2TU (the second Tuesday of every month)."))
    interfaces = models.ManyToManyField(
        "catalogue.Interface", verbose_name=_("interfaces"), related_name="forums", blank=True
    )
    visibility = visibility_field()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ("area__name", "level", "name")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:forum_detail", args=[self.pk])

    def clean(self):
        if self.meetings_min and self.meetings_max and self.meetings_min > self.meetings_max:
            raise ValidationError({"meetings_max": _("The maximum cannot be smaller than the minimum.")})
        if self.recurrence:
            from ..recurrence import RecurrenceError, parse_rule

            try:
                parse_rule(self.recurrence)
            except RecurrenceError as exc:
                raise ValidationError({"recurrence": str(exc)}) from None
        if self.pk and self.visibility == Visibility.INTERNAL:
            public = self.meetings.filter(visibility=Visibility.PUBLIC).count()
            if public:  # their labels would name an internal forum's meetings to outsiders
                raise ValidationError({"visibility": ngettext(
                    "The forum has %(n)d public meeting: make it internal before the forum.",
                    "The forum has %(n)d public meetings: make them internal before the forum.", public)
                    % {"n": public}})
        node, seen = self.parent, set()
        while node is not None:
            if (self.pk and node.pk == self.pk) or node.pk in seen:
                raise ValidationError({"parent": _("A forum cannot be above itself.")})
            seen.add(node.pk)
            node = node.parent

    @property
    def meeting_length(self):
        from datetime import timedelta

        return timedelta(minutes=self.meeting_minutes or 120)

    @property
    def frequency(self) -> str:
        lo, hi = self.meetings_min, self.meetings_max
        if lo and hi and lo != hi:
            return f"{lo}–{hi}"
        return str(lo or hi or "")

    @property
    def work_package_list(self):
        return [line.strip() for line in self.work_packages.splitlines() if line.strip()]

    def route_up(self):
        """The chain of forums above this one, nearest first (the escalation route)."""
        out, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            out.append(node)
            seen.add(node.pk)
            node = node.parent
        return out


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    EXPERT = "expert", pgettext_lazy("person's role", "Expert")


class ForumMember(ForumOwned, RestrictedModel):
    """A person's seat on a forum (jäsen): role (pj, vpj, sihteeri), field and term."""
    history_parent = "forum"  # its changes show in the forum's history

    org_paths = ("forum__organisations", "forum__area")
    visibility_path = "forum__visibility"

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "organisations.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="forum_seats"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation represented"), on_delete=models.PROTECT,
        related_name="forum_seats",
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    field = models.CharField(_("field of expertise"), max_length=200, blank=True)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    outside_expert = models.BooleanField(
        _("outside expert"), default=False,
        help_text=_("Allows a member from an organisation the forum does not span."),
    )

    class Meta:
        verbose_name = _("forum member")
        verbose_name_plural = _("forum members")
        ordering = ("forum", "role", "person__last_name")

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.organisation})"

    def get_absolute_url(self):
        return reverse("cooperation:forum_detail", args=[self.forum_id]) + f"#member-{self.pk}"

    def clean(self):
        errors = {}
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("The term cannot end before it starts.")
        if self.forum_id and self.organisation_id and not self.outside_expert:
            allowed = set(self.forum.organisations.values_list("pk", flat=True)) | {self.forum.area_id}
            if self.organisation_id not in allowed:
                errors["organisation"] = _(
                    "%(org)s is not among the forum's organisations: mark the member as an outside expert "
                    "or add the organisation to the forum."
                ) % {"org": self.organisation}
        if errors:
            raise ValidationError(errors)
