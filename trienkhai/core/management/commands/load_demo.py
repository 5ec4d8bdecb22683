from __future__ import annotations

import importlib
import time
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from trienkhai.core.audit import audit_off
from trienkhai.core.demo import DEMO_APPS, DemoContext, demo_password


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa: Thành phố Hải Phòng và xã Tân Kỳ (chạy lại nhiều lần không sao)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        password, reset = demo_password()
        ctx = DemoContext(password=password, reset_passwords=reset)
        installed = {config.name for config in apps.get_app_configs()}
        with audit_off():
            for app in DEMO_APPS:
                if app not in installed:
                    continue
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                with transaction.atomic():
                    module.load(ctx)
                if options["verbosity"] >= 1:
                    self.stdout.write(f"  {app.rsplit('.', 1)[1]}: xong")
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
