"""Scheduled job (django-tasks, as notifications/tasks.py): the nightly PTV refresh.

Enqueue `refresh_ptv_task` from the scheduler, or call `manage.py refresh_ptv` from cron
(docs/catalogue.md); the same code."""

from django_tasks import task


@task()
def refresh_ptv_task():
    from .management.commands.refresh_ptv import refresh_all

    lines = []
    failed = refresh_all(write=lines.append)
    return {"refreshed": lines, "failed": failed}
