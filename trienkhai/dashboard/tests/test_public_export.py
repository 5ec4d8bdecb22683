"""`export_public`: the public page as static HTML for a site on another network."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trienkhai.conftest import World
from trienkhai.dashboard.tests.test_public import plain_text, publish

pytestmark = pytest.mark.django_db


def test_export_writes_the_page_and_its_css(tmp_path: Path, world: World) -> None:
    published = publish(world)
    out = tmp_path / "cong-khai"
    call_command("export_public", "--unit", "tk", "--out", str(out), stdout=io.StringIO())
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Đảng bộ xã Tân Kỳ" in html
    assert published.own.label in html and "từ 95 triệu đồng" in html
    assert "Chỉ tiêu của thành phố" in html
    # The same words as the page served: the progress sentence, the status in words.
    assert (
        f"Năm {date.today().year} còn 1,2% (số sơ bộ); mục tiêu năm 2030: dưới 1,5%; "
        "đã đạt mục tiêu." in plain_text(html)
    )
    assert (out / "css" / "public.css").read_text(encoding="utf-8").startswith("/*")
    assert (out / "css" / "bootstrap.min.css").stat().st_size > 10_000
    # Self-contained: relative stylesheets, no address of the app.
    assert "/tai-khoan/" not in html and "/static/" not in html and "/cong-khai/" not in html
    assert not re.search(r'(href|src)="(/|https?:)', html)
    assert 'href="css/public.css"' in html and 'href="css/bootstrap.min.css"' in html


def test_export_runs_again_over_the_same_folder(tmp_path: Path, world: World) -> None:
    publish(world)
    for _ in range(2):
        call_command("export_public", "--unit", "hp", "--out", str(tmp_path), stdout=io.StringIO())
    assert "Đảng bộ thành phố Hải Phòng" in (tmp_path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", ["tk-cb-a", "khong-co"])
def test_export_refuses_other_units(tmp_path: Path, world: World, code: str) -> None:
    with pytest.raises(CommandError):
        call_command("export_public", "--unit", code, "--out", str(tmp_path))
    assert not (tmp_path / "index.html").exists()
