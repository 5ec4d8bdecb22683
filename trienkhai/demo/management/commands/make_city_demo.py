from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trienkhai.core.audit import audit_off
from trienkhai.core.numbers import format_number
from trienkhai.demo.city import CITY_CODE, make_city
from trienkhai.orgs.models import OrgUnit


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu cỡ cả thành phố để thử tải: N đảng bộ xã, mỗi xã M chi bộ, số liệu Y năm "
        "(sĩ số, buổi quán triệt, số tin bài theo tuần). Chạy lại không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--committees", type=int, default=114)
        parser.add_argument("--cells", type=int, default=40)
        parser.add_argument("--years", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        if min(options["committees"], options["cells"], options["years"]) < 1:
            raise CommandError(
                "Các số --committees, --cells, --years phải từ 1 trở lên.", returncode=2
            )
        if not OrgUnit.objects.filter(code=CITY_CODE).exists():
            call_command("load_demo", verbosity=0)
        started = time.monotonic()
        with audit_off():
            result = make_city(
                committees=options["committees"], cells=options["cells"], years=options["years"]
            )
        seconds = time.monotonic() - started
        if options["verbosity"] < 1:
            return
        self.stdout.write(
            f"Đã tạo {result.communes} xã, {result.cells} chi bộ, {result.sessions} buổi quán "
            f"triệt, {result.tallies} số liệu tin bài theo tuần trong "
            f"{format_number(seconds, 1)} giây."
        )
