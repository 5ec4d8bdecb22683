from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from trienkhai.core.audit import audit_off
from trienkhai.core.demo import DemoContext, demo_password
from trienkhai.demo.loaders import loader_steps


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa: Thành phố Hải Phòng và xã Tân Kỳ (chạy lại nhiều lần không sao)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        password, reset = demo_password()
        ctx = DemoContext(password=password, reset_passwords=reset)
        with audit_off():
            for name, load in loader_steps():
                with transaction.atomic():
                    load(ctx)
                if options["verbosity"] >= 1:
                    self.stdout.write(f"  {name}: xong")
        seconds = time.monotonic() - started
        if options["verbosity"] < 1:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp dữ liệu minh họa trong {seconds:.1f} giây.".replace(".", ",", 1)
            )
        )
        if not reset:
            self.stdout.write("Mật khẩu các tài khoản minh họa nằm trong tệp .demo-password")
