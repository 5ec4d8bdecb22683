"""`trienkhai send_reminders [--date YYYY-MM-DD] [--dry-run] [--json]`: send the reminders due
on a day (cron: daily). Each message goes once, however often it runs."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from trienkhai.core.numbers import format_number
from trienkhai.reminders.engine import due_messages, send


class Command(BaseCommand):
    help = "Gửi tin nhắc báo cáo và nhiệm vụ đến hạn (mỗi tin một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="ngày tính (YYYY-MM-DD), mặc định hôm nay")
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không gửi")
        parser.add_argument("--json", action="store_true", help="mỗi tin một dòng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {options['date']} (dạng YYYY-MM-DD).") from exc
        messages = due_messages(today or timezone.localdate())
        shown = messages if options["dry_run"] else send(messages)
        if options["json"]:
            for message in shown:
                self.stdout.write(json.dumps(message.as_json(), ensure_ascii=False))
            return
        verb = "Sẽ gửi" if options["dry_run"] else "Đã gửi"
        self.stdout.write(f"{verb} {format_number(len(shown))} tin nhắc việc.")
