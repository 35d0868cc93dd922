"""Notifications (ilmoitukset): one row per recipient, kind and occasion; preferences per kind.

UNIQUE(recipient, kind, occasion) is what makes "sent exactly once" hold: every producer may run
again, after a crash or on two servers at once, and only inserts what is not there yet.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ROUND_OPENED = "round_opened", _("Mapping round opened")
    ROUND_REMINDER = "round_reminder", _("Mapping round closing, your organisation has not answered")
    MEETING = "meeting", _("Meeting invitations, updates and cancellations")
    ACTION_ASSIGNED = "action_assigned", _("Follow-up action assigned to you")
    ACTION_OVERDUE = "action_overdue", _("Your follow-up action is overdue")
    ESCALATION = "escalation", _("Matter raised to your forum")
    AGREEMENT_REMINDER = "agreement_reminder", _("Agreement reminder date reached")
    DUTY_DUE = "duty_due", _("Statutory duty due soon")
    DUTY_OVERDUE = "duty_overdue", _("Statutory duty overdue")
    READINESS_PERIOD = "readiness_period", _("Readiness reporting period opened or closing")
    REPORT_SUBMITTED = "report_submitted", _("Welfare report waiting for your approval")
    LEASE_REMINDER = "lease_reminder", _("Lease notice or option deadline near")
    TRANSFER_ITEM_DUE = "transfer_item_due", _("Transfer inventory item due soon")


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("In a daily digest")
    OFF = "off", _("Not at all")


# Reminders gather up: by default they come in the daily digest; news comes at once.
DEFAULT_MODES = {
    Kind.ROUND_REMINDER: Mode.DAILY,
    Kind.ACTION_OVERDUE: Mode.DAILY,
    Kind.AGREEMENT_REMINDER: Mode.DAILY,
    Kind.DUTY_DUE: Mode.DAILY,
    Kind.DUTY_OVERDUE: Mode.DAILY,
    Kind.LEASE_REMINDER: Mode.DAILY,
    Kind.TRANSFER_ITEM_DUE: Mode.DAILY,
}


def default_mode(kind) -> str:
    return DEFAULT_MODES.get(kind, Mode.IMMEDIATE)


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One e-mail's worth of news for one user, rendered in the user's language when produced."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"),
                                  on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    occasion = models.CharField(_("occasion"), max_length=200,
                                help_text=_("What this notification is about, e.g. round:12:remind:7."))
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=8, default="fi")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    url = models.CharField(_("address"), max_length=500, blank=True)
    ics = models.TextField(_("calendar attachment"), blank=True)
    digest = models.BooleanField(_("in the daily digest"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    claim = models.CharField(max_length=64, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "kind", "occasion"],
                                               name="notifications_once_per_occasion")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notifications_due")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"


class NotificationPreference(models.Model):
    """How a user wants one kind: immediately, in the daily digest, or not at all."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="notification_preferences")
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notifications_one_preference")]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} – {self.get_mode_display()}"


class CalendarEvent(models.Model):
    """The SEQUENCE of a calendar event we have sent (RFC 5546): it grows when the time or place
    changes, so calendar programs replace the earlier invitation."""

    uid = models.CharField(max_length=100, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    cancelled = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("calendar event")
        verbose_name_plural = _("calendar events")

    def __str__(self):
        return f"{self.uid} #{self.sequence}"


class LastVisit(models.Model):
    """The time of the user's latest sign-in. At sign-in the previous one goes into the session,
    and "My work" shows what changed since then (signals.remember_previous_visit, docs/mywork.md)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                primary_key=True, related_name="+")
    at = models.DateTimeField(_("signed in"))

    class Meta:
        verbose_name = _("last visit")
        verbose_name_plural = _("last visits")

    def __str__(self):
        return f"{self.user_id}: {self.at}"
