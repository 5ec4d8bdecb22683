"""The background job: send the reminders due today, run by `db_worker` (the database queue)
when `reminder_loop` (started by `make run`) or cron enqueues it. Sending is idempotent, so
the loop may enqueue as often as it likes."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django_tasks import task

from trienkhai.reminders.engine import due_messages, send


@task()
def send_due_reminders(day: str = "") -> int:
    """Deliver the reminders of `day` (ISO, default today); returns how many went."""
    today = date.fromisoformat(day) if day else timezone.localdate()
    return len(send(due_messages(today)))
