"""`trienkhai open_report_requests [--date YYYY-MM-DD]`: open the requests of every period
whose data window has begun (for cron, daily; opening twice adds nothing)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from trienkhai.core.numbers import format_number
from trienkhai.reporting.opening import open_due


class Command(BaseCommand):
    help = "Mở yêu cầu báo cáo của các kỳ đã bắt đầu (chạy hằng ngày)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="ngày tính (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {options['date']} (dạng YYYY-MM-DD).") from exc
        created = open_due(today or timezone.localdate())
        self.stdout.write(f"Đã mở {format_number(created)} yêu cầu báo cáo.")
