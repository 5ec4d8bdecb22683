"""The demo's opinion log shows every state, its rebuttals point to the units' own news items,
its good practices reach the public page; a second load adds nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from trienkhai.accounts.models import User
from trienkhai.opinion.models import (
    GoodPractice,
    OpinionEvent,
    OpinionReport,
    OpinionState,
    PracticeState,
    Rebuttal,
    Sensitivity,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-op-2026")
    call_command("load_demo", verbosity=0)


def _counts() -> tuple[int, int, int, int]:
    return (
        OpinionReport.objects.count(),
        OpinionEvent.objects.count(),
        Rebuttal.objects.count(),
        GoodPractice.objects.count(),
    )


def test_reports_in_every_state_and_rebuttals_with_news_items(demo: None) -> None:
    today = timezone.localdate()
    reports = list(OpinionReport.objects.select_related("org_unit"))
    assert {r.state for r in reports} == set(OpinionState.values)
    assert all(today - timedelta(days=92) <= r.noted_on <= today for r in reports)
    assert len({r.org_unit.code for r in reports if r.org_unit.code.startswith("chibo")}) >= 6
    for report in reports:
        if report.state == OpinionState.ANSWERED:
            assert report.response and report.responder and report.answered_on
            assert report.noted_on <= report.answered_on <= today
            assert report.answered_at and report.answered_at.date() == report.answered_on
        if report.state == OpinionState.HANDLING:
            assert report.handling_note
        # The trail is dated on the days things happened, not on the day the demo ran.
        days = [e.at.date() for e in report.events.all()]
        assert days == sorted(days) and days[0] == report.noted_on
    chibo01 = {r.state for r in reports if r.org_unit.code == "chibo01"}
    assert {OpinionState.NEW, OpinionState.ANSWERED} <= chibo01
    sensitive = [r for r in reports if r.sensitivity == Sensitivity.SENSITIVE]
    assert sensitive
    # The office reads a sensitive report; the commune's viewer does not see it at all.
    office, viewer = User.objects.get(username="vanphong"), User.objects.get(username="xem")
    pks = [r.pk for r in sensitive]
    assert OpinionReport.objects.visible_to(office).filter(pk__in=pks).count() == len(pks)
    assert not OpinionReport.objects.visible_to(viewer).filter(pk__in=pks).exists()

    rebuttals = list(Rebuttal.objects.select_related("org_unit", "media_item__org_unit"))
    assert {"facebook", "tiktok", "zalo", "youtube"} <= {r.platform for r in rebuttals}
    with_item = [(r, r.media_item) for r in rebuttals if r.media_item is not None]
    assert with_item
    for rebuttal, item in with_item:
        assert item.org_unit.path.startswith(rebuttal.org_unit.path)
        assert item.date <= rebuttal.noted_on
    assert any(r.media_item is None and r.comments and not r.rebuttal_link for r in rebuttals)
    assert any(r.reported for r in rebuttals)


def test_practices_reach_the_public_page_and_a_second_load_adds_nothing(demo: None) -> None:
    practices = list(GoodPractice.objects.all())
    assert {p.state for p in practices} == set(PracticeState.values)
    published = [p for p in practices if p.published]
    assert published and all(p.public_title and p.public_summary for p in published)
    assert GoodPractice.objects.published().count() == len(published)
    assert any(p.commendation and p.commendation_reason for p in practices)
    declined = [p for p in practices if p.state == PracticeState.DECLINED]
    assert declined and all(p.review_note for p in declined)
    for practice in published:
        assert practice.reviewed_at and practice.published_at
        assert practice.reviewed_at <= practice.published_at <= timezone.now()

    before = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == before
