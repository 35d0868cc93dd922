"""Produce the due reminders and send every due e-mail, once. Run it every few minutes:

    */5 * * * *  yhdyspinta run_notifications

Any number of these may run at once (on several servers): each reminder is sent once.
"""

from django.core.management.base import BaseCommand

from yhdyspinta.notifications.producers import produce_due
from yhdyspinta.notifications.sender import send_due_in


class Command(BaseCommand):
    help = "Produces due reminders and digests and sends every due notification e-mail."

    def add_arguments(self, parser):
        parser.add_argument("--send-only", action="store_true", help="Only send what is already queued.")
        parser.add_argument("--produce-only", action="store_true", help="Only produce, send nothing.")
        parser.add_argument("--batch", type=int, default=50, help="Rows claimed at a time (default 50).")
        parser.add_argument("--processes", type=int, default=1,
                            help="Send in this many processes at once, e.g. the number of cores (default 1).")

    def handle(self, *args, send_only=False, produce_only=False, batch=50, processes=1, **options):
        if not send_only:
            produced = produce_due()
            self.stdout.write("produced: " + ", ".join(f"{k} {v}" for k, v in produced.items()))
        if not produce_only:
            sent = send_due_in(processes, batch=batch)
            self.stdout.write("sent: " + ", ".join(f"{k} {v}" for k, v in sent.items()))
