"""A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port, and the settings pointed at it."""

import asyncio
import email
import email.policy
import logging
import socket
import threading

import pytest
from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """Records every accepted message; refuses the addresses in `reject` with 550; with `hold_after`
    set, holds the next transaction at MAIL FROM (before any data) until released; with `barrier`
    set to n, holds every MAIL FROM until n connections wait at once (proof that n senders overlap)."""

    def __init__(self):
        self.messages = []
        self.reject = set()
        self.hold_after = None
        self.barrier = None
        self.waiting = set()
        self.held = threading.Event()
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.barrier is not None:
            self.waiting.add(session.peer)
            for _tick in range(1200):  # at most a minute
                if len(self.waiting) >= self.barrier:
                    break
                await asyncio.sleep(0.05)
        while self.hold_after is not None and len(self.messages) >= self.hold_after:
            self.held.set()
            await asyncio.sleep(0.05)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for rcpt, m in self.messages if address in rcpt]


@pytest.fixture
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, mailbox
    mailbox.hold_after = None
    controller.stop()


@pytest.fixture
def mailbox(smtp_server, settings):
    controller, box = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    settings.SITE_URL = "https://yhdyspinta.example.fi"
    box.port = controller.port
    return box
