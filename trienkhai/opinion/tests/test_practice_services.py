"""The good practices' way: proposed by the unit, recognised (or sent back) by the office,
published on the public page and taken down, each step checked and written to the log."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from PIL import Image

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.core.steps import StaleEdit, StepRefused
from trienkhai.opinion import selectors, services
from trienkhai.opinion.models import GoodPractice, PracticeState

pytestmark = pytest.mark.django_db


def png() -> bytes:
    # Uploads are opened by content (core.files): a real image, however small.
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "green").save(out, format="PNG")
    return out.getvalue()


def practice_input(**changes: Any) -> services.PracticeInput:
    data = services.PracticeInput(
        title="Tổ tự quản thu gom rác thải nhựa",
        field=GoodPractice.Field.ENVIRONMENT,
        description="Mỗi tổ dân cư cử một người thu gom rác nhựa vào sáng Chủ nhật.",
        results="45/52 hộ tham gia; thu gom 1,2 tấn rác nhựa mỗi tháng.",
    )
    return replace(data, **changes)


def propose(world: World, **changes: Any) -> GoodPractice:
    return services.practice_propose(
        actor=world.reporter_a, unit=world.cell_a, data=practice_input(**changes)
    )


def actions_of(practice: GoodPractice) -> list[str]:
    entries = LogEntry.objects.filter(object_pk=str(practice.pk)).order_by("pk")
    return [(e.additional_data or {}).get("action", "") for e in entries]


def test_propose_stores_the_evidence_and_logs_it(world: World) -> None:
    practice = services.practice_propose(
        actor=world.reporter_a,
        unit=world.cell_a,
        data=practice_input(commendation=True, commendation_reason="Nhân rộng toàn xã."),
        files=[("anh-to-thu-gom.png", png())],
    )
    assert practice.state == PracticeState.PROPOSED
    assert practice.created_by == world.reporter_a
    assert [f.original_name for f in selectors.evidence_of(practice)] == ["anh-to-thu-gom.png"]
    assert "opinion.practice.proposed" in actions_of(practice)


def test_propose_asks_for_the_commendation_reason(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        propose(world, commendation=True)
    assert refused.value.field == "commendation_reason"
    assert not GoodPractice.objects.exists()


def test_a_reporter_proposes_only_for_its_own_cell(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.practice_propose(actor=world.reporter_b, unit=world.cell_a, data=practice_input())
    assert not GoodPractice.objects.exists()


def test_who_may_edit_a_practice(world: World) -> None:
    practice = propose(world)
    assert services.can_edit_practice(world.reporter_a, practice)
    assert services.can_edit_practice(world.office, practice)
    assert not services.can_edit_practice(world.reporter_b, practice)
    assert not services.can_edit_practice(world.leader, practice)
    assert not services.can_edit_practice(world.viewer, practice)
    recognised = services.practice_review(
        actor=world.office, practice=practice, version=practice.version, recognised=True, note=""
    )
    # Once recognised, only the office changes it.
    assert not services.can_edit_practice(world.reporter_a, recognised)
    assert services.can_edit_practice(world.office, recognised)
    with pytest.raises(StepRefused):
        services.practice_update(
            actor=world.reporter_a,
            practice=recognised,
            version=recognised.version,
            data=practice_input(title="Đổi tên"),
        )


def test_a_declined_practice_completed_goes_back_to_the_office(world: World) -> None:
    practice = propose(world)
    declined = services.practice_review(
        actor=world.office,
        practice=practice,
        version=practice.version,
        recognised=False,
        note="Cần bổ sung số liệu so sánh với năm trước.",
    )
    assert declined.state == PracticeState.DECLINED
    updated = services.practice_update(
        actor=world.reporter_a,
        practice=declined,
        version=declined.version,
        data=practice_input(results="48/52 hộ tham gia (năm trước 20 hộ)."),
    )
    updated.refresh_from_db()
    assert updated.state == PracticeState.PROPOSED
    assert updated.results == "48/52 hộ tham gia (năm trước 20 hộ)."


def test_declining_needs_a_note(world: World) -> None:
    practice = propose(world)
    with pytest.raises(DomainError) as refused:
        services.practice_review(
            actor=world.office,
            practice=practice,
            version=practice.version,
            recognised=False,
            note=" ",
        )
    assert refused.value.field == "note"
    practice.refresh_from_db()
    assert practice.state == PracticeState.PROPOSED


def test_a_stale_review_is_refused(world: World) -> None:
    practice = propose(world)
    with pytest.raises(StaleEdit):
        services.practice_review(
            actor=world.office,
            practice=practice,
            version=practice.version + 1,
            recognised=True,
            note="",
        )


def test_only_a_recognised_practice_is_published(world: World) -> None:
    practice = propose(world)
    with pytest.raises(StepRefused):
        services.practice_publish(
            actor=world.office,
            practice=practice,
            version=practice.version,
            public_title="Tổ thu gom rác nhựa",
            public_summary="Bà con cùng thu gom rác nhựa mỗi tuần.",
        )
    practice.refresh_from_db()
    assert not practice.published
    assert not selectors.published_practices(world.commune).exists()


def test_publish_and_unpublish_are_logged(world: World) -> None:
    practice = propose(world)
    practice = services.practice_review(
        actor=world.office, practice=practice, version=practice.version, recognised=True, note=""
    )
    with pytest.raises(DomainError) as refused:
        services.practice_publish(
            actor=world.office,
            practice=practice,
            version=practice.version,
            public_title="Tổ thu gom rác nhựa",
            public_summary="",
        )
    assert refused.value.field == "public_summary"
    published = services.practice_publish(
        actor=world.office,
        practice=practice,
        version=practice.version,
        public_title="Tổ thu gom rác nhựa",
        public_summary="Bà con cùng thu gom rác nhựa mỗi tuần.",
    )
    assert published.published and published.published_at is not None
    assert list(selectors.published_practices(world.commune)) == [published]
    down = services.practice_unpublish(
        actor=world.office, practice=published, version=published.version
    )
    assert not down.published
    assert not selectors.published_practices(world.commune).exists()
    actions = actions_of(practice)
    for code in (
        "opinion.practice.proposed",
        "opinion.practice.recognised",
        "opinion.practice.published",
        "opinion.practice.unpublished",
    ):
        assert code in actions


def test_a_reporter_cannot_review_or_publish(world: World) -> None:
    practice = propose(world)
    with pytest.raises(PermissionDenied):
        services.practice_review(
            actor=world.reporter_a,
            practice=practice,
            version=practice.version,
            recognised=True,
            note="",
        )
    practice.refresh_from_db()
    assert practice.state == PracticeState.PROPOSED
    assert practice.reviewed_at is None


def test_declining_a_published_practice_takes_it_down(world: World) -> None:
    practice = propose(world)
    practice = services.practice_review(
        actor=world.office, practice=practice, version=practice.version, recognised=True, note=""
    )
    practice = services.practice_publish(
        actor=world.office,
        practice=practice,
        version=practice.version,
        public_title="Tổ thu gom rác nhựa",
        public_summary="Bà con cùng thu gom rác nhựa mỗi tuần.",
    )
    services.practice_review(
        actor=world.office,
        practice=practice,
        version=practice.version,
        recognised=False,
        note="Số liệu chưa được xác minh.",
    )
    assert not selectors.published_practices(world.commune).exists()
    assert "opinion.practice.declined" in actions_of(practice)
