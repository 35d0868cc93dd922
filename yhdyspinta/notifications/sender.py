"""Sending: claim due rows, send through Django's e-mail backend, mark them sent.

Claiming: a row moves queued → sending with this run's claim token in one short transaction
(PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, so two servers take different rows; SQLite: the
IMMEDIATE transaction holds the write lock, so the conditional UPDATE is atomic). A row is marked
sent right after the SMTP server accepted it. A run killed mid-way leaves its claimed rows in
"sending"; after NOTIFICATIONS_CLAIM_SECONDS another run takes them again.

An SMTP error (a bouncing address, a relay down) is one failed attempt: logged with the address
masked, retried with exponential back-off, given up after NOTIFICATIONS_MAX_ATTEMPTS. The job
itself never stops on one message.
"""

import logging
import smtplib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Notification, Status

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "yhdyspinta.notifications.unsubscribe"


def mask_address(address: str) -> str:
    """m***@example.fi: enough to tell addresses apart in a log, not enough to harvest them."""
    local, at, domain = (address or "").partition("@")
    return f"{local[:1]}***{at}{domain}" if at else "***"


def mask_error(text: str, address: str) -> str:
    text = str(text)
    if address:
        text = text.replace(address, mask_address(address))
    return text[:500]


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(data["u"]), str(data["k"])


_UNSUBSCRIBE_PATHS: dict[str, str] = {}


def unsubscribe_url(user_id: int, kind: str) -> str:
    marker = "TOKEN"  # reverse once per process and site address, not per e-mail (the daily job sends thousands)
    key = settings.SITE_URL
    if key not in _UNSUBSCRIBE_PATHS:
        _UNSUBSCRIBE_PATHS[key] = _site_path(reverse("notifications:unsubscribe", args=[marker]))
    return _UNSUBSCRIBE_PATHS[key].replace(marker, unsubscribe_token(user_id, kind))


