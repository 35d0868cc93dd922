"""A deleted meeting sends its cancellation (METHOD:CANCEL) to everyone it was sent to, however it
is deleted (page, API, admin)."""

import logging

from django.db.models.signals import pre_delete
from django.dispatch import receiver

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
