"""Every page carries the strict CSP, and no page relies on inline script or style."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command

from trienkhai.accounts.models import User
from trienkhai.emulation.models import Scorecard, ScoreRound
from trienkhai.inspections.models import Inspection
from trienkhai.opinion.models import GoodPractice, OpinionReport
from trienkhai.plans.models import Plan, Target

PAGES = [
    "/",
    "/ke-hoach/",
    "/nhiem-vu/",
    "/nhiem-vu/ma-tran/",
    "/so-lieu/",
    "/so-lieu/tien-do/",
    "/quan-triet/",
    "/quan-triet/buoi-hoc/",
    "/tuyen-truyen/",
    "/van-ban/",
    "/don-vi/",
    "/nhat-ky/",
    "/tai-khoan/nguoi-dung/",
    "/kiem-tra/",
    "/kiem-tra/cham-trien-khai/",
    "/kiem-tra/khac-phuc/",
    "/kiem-tra/moi/",
    "/du-luan/",
    "/du-luan/moi/",
    "/du-luan/tong-hop/",
    "/du-luan/phan-bac/",
    "/du-luan/phan-bac/moi/",
    "/mo-hinh-hay/",
    "/mo-hinh-hay/moi/",
    "/thi-dua/",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.I)
INLINE_HANDLER = re.compile(r"\son(click|load|change|submit|input)\s*=", re.I)


@pytest.fixture
def demo(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Csp-kiem-tra-2026")
    call_command("load_demo", verbosity=0)


def test_every_page_has_the_strict_csp_and_no_inline_code(client: Any, demo: None) -> None:
    client.force_login(User.objects.get(username="vanphong"))
    plan = Plan.objects.get(org_unit__code="tan-ky")
    target = Target.objects.filter(plan=plan).first()
    assert target is not None
    pages = [
        *PAGES,
        f"/ke-hoach/{plan.pk}/",
        f"/ke-hoach/chi-tieu/{target.pk}/",
        f"/so-lieu/chi-tieu/{target.pk}/",
        *[f"/kiem-tra/{pk}/" for pk in Inspection.objects.values_list("pk", flat=True)],
        *[f"/du-luan/{pk}/" for pk in OpinionReport.objects.values_list("pk", flat=True)[:5]],
        *[f"/mo-hinh-hay/{pk}/" for pk in GoodPractice.objects.values_list("pk", flat=True)],
        *[f"/thi-dua/diem/{pk}/" for pk in Scorecard.objects.values_list("pk", flat=True)[:3]],
        *[f"/thi-dua/{pk}/khen-thuong/" for pk in ScoreRound.objects.values_list("pk", flat=True)],
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), path
        assert not INLINE_STYLE.search(html), path
        assert not INLINE_HANDLER.search(html), path


def test_login_and_error_pages_have_the_csp(client: Any, db: Any) -> None:
    for path in ("/tai-khoan/dang-nhap/", "/khong-co-trang-nay/"):
        response = client.get(path)
        assert "Content-Security-Policy" in response, path
