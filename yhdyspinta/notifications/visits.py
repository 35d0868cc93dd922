"""The previous visit for "My work" (core/mywork.py): at every sign-in the time of the previous
sign-in goes into the session, and this one's is stored (`LastVisit`) for the next time.

"Changed since my previous visit" thus means since the previous sign-in, and stays the same for
the whole session (reloading the page does not empty it). Stored at sign-in, a POST, so reading
the page writes nothing.
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone


@receiver(user_logged_in, dispatch_uid="notifications_previous_visit")
def remember_previous_visit(sender, request, user, **kwargs):
    from yhdyspinta.core.mywork import SINCE_SESSION_KEY

    from .models import LastVisit

    previous = LastVisit.objects.filter(user_id=user.pk).values_list("at", flat=True).first()
    LastVisit.objects.update_or_create(user_id=user.pk, defaults={"at": timezone.now()})
    session = getattr(request, "session", None)
    if session is not None:
        session[SINCE_SESSION_KEY] = previous.isoformat() if previous else ""
