"""Demo reminders: what the job sent to Tân Kỳ's late chi bộ about the third quarter (in the
app and as Zalo texts, on the days it would have), so the office's page and the secretaries'
bells are not empty."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from trienkhai.core.demo import DemoContext
from trienkhai.reminders.engine import due_messages, send
from trienkhai.reminders.models import Channel, Notification, Reminder

DAYS = [date(2026, 9, 12), date(2026, 9, 15), date(2026, 9, 22), date(2026, 9, 29)]
HP = ZoneInfo("Asia/Ho_Chi_Minh")


def load(ctx: DemoContext) -> None:
    if Reminder.objects.exists():
        return
    for day in DAYS:
        # No e-mail from the demo: the app and the Zalo text only.
        messages = [m for m in due_messages(day) if m.channel != Channel.EMAIL]
        send([m for m in messages if m.unit.code.startswith("chibo")])
        at = datetime.combine(day, time(7, 30), tzinfo=HP)
        # Rows just written are dated the day the job would have sent them.
        ids = list(Reminder.objects.filter(created_at__gt=at).values_list("pk", flat=True))
        Reminder.objects.filter(pk__in=ids).update(created_at=at, sent_at=at)
        Notification.objects.filter(reminder_id__in=ids).update(created_at=at)
