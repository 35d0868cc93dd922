"""What the minutes record beyond items and decisions: attendance, minute checkers, corrections,
and the forum's or county's DOCX templates of the meeting documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.models import RestrictedModel

from .common import ForumOwned


class AttendanceRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    EXPERT = "expert", pgettext_lazy("person's role", "Expert")
    ABSENT = "absent", _("Absent")


def in_role_order(rows):
    """Chair, secretary, members, experts, then the absent; by name inside each."""
    order = {role: n for n, role in enumerate(AttendanceRole.values)}
    return sorted(rows, key=lambda a: (order.get(a.role, 99), a.person.last_name, a.person.first_name))


class Attendance(ForumOwned, RestrictedModel):
    """One person at one meeting (läsnäolo) in a role, or absent; two present persons check the minutes."""
    history_parent = "meeting"  # its changes show in the meeting's history

    forum_attr = "meeting.forum"
    org_paths = ("meeting__forum__organisations", "meeting__forum__area")
    visibility_path = "meeting__visibility"

    meeting = models.ForeignKey("cooperation.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="attendance")
    person = models.ForeignKey("organisations.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="attendance")
    role = models.CharField(_("role"), max_length=20, choices=AttendanceRole.choices,
                            default=AttendanceRole.MEMBER)
    checks_minutes = models.BooleanField(_("minute checker"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ("meeting", "role", "person__last_name", "person__first_name")
        constraints = (models.UniqueConstraint(fields=["meeting", "person"], name="coop_unique_attendance"),)

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def get_absolute_url(self):
        return reverse("cooperation:meeting_detail", args=[self.meeting_id]) + "#attendance-h"

    @property
    def present(self) -> bool:
        return self.role != AttendanceRole.ABSENT

    def clean(self):
        if self.checks_minutes and self.role == AttendanceRole.ABSENT:
            raise ValidationError({"checks_minutes": _("A minute checker must have attended the meeting.")})


class Correction(ForumOwned, RestrictedModel):
    """A change to approved minutes (oikaisu): who, when, what and why; shown on the minutes."""
    history_parent = "meeting"

    forum_attr = "meeting.forum"
    org_paths = ("meeting__forum__organisations", "meeting__forum__area")
    visibility_path = "meeting__visibility"
    internal_fields = ("what", "why", "made_by")  # a correction is part of the minutes (hidden_fields_for)

    meeting = models.ForeignKey("cooperation.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="corrections")
    decision = models.ForeignKey("cooperation.Decision", verbose_name=_("decision"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="corrections")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("made by"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(_("made at"), default=timezone.now)
    what = models.TextField(_("what was corrected"))
    why = models.TextField(_("reason for the correction"))

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ("meeting", "made_at")

    @classmethod
    def field_public_q(cls, field):
        from .meetings import minutes_public_q

        return minutes_public_q("meeting__") if field in ("what", "why") else None

    def hidden_fields_for(self, user):
        """What was corrected and why follow the minutes' publicity; who made it: insiders only."""
        hidden = super().hidden_fields_for(user)
        return hidden - {"what", "why"} if hidden and self.meeting.minutes_public() else hidden

    def __str__(self):
        """Without what was corrected: the label shows where the text may not (history, logs)."""
        made = timezone.localtime(self.made_at).strftime("%d.%m.%Y %H.%M") if self.made_at else ""
        return f"{self.meeting}: {gettext('correction')} {made}".strip()

    def get_absolute_url(self):
        return reverse("cooperation:meeting_detail", args=[self.meeting_id]) + f"#correction-{self.pk}"


class DocumentKind(models.TextChoices):
    NOTICE = "notice", _("Notice of meeting")
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")


def template_path(instance, filename):
    return f"cooperation/templates/{instance.area_id}/{filename}"


class DocumentTemplate(RestrictedModel):
    """An editable DOCX template (docxtpl) of a meeting document for one forum or a whole county.

    The forum's own template wins over its county's; without either the shipped default is used
    (cooperation/documents.py)."""

    org_paths = ("area", "forum__organisations")  # a forum's template: its organisations; a county's: the county
    visibility_path = None  # a template holds layout and tags, no data: public

    area = models.ForeignKey("organisations.Organisation", verbose_name=_("county"), on_delete=models.CASCADE,
                             related_name="meeting_templates", limit_choices_to={"organises_sote": True})
    forum = models.ForeignKey("cooperation.Forum", verbose_name=_("forum"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="document_templates",
                              help_text=_("Empty: every forum of the county."))
    kind = models.CharField(_("document"), max_length=10, choices=DocumentKind.choices)
    file = models.FileField(_("DOCX template"), upload_to=template_path)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ("area", "forum", "kind")
        constraints = (models.UniqueConstraint(fields=["area", "forum", "kind"],
                                               name="coop_unique_document_template"),)

    def __str__(self):
        return f"{self.get_kind_display()}: {self.forum or self.area}"

    def get_absolute_url(self):
        return reverse("cooperation:document_template_list")

    def involved_organisation_ids(self) -> set[int]:
        from .common import forum_org_ids

        if self.forum_id:
            return forum_org_ids(self.forum)
        return {self.area_id} if self.area_id else set()

    def clean(self):
        if self.forum_id and self.area_id and self.forum.area_id != self.area_id:
            raise ValidationError({"forum": _("The forum belongs to another county.")})
