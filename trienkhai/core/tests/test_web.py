from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from openpyxl import load_workbook

from trienkhai.core.xlsx import Column, Sheet, build_workbook


def test_template_renders_year_plain_and_quantity_grouped() -> None:
    rendered = Template("{{ year }} {{ n|so }} {{ d|so }} {{ p|phantram }}").render(
        Context({"year": 2026, "n": 11247, "d": Decimal("15.5"), "p": Decimal("95.565")})
    )
    assert rendered == "2026 11.247 15,5 95,57%"


def test_template_renders_dates_in_party_format() -> None:
    rendered = Template("{{ a|ngay }} / {{ b|ngay }}").render(
        Context({"a": date(2027, 2, 5), "b": date(2026, 6, 10)})
    )
    assert rendered == "ngày 05 tháng 02 năm 2027 / ngày 10 tháng 6 năm 2026"


@pytest.mark.django_db
def test_healthz_and_readyz(client: object) -> None:
    assert client.get("/healthz").status_code == 200  # type: ignore[attr-defined]
    response = client.get("/readyz")  # type: ignore[attr-defined]
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_anonymous_home_redirects_to_login_with_csp(client: object) -> None:
    response = client.get("/")  # type: ignore[attr-defined]
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")
    page = client.get(response["Location"])  # type: ignore[attr-defined]
    assert page.status_code == 200
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = page.content.decode()
    assert '<html lang="vi">' in html
    assert 'name="username"' in html and 'name="password"' in html
    assert "cdn" not in html.lower()


@pytest.mark.django_db
def test_404_page_is_vietnamese_with_csp(client: object, settings: object) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    response = client.get("/khong-co-trang-nay/")  # type: ignore[attr-defined]
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert "Content-Security-Policy" in response


def test_xlsx_headers_formats_frozen_row_and_widths() -> None:
    content = build_workbook(
        [
            Sheet(
                title="Chỉ tiêu",
                columns=[
                    Column("Chỉ tiêu"),
                    Column("Giá trị", kind="decimal", places=1),
                    Column("Tỷ lệ đạt", kind="percent"),
                    Column("Ngày", kind="date"),
                ],
                rows=[
                    ["GRDP bình quân đầu người", Decimal("11247"), 0.9557, date(2026, 6, 10)],
                    ["Tăng trưởng IIP", Decimal("15.5"), 1, date(2026, 6, 30)],
                ],
            )
        ]
    )
    ws = load_workbook(io.BytesIO(content)).active
    assert ws["A1"].value == "Chỉ tiêu"
    assert ws.freeze_panes == "A2"
    assert ws["B2"].value == 11247 and ws["B2"].number_format == "#,##0"
    assert ws["B3"].value == 15.5 and ws["B3"].number_format == "#,##0.0"
    assert ws["C2"].number_format == "0.00%"
    assert ws["D2"].number_format == "dd/mm/yyyy"
    for letter, header in (("A", "Chỉ tiêu"), ("C", "Tỷ lệ đạt")):
        assert ws.column_dimensions[letter].width >= len(header)


def test_check_deploy_with_production_variables_prints_no_warning(tmp_path: object) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "TRIENKHAI_TESTING": "0",
        "TRIENKHAI_HTTPS": "1",
        "SECRET_KEY": "k" * 30 + "Zq8#x!Lm2@Rt5$Vw9^Yb3&Nd6*Pf1(Hj4)Gs7",
        "ALLOWED_HOSTS": "trienkhai.example.vn",
        "TRIENKHAI_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "trienkhai.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr and "W0" not in result.stderr


def test_secret_key_is_required_outside_debug_unless_the_install_has_its_key_file(
    tmp_path: object,
) -> None:
    from pathlib import Path

    data = Path(str(tmp_path))
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "TRIENKHAI_TESTING": "0"}
    env["TRIENKHAI_DATA_DIR"] = str(data)
    command = [sys.executable, "-m", "trienkhai.manage", "check"]
    missing = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert missing.returncode != 0
    assert "SECRET_KEY phải được đặt khi DEBUG tắt" in missing.stderr
    (data / "secret_key").write_text("k" * 60 + "\n", encoding="utf-8")
    present = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert present.returncode == 0, present.stderr
