"""The opinion log's rules: who reads a sensitive report, the way from recorded to answered
with its trail and audit entries, stale and repeated steps refused."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from trienkhai.accounts.models import Role
from trienkhai.accounts.tests.factories import MembershipFactory, UserFactory
from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.core.steps import StaleEdit, StepRefused
from trienkhai.opinion import services
from trienkhai.opinion.models import OpinionEvent, OpinionReport, OpinionState
from trienkhai.opinion.tests.conftest import heard

pytestmark = pytest.mark.django_db


def _reads(user: object, report: OpinionReport) -> bool:
    return OpinionReport.objects.visible_to(user).filter(pk=report.pk).exists()


def test_a_normal_report_is_read_in_scope_only(world: World, report: OpinionReport) -> None:
    for user in (world.reporter_a, world.viewer, world.office, world.leader, world.city_leader):
        assert _reads(user, report)
    # A sibling chi bộ and another commune do not read it; the commune's log is not
    # addressed down either.
    assert not _reads(world.reporter_b, report)
    assert not _reads(world.outsider, report)


def test_a_sensitive_report_is_read_by_leaders_the_office_and_its_author(
    world: World, sensitive: OpinionReport
) -> None:
    for user in (world.office, world.leader, world.city_leader, world.reporter_a):
        assert _reads(user, sensitive), user.username
    second_reporter = UserFactory.create(
        username="bao_cao_a2", unit=world.cell_a, role=Role.REPORTER
    )
    # A viewer of the commune, another reporter of the same cell, a reporter of A who is also
    # a viewer of the commune (roles never combine): none of them.
    for user in (world.viewer, second_reporter, world.mixed, world.reporter_b, world.outsider):
        assert not _reads(user, sensitive), user.username


def test_the_sensitive_right_is_per_membership(world: World, sensitive: OpinionReport) -> None:
    # A leader of another commune who is also a viewer here reads nothing sensitive here.
    user = UserFactory.create(username="lanh_dao_khac", unit=world.other_commune, role=Role.LEADER)
    MembershipFactory.create(user=user, org_unit=world.commune, role=Role.VIEWER)
    assert not _reads(user, sensitive)


def test_the_way_to_an_answer_leaves_a_trail_and_audit_entries(
    world: World, report: OpinionReport
) -> None:
    report = services.opinion_take_up(
        actor=world.office,
        report=report,
        version=report.version,
        note="Chuyển UBND xã kiểm tra, trả lời trước ngày 20.",
    )
    assert report.state == OpinionState.HANDLING
    today = timezone.localdate()
    report = services.opinion_answer(
        actor=world.office,
        report=report,
        version=report.version,
        response="UBND xã đã thay 14 bóng đèn hỏng trên trục đường chính thôn A.",
        responder="Đồng chí Chủ tịch UBND xã",
        answered_on=today,
    )
    report.refresh_from_db()
    assert report.state == OpinionState.ANSWERED
    assert report.answered_by == world.office and report.answered_on == today
    assert report.answered_at is not None and report.responder == "Đồng chí Chủ tịch UBND xã"
    kinds = list(report.events.values_list("kind", flat=True))
    assert kinds == [
        OpinionEvent.Kind.RECORDED,
        OpinionEvent.Kind.HANDLING,
        OpinionEvent.Kind.ANSWERED,
    ]
    actors = list(report.events.values_list("actor__username", flat=True))
    assert actors == ["bao_cao_a", "van_phong", "van_phong"]
    actions = [
        e.additional_data.get("action")
        for e in LogEntry.objects.get_for_object(report).order_by("timestamp", "pk")
        if e.additional_data
    ]
    for step in ("opinion.report.recorded", "opinion.report.handling", "opinion.report.answered"):
        assert step in actions
    answered = LogEntry.objects.get_for_object(report).filter(
        additional_data__action="opinion.report.answered"
    )
    assert answered.get().actor == world.office


def test_an_answer_needs_its_words_its_giver_and_a_real_day(
    world: World, report: OpinionReport
) -> None:
    def answer(**kw: object) -> OpinionReport:
        args = {
            "response": "Đã sửa.",
            "responder": "UBND xã",
            "answered_on": timezone.localdate(),
            **kw,
        }
        return services.opinion_answer(
            actor=world.office,
            report=report,
            version=report.version,
            **args,  # type: ignore[arg-type]
        )

    with pytest.raises(DomainError) as empty:
        answer(response="  ")
    assert empty.value.field == "response"
    with pytest.raises(DomainError) as nobody:
        answer(responder="")
    assert nobody.value.field == "responder"
    with pytest.raises(DomainError) as before:
        answer(answered_on=report.noted_on - timedelta(days=1))
    assert before.value.field == "answered_on"
    with pytest.raises(DomainError):
        answer(answered_on=timezone.localdate() + timedelta(days=1))
    report.refresh_from_db()
    assert report.state == OpinionState.NEW
    # Answered straight away, without being taken up first: allowed, and only once.
    answer()
    with pytest.raises(StepRefused):
        services.opinion_answer(
            actor=world.office,
            report=OpinionReport.objects.get(pk=report.pk),
            version=report.version + 1,
            response="Lần hai",
            responder="UBND xã",
            answered_on=timezone.localdate(),
        )


def test_a_stale_page_is_refused(world: World, report: OpinionReport) -> None:
    read_at = report.version
    services.opinion_take_up(actor=world.office, report=report, version=read_at, note="Xử lý.")
    with pytest.raises(StaleEdit):
        services.opinion_answer(
            actor=world.office,
            report=report,
            version=read_at,
            response="Đã sửa.",
            responder="UBND xã",
            answered_on=timezone.localdate(),
        )


def test_only_the_office_takes_up_and_answers(world: World, report: OpinionReport) -> None:
    from django.core.exceptions import PermissionDenied

    for user in (world.reporter_a, world.leader, world.viewer):
        with pytest.raises(PermissionDenied):
            services.opinion_take_up(actor=user, report=report, version=report.version, note="x")


def test_the_unit_corrects_its_report_until_it_is_taken_up(
    world: World, report: OpinionReport
) -> None:
    report = services.opinion_update(
        actor=world.reporter_a,
        report=report,
        version=report.version,
        data=heard(topic="Đèn đường thôn A hỏng 3 tuần"),
    )
    assert report.topic == "Đèn đường thôn A hỏng 3 tuần"
    report = services.opinion_take_up(
        actor=world.office, report=report, version=report.version, note="Chuyển UBND."
    )
    assert not services.can_correct(world.reporter_a, report)
    assert services.can_correct(world.office, report)
    with pytest.raises(StepRefused):
        services.opinion_update(
            actor=world.reporter_a, report=report, version=report.version, data=heard()
        )


def test_reopening_keeps_the_first_answer_in_the_trail(world: World, report: OpinionReport) -> None:
    report = services.opinion_answer(
        actor=world.office,
        report=report,
        version=report.version,
        response="Đã sửa 14 bóng đèn.",
        responder="UBND xã",
        answered_on=timezone.localdate(),
    )
    with pytest.raises(DomainError):
        services.opinion_reopen(
            actor=world.office, report=report, version=report.version, reason=""
        )
    report = services.opinion_reopen(
        actor=world.office,
        report=report,
        version=report.version,
        reason="Bà con phản ánh đèn lại hỏng sau 1 tuần.",
    )
    assert report.state == OpinionState.HANDLING and report.answered_on is None
    notes = list(report.events.values_list("note", flat=True))
    assert any("Đã sửa 14 bóng đèn." in n for n in notes)


def test_a_second_press_of_save_finds_the_first_report(world: World) -> None:
    token = uuid.uuid4()
    first = services.opinion_record(
        actor=world.reporter_a, unit=world.cell_a, data=heard(), token=token
    )
    again = services.opinion_record(
        actor=world.reporter_a, unit=world.cell_a, data=heard(), token=token
    )
    assert again.pk == first.pk and OpinionReport.objects.count() == 1
    # Back to the form, a new opinion typed over the old one, "Lưu" again: a second report.
    other = services.opinion_record(
        actor=world.reporter_a,
        unit=world.cell_a,
        data=heard(content="Bà con đề nghị lắp thêm camera an ninh ở ngã ba thôn A."),
        token=token,
    )
    assert other.pk != first.pk and OpinionReport.objects.count() == 2
    # Someone else's token is not a way to read their report.
    with pytest.raises(DomainError):
        services.opinion_record(actor=world.office, unit=world.cell_a, data=heard(), token=token)


def test_a_record_is_checked_before_it_is_saved(world: World) -> None:
    with pytest.raises(DomainError) as future:
        services.opinion_record(
            actor=world.reporter_a,
            unit=world.cell_a,
            data=heard(noted_on=timezone.localdate() + timedelta(days=1)),
        )
    assert future.value.field == "noted_on"
    with pytest.raises(DomainError) as empty:
        services.opinion_record(actor=world.reporter_a, unit=world.cell_a, data=heard(topic=" "))
    assert empty.value.field == "topic"
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.opinion_record(actor=world.reporter_a, unit=world.cell_b, data=heard())
    assert not OpinionReport.objects.exists()
