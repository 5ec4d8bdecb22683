"""In a browser: the Excel upload goes through htmx with its progress bar, and the target
page shows its chart with the page's strict CSP and no script error."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import login
from trienkhai.conftest import PASSWORD, World
from trienkhai.monitoring import xlsx
from trienkhai.monitoring.models import Observation
from trienkhai.monitoring.selectors import grid_rows
from trienkhai.monitoring.tests.conftest import Targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def filled_template(world: World, path: Path) -> Path:
    content = xlsx.build_template(
        unit=world.city, year=2026, rows=grid_rows(unit=world.city, year=2026)
    )
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[xlsx.DATA_SHEET]
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 2).value == "1.1":
            sheet.cell(row, 7).value = "12,1"
            sheet.cell(row, 8).value = "tạm tính"
        if sheet.cell(row, 2).value == "27":
            sheet.cell(row, 7).value = 6100
    target = path / "so-lieu-2026.xlsx"
    workbook.save(target)
    return target


def test_upload_with_progress_then_the_target_page(
    live_server: Any, page: Any, world: World, targets: Targets, tmp_path: Path
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(page, live_server.url, targets.city_office.username, PASSWORD)
    page.goto(live_server.url + "/so-lieu/don-vi/hp/2026/tai-len/")
    # Record what the page's own progress handler wrote, as the upload runs.
    page.evaluate(
        """() => { window.seen = [];
        document.addEventListener('htmx:xhr:progress', () => {
          const bar = document.querySelector('.js-upload-progress');
          window.seen.push([bar.value, document.querySelector('.js-upload-text').textContent]);
        }); }"""
    )
    page.set_input_files("input[name=file]", str(filled_template(world, tmp_path)))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.get_by_text("Đã nhập 2 dòng có số liệu").wait_for()
    seen = page.evaluate("window.seen")
    assert seen and seen[-1][0] == 100, seen
    assert any("Đang tải lên" in text or "đang kiểm tra" in text for _, text in seen)
    values = dict(Observation.objects.values_list("target__ref", "value"))
    assert values == {"1.1": Decimal("12.1"), "27": Decimal(6100)}

    response = page.goto(live_server.url + f"/so-lieu/chi-tieu/{targets.grdp.pk}/")
    assert response is not None and response.status == 200
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    chart = page.locator("img.chart-img")
    chart.wait_for()
    # The SVG loaded as an image and has a size: it rendered.
    assert page.evaluate("document.querySelector('img.chart-img').naturalWidth") > 0
    assert errors == []
