"""Write the public target page of a committee as static HTML for a site on another network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _

from trienkhai.dashboard.public import export_public_page, public_unit_get


class Command(BaseCommand):
    help = "Xuất trang công khai chỉ tiêu của một đảng bộ thành trang HTML tĩnh."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị (ví dụ tan-ky)")
        parser.add_argument("--out", required=True, help="Thư mục ghi index.html và css/")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            unit = public_unit_get(code=options["unit"])
        except Http404 as exc:
            raise CommandError(
                _("Không có đảng bộ xã, phường hoặc thành phố đang hoạt động mã %(code)s.")
                % {"code": options["unit"]}
            ) from exc
        written = export_public_page(unit=unit, out=Path(options["out"]))
        for path in written:
            self.stdout.write(str(path))
