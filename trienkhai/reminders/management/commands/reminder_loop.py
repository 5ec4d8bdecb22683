"""`trienkhai reminder_loop [--every SECONDS] [--once]`: the scheduler beside `db_worker`:
enqueue the reminder job now and then every `--every` seconds (default an hour). A job
enqueued twice sends nothing twice."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from trienkhai.reminders.jobs import send_due_reminders


class Command(BaseCommand):
    help = "Xếp lịch gửi tin nhắc việc cho tiến trình nền (mỗi giờ một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=3600, help="số giây giữa hai lần")
        parser.add_argument("--once", action="store_true", help="xếp một lần rồi dừng")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            send_due_reminders.enqueue()
            if options["once"]:
                return
            time.sleep(max(options["every"], 60))
