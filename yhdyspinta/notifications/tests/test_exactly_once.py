"""Exactly once: the job killed mid-run (SIGKILL) and run again, and two jobs at once (two servers).

The jobs are real processes (`manage.py run_notifications`) on a database they share with the
test: on SQLite a file copy of the test database, on PostgreSQL the test database itself. Every
message is counted at the SMTP server.
"""

import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import CountyFactory, MunicipalityFactory, member
from yhdyspinta.catalogue.models import MappingRound
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.notifications import actions
from yhdyspinta.notifications.models import Kind, Mode, Notification

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db(transaction=True)


def _setup(n_users: int) -> list[str]:
    """An open round closing in 5 days (invitations and a reminder due) and n writers of a party."""
    county = CountyFactory()
    municipality = MunicipalityFactory(area=county)
    InterfaceFactory(parties=[municipality, county])
    MappingRound.objects.create(area=county, title="Kartoitus", closes_on=timezone.localdate() + timedelta(days=5))
    addresses = []
    for i in range(n_users):
        user = member(municipality, "editor", email=f"kirjoittaja{i}@example.fi", language="fi" if i % 2 else "sv")
        actions.set_preferences(user, {Kind.ROUND_REMINDER: Mode.IMMEDIATE})
        addresses.append(user.email)
    return addresses


def _shared_database(tmp_path) -> str:
    """A DATABASE_URL other processes can open, holding what the test has committed."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = tmp_path / "shared.sqlite3"
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{target}"
    assert connection.vendor == "postgresql"
    return (f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}")


def _job(url, port, *extra, claim_seconds=900):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "YHDYSPINTA_ONLY_APPS")}
    env.update(DATABASE_URL=url, DEBUG="1", EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
               EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_TIMEOUT="20", TASKS_BACKEND=
               "django_tasks.backends.immediate.ImmediateBackend", NOTIFICATIONS_CLAIM_SECONDS=str(claim_seconds),
               LOG_LEVEL="WARNING")
    return subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "run_notifications", *extra], env=env,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _statuses(url) -> Counter:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url[len("sqlite:///"):]) as db:
            return Counter(s for (s,) in db.execute("SELECT status FROM notifications_notification"))
    return Counter(Notification.objects.values_list("status", flat=True))


def _delivered(mailbox) -> Counter:
    return Counter((tuple(rcpt), str(m["Message-ID"]).strip()) for rcpt, m in mailbox.messages)


def test_a_job_killed_mid_run_and_run_again_sends_each_notification_once(mailbox, tmp_path):
    addresses = _setup(8)
    url = _shared_database(tmp_path)
    mailbox.hold_after = 5  # the sixth e-mail waits at MAIL FROM: the job is mid-run, between e-mails
    job = _job(url, mailbox.port, "--batch", "4")
    try:
        assert mailbox.held.wait(120), job.stderr.read() if job.poll() is not None else "never held"
    finally:
        job.send_signal(signal.SIGKILL)
        job.wait(30)
    assert len(mailbox.messages) == 5
    assert _statuses(url)["sending"] > 0  # the killed job's claims are left behind

    mailbox.hold_after = None
    again = _job(url, mailbox.port, claim_seconds=0)  # the operator's restart: the claims are stale
    _out, err = again.communicate(timeout=180)
    assert again.returncode == 0, err
    per_address = Counter(a for rcpt, _m in mailbox.messages for a in rcpt)
    assert per_address == {a: 2 for a in addresses}  # round opened + reminder, each exactly once
    assert max(_delivered(mailbox).values()) == 1
    assert _statuses(url) == {"sent": 2 * len(addresses)}


def test_two_jobs_at_once_send_each_notification_once(mailbox, tmp_path):
    addresses = _setup(10)
    url = _shared_database(tmp_path)
    mailbox.barrier = 2  # no e-mail goes before both jobs have claimed rows and connected
    jobs = [_job(url, mailbox.port, "--batch", "3") for _ in range(2)]
    outputs = [job.communicate(timeout=240) for job in jobs]
    for job, (_out, err) in zip(jobs, outputs, strict=True):
        assert job.returncode == 0, err
    assert len(mailbox.waiting) == 2  # two SMTP sessions were open at the same time
    per_address = Counter(a for rcpt, _m in mailbox.messages for a in rcpt)
    assert per_address == {a: 2 for a in addresses}
    assert _statuses(url) == {"sent": 2 * len(addresses)}
    sent = [int(out.split("sent: sent ")[1].split(",")[0]) for out, _err in outputs]
    assert sum(sent) == 2 * len(addresses) and min(sent) > 0  # both jobs sent a share
