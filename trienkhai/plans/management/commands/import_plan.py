"""`trienkhai import_plan FILE [--dry-run] [--json]`: read a plan file into a draft."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from trienkhai.core.errors import DomainError
from trienkhai.plans.parser import ParsedPlan, PlanParseError, parse_plan_file


class Command(BaseCommand):
    help = (
        "Đọc tệp kế hoạch (.txt, .docx, .pdf có lớp văn bản): --dry-run chỉ in bản nháp (chỉ tiêu, "
        "ngưỡng quán triệt, nhiệm vụ, thời hạn, quy định truyền thông), không ghi gì; không có "
        "--dry-run thì lưu kế hoạch cho đơn vị ban hành (--unit, mặc định là đơn vị có tên khớp "
        "cơ quan ban hành) như màn hình kiểm tra bản nháp. Tệp không đọc được: báo lỗi, mã thoát 2."
    )
    # Reading a file needs neither the database nor the project's checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Đường dẫn tệp kế hoạch")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đọc và in kết quả, không lưu."
        )
        parser.add_argument("--unit", help="Mã đơn vị ban hành (khi lưu).")
        parser.add_argument(
            "--user", help="Tên đăng nhập người lưu (mặc định: một cán bộ văn phòng của đơn vị)."
        )
        parser.add_argument(
            "--json", action="store_true", help="In đúng JSON của hợp đồng import_plan."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Kế hoạch đã có: áp dụng các thay đổi vào kế hoạch đó (không tạo bản thứ hai).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = parse_plan_file(options["file"])
        except PlanParseError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_summary(plan))
        if not options["dry_run"]:
            from trienkhai.plans.importing import import_plan_file

            try:
                saved, changes = import_plan_file(
                    path=options["file"],
                    parsed=plan,
                    unit_code=options["unit"],
                    username=options["user"],
                    update=options["update"],
                )
            except DomainError as exc:
                raise CommandError(exc.message, returncode=2) from exc
            stream = self.stderr if options["json"] else self.stdout
            if changes is not None:
                stream.write(
                    _("Đã áp dụng %(n)s thay đổi vào %(plan)s (mã %(pk)s).")
                    % {"n": len(changes), "plan": saved, "pk": saved.pk}
                )
                for change in changes:
                    stream.write(
                        f"  {change.part} · {change.what}: {change.before} → {change.after}"
                    )
                return
            stream.write(
                _("Đã lưu %(plan)s (mã %(pk)s) cho %(unit)s.")
                % {"plan": saved, "pk": saved.pk, "unit": saved.org_unit.name}
            )


def _summary(plan: ParsedPlan) -> str:
    numbered = {t.ref.split(".")[0] for t in plan.targets if "-" not in t.ref}
    title = plan.title or _("(không rõ trích yếu)")
    lines = [
        f"{plan.issuer or '?'} — {plan.symbol or '?'}: {title}",
        _("Chỉ tiêu: %(rows)s dòng (%(n)s chỉ tiêu đánh số)")
        % {"rows": len(plan.targets), "n": len(numbered)},
        _("Ngưỡng quán triệt: %(n)s") % {"n": len(plan.coverage_targets)},
        _("Giải pháp: %(s)s; đối tượng: %(a)s")
        % {"s": len(plan.solutions), "a": len(plan.audiences)},
        _("Nhiệm vụ: %(t)s; thời hạn: %(d)s") % {"t": len(plan.tasks), "d": len(plan.deadlines)},
        _("Quy định truyền thông: %(n)s") % {"n": len(plan.media_rules)},
        _("Dòng chưa hiểu: %(u)s; cảnh báo: %(w)s")
        % {"u": len(plan.unparsed), "w": len(plan.warnings)},
    ]
    lines.extend(f"  - {w}" for w in plan.warnings)
    return "\n".join(lines)
