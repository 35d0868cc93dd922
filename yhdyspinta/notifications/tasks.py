"""Tasks on django-tasks (Django's Tasks API backported; the database backend is django-tasks-db).

`send_notifications` is enqueued by the actions that produce notifications and run by the worker
(`yhdyspinta db_worker`); `run_notifications` (the command the cron line or systemd timer calls)
produces the scheduled reminders and sends whatever is due, the same code.
"""

from django_tasks import task


@task()
def send_notifications():
    from .sender import send_due

    return send_due()


@task()
def produce_and_send():
    from .producers import produce_due
    from .sender import send_due

    produced = produce_due()
    return {"produced": produced, "sent": send_due()}
