"""The one call other apps' actions make after a write: `notify_saved(obj)` returns `obj`.

Rows are produced right away (in the caller's transaction when there is one) and the sending
task is enqueued when that transaction commits. A failure here is logged and never undoes or
breaks the write itself. Without the notifications app installed this does nothing.
"""

import logging

from django.apps import apps
from django.db import transaction

logger = logging.getLogger(__name__)


def notify_saved(obj):
    if obj is None or not apps.is_installed("yhdyspinta.notifications"):
        return obj
    from .producers import on_saved

    try:
        with transaction.atomic():
            produced = on_saved(obj)
    except Exception:
        logger.exception("producing notifications for %s %s failed", type(obj).__name__, obj.pk)
        return obj
    if produced:
        enqueue_send()
    return obj


def enqueue_send():
    """Asks the task worker to send now (the immediate backend sends in-process after commit)."""
    from .tasks import send_notifications

    def _enqueue():
        try:
            send_notifications.enqueue()
        except Exception:
            logger.exception("enqueueing the notification task failed")

    transaction.on_commit(_enqueue)
