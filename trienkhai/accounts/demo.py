"""Demo logins, where PRODUCT.md puts them."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from trienkhai.accounts.models import Membership, Role, User
from trienkhai.core.demo import DemoContext

# username → (unit code, role, full name, title)
DEMO_USERS = [
    ("admin", "hai-phong", Role.ADMIN, "Quản trị hệ thống", "Quản trị hệ thống"),
    ("thanhuy", "hai-phong", Role.LEADER, "Trần Quang Huy", "Phó Chánh Văn phòng Thành ủy"),
    ("bithu", "tan-ky", Role.LEADER, "Nguyễn Văn Bình", "Bí thư Đảng ủy xã"),
    ("vanphong", "tan-ky", Role.OFFICE, "Phạm Thị Hương", "Chánh Văn phòng Đảng ủy"),
    ("bxd", "tan-ky", Role.OFFICE, "Lê Minh Tuấn", "Trưởng Ban Xây dựng Đảng"),
    ("ubnd", "tan-ky-ubnd", Role.REPORTER, "Vũ Đức Thắng", "Chánh Văn phòng HĐND và UBND xã"),
    ("mttq", "tan-ky-mttq", Role.REPORTER, "Đỗ Thị Lan", "Phó Chủ tịch Ủy ban MTTQ xã"),
    ("xem", "tan-ky", Role.VIEWER, "Hoàng Văn Nam", "Ủy viên Ban Chấp hành Đảng bộ"),
    # A mass organisation's login, so its home (its members' sessions) can be seen.
    ("doan", "tan-ky-doan", Role.REPORTER, "Nguyễn Thị Thu Trang", "Phó Bí thư Đoàn xã"),
    # The Ủy ban Kiểm tra: it opens inspections, verifies corrections, issues conclusions.
    ("ubkt", "tan-ky-ubkt", Role.OFFICE, "Trần Văn Khiêm", "Phó Chủ nhiệm Ủy ban Kiểm tra"),
]
# Second memberships: the inspection committee reads the whole commune it inspects (as a
# viewer: its office role stays on its own body, roles never combine).
EXTRA_MEMBERSHIPS = [("ubkt", "tan-ky", Role.VIEWER, "Ủy viên Ủy ban Kiểm tra")]

CELL_SECRETARY_NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Đức",
    "Vũ Thị Hà",
    "Đặng Văn Hải",
    "Bùi Thị Hạnh",
    "Đỗ Văn Hùng",
    "Ngô Thị Huyền",
    "Dương Văn Khánh",
    "Lý Thị Liên",
    "Phan Văn Long",
    "Trịnh Thị Mai",
    "Đinh Văn Minh",
    "Mai Thị Ngọc",
    "Tạ Văn Phúc",
    "Cao Thị Quyên",
    "Lương Văn Sơn",
    "Hà Thị Thảo",
    "Kiều Văn Thịnh",
    "Quách Thị Thu",
    "Tô Văn Toàn",
    "Chu Thị Trang",
    "Lại Văn Trung",
    "Mạc Thị Uyên",
    "Nghiêm Văn Việt",
    "Ông Thị Xuân",
    "Khúc Văn Yên",
    "Giang Thị Ánh",
]


def _hashed(ctx: DemoContext) -> str:
    # Argon2 is slow on purpose: hash the shared demo password once per run.
    if not ctx.password_hash:
        ctx.password_hash = make_password(ctx.password)
    return ctx.password_hash


def _user(
    ctx: DemoContext, username: str, unit_code: str, role: str, name: str, title: str
) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, full_name=name, password=_hashed(ctx))
        user.save()
    elif ctx.reset_passwords:
        user.password = _hashed(ctx)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
    unit = ctx.units[unit_code]
    Membership.objects.get_or_create(user=user, org_unit=unit, role=role, defaults={"title": title})
    ctx.users[username] = user
    return user


def load(ctx: DemoContext) -> None:
    for username, unit_code, role, name, title in DEMO_USERS:
        _user(ctx, username, unit_code, role, name, title)
    for username, unit_code, role, title in EXTRA_MEMBERSHIPS:
        Membership.objects.get_or_create(
            user=ctx.users[username],
            org_unit=ctx.units[unit_code],
            role=role,
            defaults={"title": title},
        )
    admin = ctx.users["admin"]
    if not admin.is_staff:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    for number, name in enumerate(CELL_SECRETARY_NAMES, start=1):
        code = f"chibo{number:02d}"
        _user(ctx, code, code, Role.REPORTER, name, "Bí thư chi bộ")
