"""Meetings, agenda items, attachments, decisions, follow-up actions and escalations."""

from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.models import RestrictedModel, RestrictedQuerySet, Visibility, visibility_field

from .. import compute
from .common import ForumOwned

MEETING_ORGS = ("forum__organisations", "forum__area")
HELSINKI = ZoneInfo("Europe/Helsinki")


class MinutesState(models.TextChoices):
    """The minutes' way: drafted by the secretary, checked by the two minute checkers, approved."""

    DRAFT = "draft", _("Draft")
    CHECKED = "checked", _("Checked")
    APPROVED = "approved", _("Approved")


FROZEN_MEETING_FIELDS = ("starts_at", "ends_at", "place", "minutes", "language")


def minutes_public_q(prefix: str = "") -> Q:
    """Meeting.minutes_public() in the database: public meetings whose minutes are checked by today."""
    return Q(**{f"{prefix}visibility": Visibility.PUBLIC, f"{prefix}minutes_checked_on__lte": timezone.localdate()})


class Meeting(ForumOwned, RestrictedModel):
    """A forum's meeting (kokous). Its minutes become public on the day they are checked."""

    org_paths = MEETING_ORGS
    internal_fields = ("minutes", "minutes_checked_by", "minutes_approved_by")  # unchecked minutes are not
    # public (see docs/cooperation.md); who checked and approved them: insiders only

    forum = models.ForeignKey("cooperation.Forum", verbose_name=_("forum"), on_delete=models.CASCADE,
                              related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(
        _("ends"), null=True, blank=True,
        help_text=_("Empty: the start plus the forum's usual meeting length (2 hours if it has none)."))
    language = models.CharField(_("language of the documents"), max_length=5, choices=settings.LANGUAGES,
                                default="fi")
    place = models.CharField(_("place or link"), max_length=300, blank=True)
    participants = models.ManyToManyField("organisations.Person", verbose_name=_("participants"), blank=True,
                                          related_name="meetings")
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_checked_on = models.DateField(
        _("minutes public from"), null=True, blank=True,
        help_text=_("The minutes become public on this date; left empty, on the day they are marked checked."),
    )
    minutes_state = models.CharField(_("state of the minutes"), max_length=10, choices=MinutesState.choices,
                                     default=MinutesState.DRAFT)
    minutes_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("minutes marked checked by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    minutes_checked_at = models.DateTimeField(_("minutes marked checked at"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("minutes approved by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    series = models.UUIDField(_("series"), null=True, blank=True, editable=False,
                              help_text=_("Meetings created together from the forum's rhythm share this."))
    visibility = visibility_field()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ("-starts_at",)

    def __str__(self):
        """forum — meeting date and time (in Finland, in the reader's formats): two meetings of one
        forum on one day (a morning and an afternoon session) are told apart in every select."""
        when = f"{meeting_day(self)} {meeting_time(self)}".strip()
        return " — ".join(part for part in (str(self.forum), when) if part)

    def get_absolute_url(self):
        return reverse("cooperation:meeting_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        if self.starts_at and not self.ends_at and self.forum_id:
            self.ends_at = self.starts_at + self.forum.meeting_length
        super().save(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        """Approved minutes are frozen: their meeting changes only through a correction entry."""
        return self.minutes_state == MinutesState.APPROVED

    def clean(self):
        if self.pk:
            stored = type(self)._default_manager.filter(pk=self.pk).first()
            if stored is not None and stored.is_frozen:
                changed = [f for f in FROZEN_MEETING_FIELDS if getattr(stored, f) != getattr(self, f)]
                if changed:
                    raise ValidationError(frozen_message(self))
            if (stored is not None and self.starts_at and stored.starts_at != self.starts_at
                    and self.ends_at and self.ends_at == stored.ends_at):
                self.ends_at = self.starts_at + (stored.ends_at - stored.starts_at)  # moved: same length
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
        if self.forum_id and self.visibility == Visibility.PUBLIC and self.forum.visibility == Visibility.INTERNAL:
            raise ValidationError({"visibility": _("A meeting of an internal forum cannot be public.")})
        # minutes are checked at or after the meeting; a later date is a planned publication (allowed)
        if self.minutes_checked_on and self.starts_at and self.minutes_checked_on < self.local_date:
            raise ValidationError({"minutes_checked_on": _(
                "The minutes cannot be checked before the meeting (%(date)s).") % {
                "date": formats.date_format(self.local_date, "SHORT_DATE_FORMAT")}})

    @property
    def local_date(self) -> date | None:
        """The meeting's day in Finland (starts_at in Europe/Helsinki)."""
        return timezone.localtime(self.starts_at, HELSINKI).date() if self.starts_at else None

    @classmethod
    def field_public_q(cls, field):
        return minutes_public_q() if field == "minutes" else None

    def hidden_fields_for(self, user):
        """Minutes are internal only until they are checked (the day they become public)."""
        hidden = super().hidden_fields_for(user)
        return hidden - {"minutes"} if hidden and self.minutes_public() else hidden

    def minutes_public(self, today: date | None = None) -> bool:
        """Minutes are public once checked (tarkastettu), if the meeting itself is public."""
        today = today or timezone.localdate()
        return (self.visibility == Visibility.PUBLIC and self.minutes_checked_on is not None
                and self.minutes_checked_on <= today)


def meeting_day(meeting) -> str:
    """The meeting's day in Finland in the reader's short date format (1.2.2026 in fi/sv)."""
    return formats.date_format(meeting.local_date, "SHORT_DATE_FORMAT") if meeting.starts_at else ""


def meeting_time(meeting) -> str:
    """The meeting's starting time in Finland in the reader's time format (13.00 in fi)."""
    return formats.time_format(timezone.localtime(meeting.starts_at, HELSINKI).time(), "TIME_FORMAT") \
        if meeting.starts_at else ""


def item_label(item, *, name_meeting: bool = True) -> str:
    """THE label of an agenda item, everywhere (selects, record pickers, the interface card,
    evidence, escalations): "forum — meeting date — § n title", so one "§ 1 Tilannekatsaus" of 140
    is unambiguous. `name_meeting=False` leaves the forum and date out (AgendaItem.display_for)."""
    own = f"§ {item.number} {item.title}"
    if not name_meeting or not item.meeting_id:
        return own
    meeting = item.meeting
    return " — ".join(part for part in (str(meeting.forum), meeting_day(meeting), own) if part)


def frozen_message(meeting):
    return _("The minutes of %(meeting)s are approved: record the change as a correction entry.") % {
        "meeting": meeting}


def refuse_if_frozen(meeting):
    """Items, attachments, decisions and actions of approved minutes change only by correction."""
    if meeting is not None and meeting.is_frozen:
        raise ValidationError(frozen_message(meeting))


class AgendaItem(ForumOwned, RestrictedModel):
    """An item on the agenda (asia): the title is always public, the body may be internal."""
    history_parent = "meeting"  # its changes show in the meeting's history

    forum_attr = "meeting.forum"
    org_paths = ("meeting__forum__organisations", "meeting__forum__area")
    visibility_path = "meeting__visibility"
    internal_fields = ("body",)  # when body_visibility says so (hidden_fields_for)

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    body = models.TextField(_("presentation"), blank=True)
    body_visibility = models.CharField(
        _("visibility of the presentation"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC,
    )
    interfaces = models.ManyToManyField("catalogue.Interface", verbose_name=_("interfaces discussed"), blank=True,
                                        related_name="agenda_items")

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("meeting", "number")
        constraints = (models.UniqueConstraint(fields=["meeting", "number"], name="coop_unique_item_number"),)

    @classmethod
    def field_public_q(cls, field):
        return ~Q(body_visibility="internal") if field.split("_")[0] == "body" else None

    def hidden_fields_for(self, user):
        """The body is internal only when its own visibility says so."""
        hidden = super().hidden_fields_for(user)
        if hidden and self.body_visibility != "internal":
            return hidden - {"body", "body_fi", "body_sv", "body_en"}
        return hidden

    def __str__(self):
        return item_label(self)

    def display_for(self, user) -> str:
        """The label for a reader: "(hidden)" for an item the reader may not see, and without the
        forum and date when the forum is internal to the reader (an internal forum's meeting is
        not named to outsiders). {% record_label %} prints records through this."""
        from django.utils.translation import gettext

        from yhdyspinta.core.visibility import may_view

        if not may_view(user, self):
            return gettext("(hidden)")
        return item_label(self, name_meeting=may_view(user, self.meeting.forum))

    def clean(self):
        refuse_if_frozen(self.meeting if self.meeting_id else None)

    def get_absolute_url(self):
        return reverse("cooperation:meeting_detail", args=[self.meeting_id]) + f"#item-{self.pk}"


def attachment_path(instance, filename):
    return f"cooperation/meetings/{instance.meeting_id}/{filename}"


class Attachment(ForumOwned, RestrictedModel):
    """A file of a meeting or of one of its items (liite); each is public or internal."""
    history_parent = "meeting"  # its changes show in the meeting's history

    forum_attr = "meeting.forum"
    org_paths = ("meeting__forum__organisations", "meeting__forum__area")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="attachments")
    item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    file = models.FileField(_("file"), upload_to=attachment_path)
    visibility = visibility_field()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("meeting", "item__number", "title")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:attachment_download", args=[self.pk])

    def clean(self):
        refuse_if_frozen(self.meeting if self.meeting_id else None)
        errors = {}
        if self.item_id and self.meeting_id and self.item.meeting_id != self.meeting_id:
            errors["item"] = _("The agenda item belongs to another meeting.")
        if self.meeting_id and self.meeting.visibility == Visibility.INTERNAL and self.visibility == Visibility.PUBLIC:
            errors["visibility"] = _("An attachment of an internal meeting cannot be public.")
        if errors:
            raise ValidationError(errors)


class Resolution(models.TextChoices):
    PASSED = "passed", _("Passed as proposed")
    AMENDED = "amended", _("Passed amended")
    VOTE = "vote", _("Passed after a vote")
    NOTED = "noted", _("Noted")
    TABLED = "tabled", _("Tabled")
    RETURNED = "returned", _("Returned for preparation")
    REMOVED = "removed", _("Removed from the agenda")


class Decision(ForumOwned, RestrictedModel):
    """The decision on one agenda item (päätös)."""
    history_parent = "meeting"  # its changes show in the meeting's history

    forum_attr = "item.meeting.forum"
    org_paths = ("item__meeting__forum__organisations", "item__meeting__forum__area")
    visibility_path = "item__meeting__visibility"
    internal_fields = ("text",)  # the decision's text is public with the minutes (hidden_fields_for)

    item = models.OneToOneField(AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE,
                                related_name="decision")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions",
        help_text=_("The meeting where the decision was made; it must be the item's meeting."),
    )
    resolution = models.CharField(_("resolution"), max_length=20, choices=Resolution.choices)
    text = models.TextField(_("decision"), blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ("meeting", "item__number")

    @classmethod
    def field_public_q(cls, field):
        return minutes_public_q("meeting__") if field == "text" else None

    def hidden_fields_for(self, user):
        """A decision's text becomes public with the minutes (when they are checked, julkisuuslaki
        7 §); the resolution (approved, tabled …) is public with the item."""
        hidden = super().hidden_fields_for(user)
        return hidden - {"text"} if hidden and self.meeting.minutes_public() else hidden

    def __str__(self):
        return f"{self.item}: {self.get_resolution_display()}"

    def display_for(self, user) -> str:
        """As the agenda item's label for this reader (AgendaItem.display_for) with the resolution."""
        from django.utils.translation import gettext

        from yhdyspinta.core.visibility import may_view

        if not may_view(user, self):
            return gettext("(hidden)")
        return f"{self.item.display_for(user)}: {self.get_resolution_display()}"

    def get_absolute_url(self):
        return reverse("cooperation:meeting_detail", args=[self.meeting_id]) + f"#item-{self.item_id}"

    def clean(self):
        refuse_if_frozen(self.meeting if self.meeting_id else None)
        if self.item_id and self.meeting_id and self.item.meeting_id != self.meeting_id:
            raise ValidationError({"item": _("The agenda item belongs to another meeting: a decision can only "
                                             "be made on an item of its own meeting.")})


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class FollowUpActionQuerySet(RestrictedQuerySet):
    def late(self, today=None):
        return self.filter(status=ActionStatus.OPEN, deadline__lt=today or timezone.localdate())


class FollowUpAction(ForumOwned, RestrictedModel):
    """A follow-up action of a decision (toimenpide): owner, deadline, status."""
    history_parent = "decision"  # its changes show in the decision's history

    forum_attr = "decision.item.meeting.forum"
    org_paths = ("decision__item__meeting__forum__organisations", "decision__item__meeting__forum__area")
    visibility_path = "decision__item__meeting__visibility"

    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.CASCADE,
                                 related_name="actions")
    title = models.CharField(pgettext_lazy("follow-up", "action"), max_length=300)
    owner = models.ForeignKey("organisations.Person", verbose_name=pgettext_lazy("responsible person", "owner"), on_delete=models.PROTECT,
                              related_name="followup_actions")
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ("deadline",)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:meeting_detail", args=[self.decision.meeting_id]) + f"#item-{self.decision.item_id}"

    def is_late(self, today=None):
        return self.status == ActionStatus.OPEN and self.deadline < (today or timezone.localdate())

    def clean(self):
        # the status is followed up after approval (set_action_status); what the minutes say is not
        refuse_if_frozen(self.decision.meeting if self.decision_id else None)


class EscalationState(models.TextChoices):
    RAISED = compute.RAISED, _("Raised")
    ON_AGENDA = compute.ON_AGENDA, _("On the agenda")
    DECIDED = compute.DECIDED, _("Decided")
    DONE = compute.DONE, _("Done")
    REJECTED = compute.REJECTED, _("Rejected")


class Escalation(RestrictedModel):
    """A development need or a problem raised to the forum above (nostaminen): tracked until closed."""

    org_paths = ("raised_by__organisations", "raised_by__area", "to_forum__organisations")

    raised_by = models.ForeignKey("cooperation.Forum", verbose_name=_("raised by"), on_delete=models.PROTECT,
                                  related_name="escalations_raised")
    to_forum = models.ForeignKey("cooperation.Forum", verbose_name=_("raised to"), on_delete=models.PROTECT,
                                 related_name="escalations_received")
    interface = models.ForeignKey("catalogue.Interface", verbose_name=_("interface"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="escalations")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=EscalationState.choices,
                             default=EscalationState.RAISED)
    reason = models.TextField(_("reason for rejection"), blank=True)
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="escalations")
    source_item = models.ForeignKey(
        AgendaItem, verbose_name=_("raised from agenda item"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="escalations_raised",
        help_text=_("The item of the raising forum's meeting where the matter came up."))
    raised_on = models.DateField(_("raised on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    visibility = visibility_field()

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ("-raised_on", "title")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:escalation_detail", args=[self.pk])

    def involved_organisation_ids(self):
        from .common import forum_org_ids

        return forum_org_ids(self.raised_by if self.raised_by_id else None)

    def clean(self):
        errors = {}
        if self.raised_by_id and self.to_forum_id:
            if self.raised_by_id == self.to_forum_id:
                errors["to_forum"] = _("A forum cannot raise a matter to itself.")
            elif self.to_forum_id not in {f.pk for f in self.raised_by.route_up()}:
                errors["to_forum"] = _("Matters are raised to a forum above: %(route)s.") % {
                    "route": " → ".join(str(f) for f in self.raised_by.route_up()) or _("this forum has none")}
        if self.agenda_item_id and self.to_forum_id and self.agenda_item.meeting.forum_id != self.to_forum_id:
            errors["agenda_item"] = _("The agenda item must be on a meeting of the forum the matter was raised to.")
        if self.source_item_id and self.raised_by_id and self.source_item.meeting.forum_id != self.raised_by_id:
            errors["source_item"] = _("The item it came from must be on a meeting of the raising forum.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self):
        return self.state in compute.CLOSED
