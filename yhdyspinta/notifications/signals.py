"""A deleted meeting sends its cancellation (METHOD:CANCEL) to everyone it was sent to, however it
is deleted (page, API, admin). A record saved by the generic write path (core.actions.save_form on
pages, create_record/update_record in the API) produces its notifications (hooks.notify_saved)."""

import logging

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from yhdyspinta.core.actions import record_saved

logger = logging.getLogger(__name__)


@receiver(pre_delete, sender="cooperation.Meeting", dispatch_uid="notifications_meeting_cancel")
def meeting_cancelled(sender, instance, **kwargs):
    from .hooks import enqueue_send
    from .producers import meeting_deleted

    try:
        if meeting_deleted(instance):
            enqueue_send()
    except Exception:
        logger.exception("producing the cancellation of meeting %s failed", instance.pk)


@receiver(record_saved, dispatch_uid="notifications_record_saved")
def record_saved_notifies(sender, instance, **kwargs):
    from .hooks import notify_saved

    notify_saved(instance)  # invitations, assigned actions, escalations (producers.on_saved)