def _site_path(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def backoff(attempts: int) -> timedelta:
    base = settings.NOTIFICATIONS_RETRY_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


# ---- claiming ------------------------------------------------------------------------------
def _claimable(now):
    stale = now - timedelta(seconds=settings.NOTIFICATIONS_CLAIM_SECONDS)
    return Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(status=Status.SENDING, claimed_at__lte=stale)


def claim(now, *, limit: int | None, digest: bool, recipient_ids=None) -> tuple[str, list[Notification]]:
    """Moves up to `limit` due rows (all of `recipient_ids`' with limit None) to "sending" under a
    new claim token, in one short transaction; returns the token and the rows."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        qs = Notification.objects.filter(_claimable(now), digest=digest)
        if recipient_ids is not None:
            qs = qs.filter(recipient_id__in=recipient_ids)
        qs = qs.order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("pk", flat=True)[:limit] if limit else qs.values_list("pk", flat=True))
        if ids:
            Notification.objects.filter(_claimable(now), pk__in=ids).update(
                status=Status.SENDING, claim=token, claimed_at=now)
    rows = list(Notification.objects.filter(claim=token, status=Status.SENDING).select_related("recipient")
                .order_by("pk"))
    return token, rows


def _mark_sent(token, rows):
    """One plain UPDATE right after the SMTP server accepted the message (the ORM's query building
    cost more than the statement itself in the daily job)."""
    table = connection.ops.quote_name(Notification._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, sent_at = %s, last_error = '' "
            f"WHERE id IN ({', '.join(['%s'] * len(rows))}) AND claim = %s",
            [Status.SENT, timezone.now(), *[r.pk for r in rows], token])


def _mark_failed(token, rows, error, address, now):
    message = mask_error(error, address)
    for row in rows:
        attempts = row.attempts + 1
        give_up = attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
        Notification.objects.filter(pk=row.pk, claim=token).update(
            status=Status.FAILED if give_up else Status.QUEUED, attempts=attempts, last_error=message,
            next_attempt_at=now + backoff(attempts), claim="")
    logger.warning("notification e-mail to %s failed (attempt %s): %s", mask_address(address),
                   rows[0].attempts + 1 if rows else "?", message)


# ---- building messages ---------------------------------------------------------------------
_FOOTERS: dict[tuple, str] = {}


def _footer(row_kinds, user_id, language, urls=None):
    """The footer, rendered once per language and set of kinds with markers for the user's links."""
    from .models import Kind

    key = (language, tuple(row_kinds), settings.SITE_URL)
    if key not in _FOOTERS:
        with translation.override(language):
            _FOOTERS[key] = render_to_string("notifications/email/footer.txt", {
                "unsubscribe": [(Kind(k).label, f"\x00{n}\x00") for n, k in enumerate(row_kinds)],
                "preferences_url": _site_path(reverse("notifications:preferences")),
            }).strip()
    text = _FOOTERS[key]
    for n, kind in enumerate(row_kinds):
        text = text.replace(f"\x00{n}\x00", (urls or {}).get(kind) or unsubscribe_url(user_id, kind))
    return text


def _attach_ics(message, ics: str, name: str):
    method = "CANCEL" if "METHOD:CANCEL" in ics else "REQUEST"
    message.attach(name, ics.encode(), f"text/calendar; method={method}; charset=utf-8")


def build_message(row: Notification) -> EmailMultiAlternatives:
    user = row.recipient
    unsubscribe = unsubscribe_url(user.pk, row.kind)
    body = f"{row.body}\n\n-- \n{_footer([row.kind], user.pk, row.language, {row.kind: unsubscribe})}\n"
    message = EmailMultiAlternatives(
        subject=row.subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email],
        headers={
            "Message-ID": f"<notification-{row.pk}@{settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN}>",
            "Content-Language": row.language,
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    if row.ics:
        _attach_ics(message, row.ics, "invite.ics" if "METHOD:REQUEST" in row.ics else "cancel.ics")
    return message


def build_digest(rows: list[Notification]) -> EmailMultiAlternatives:
    user = rows[0].recipient
    language = user.language or rows[0].language
    kinds = list(dict.fromkeys(r.kind for r in rows))
    with translation.override(language):
        text = render_to_string("notifications/email/digest.txt", {"rows": rows, "user": user}).strip()
    subject, _sep, body = text.partition("\n")
    body = f"{body.strip()}\n\n-- \n{_footer(kinds, user.pk, language)}\n"
    message = EmailMultiAlternatives(
        subject=subject.strip(), body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email],
        headers={"Message-ID": f"<digest-{rows[0].pk}-{len(rows)}@{settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN}>",
                 "Content-Language": language, "Auto-Submitted": "auto-generated"},
    )
    for n, row in enumerate(r for r in rows if r.ics):
        _attach_ics(message, row.ics, f"event-{n + 1}.ics")
    return message


# ---- the job -------------------------------------------------------------------------------
class Sender:
    """Keeps one SMTP connection for a run and reopens it after an error."""

    def __init__(self):
        self.connection = None

    def send(self, message) -> None:
        if self.connection is None:
            self.connection = get_connection(fail_silently=False)
            self.connection.open()
        try:
            self.connection.send_messages([message])
        except Exception:
            self.close()
            raise

    def close(self):
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:
                logger.debug("closing the e-mail connection failed", exc_info=True)
            self.connection = None


SEND_ERRORS = (smtplib.SMTPException, OSError, UnicodeError, ValueError)


def _deliver(sender, token, rows, message, now) -> bool:
    address = rows[0].recipient.email
    try:
        sender.send(message)
    except SEND_ERRORS as exc:
        _mark_failed(token, rows, exc, address, now)
        return False
    _mark_sent(token, rows)
    return True


def send_due(now=None, *, batch: int = 50, max_messages: int | None = None) -> dict[str, int]:
    """Sends every due immediate row, then every due digest (one e-mail per user); returns counts."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "digests": 0}
    sender = Sender()
    try:
        while max_messages is None or counts["sent"] + counts["failed"] < max_messages:
            token, rows = claim(now, limit=batch, digest=False)
            if not rows:
                break
            for row in rows:
                ok = _deliver(sender, token, [row], build_message(row), now)
                counts["sent" if ok else "failed"] += 1
        while True:  # digests: every due row of a user in one e-mail, `batch` users per claim
            due_users = list(Notification.objects.filter(_claimable(now), digest=True).order_by()
                             .values_list("recipient_id", flat=True).distinct()[:batch])
            if not due_users:
                break
            token, rows = claim(now, limit=None, digest=True, recipient_ids=due_users)
            if not rows:
                continue  # another sender took these users just now; the next query skips them
            by_user: dict[int, list[Notification]] = {}
            for row in rows:
                by_user.setdefault(row.recipient_id, []).append(row)
            for user_rows in by_user.values():
                ok = _deliver(sender, token, user_rows, build_digest(user_rows), now)
                counts["digests" if ok else "failed"] += 1
    finally:
        sender.close()
    return counts


def _send_in_worker(now, batch):
    from django.db import connections

    connections.close_all()  # never share the parent's database connection
    try:
        return send_due(now, batch=batch)
    finally:
        connections.close_all()


def send_due_in(processes: int, now=None, *, batch: int = 50) -> dict[str, int]:
    """`send_due` in `processes` processes at once (`run_notifications --processes N`): they claim
    different rows exactly as two servers' jobs do (exactly once holds), and use more than one core
    for building and serialising the messages. Returns the summed counts."""
    if processes <= 1:
        return send_due(now, batch=batch)
    import multiprocessing

    from django.db import connections

    now = now or timezone.now()
    connections.close_all()  # the children must open their own
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.starmap(_send_in_worker, [(now, batch)] * processes)
        pool.close()
        pool.join()  # the workers exit by themselves (their CPU time is then the parent's children's)
    return {key: sum(r[key] for r in results) for key in results[0]}
