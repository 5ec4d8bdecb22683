"""Every step a report may take, and each one it may not, with the reason in words."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.reporting import services
from trienkhai.reporting.models import ReportEvent, RequestState
from trienkhai.reporting.services import StaleRequest, StepRefused
from trienkhai.reporting.tests.factories import quarterly, requests_for

pytestmark = pytest.mark.django_db
S = RequestState


def _request(world: World):  # type: ignore[no-untyped-def]
    return requests_for(quarterly(world.commune))["tk-cb-a"]


def test_the_whole_loop_with_a_return(world: World) -> None:
    req = _request(world)
    assert req.state == S.NOT_STARTED and req.version == 1
    req = services.request_save(
        actor=world.reporter_a, request=req, version=1, narrative="Đã họp chi bộ."
    )
    assert (req.state, req.version) == (S.DRAFT, 2)
    req = services.request_submit(actor=world.reporter_a, request=req, version=2)
    assert req.state == S.SUBMITTED and req.first_submitted_at is not None
    first = req.first_submitted_at
    req = services.request_return(
        actor=world.office, request=req, version=3, reason="Thiếu số đảng viên dự họp"
    )
    assert (req.state, req.returns) == (S.RETURNED, 1)
    req = services.request_submit(
        actor=world.reporter_a, request=req, version=4, narrative="Đã họp, 45/48 đảng viên."
    )
    assert req.first_submitted_at == first and first is not None
    assert req.submitted_at is not None and req.submitted_at > first
    req = services.request_accept(actor=world.office, request=req, version=5)
    assert req.state == S.ACCEPTED and req.accepted_at is not None
    steps = list(ReportEvent.objects.filter(request=req).values_list("action", "to_state"))
    assert steps == [
        ("saved", S.DRAFT),
        ("submitted", S.SUBMITTED),
        ("returned", S.RETURNED),
        ("submitted", S.SUBMITTED),
        ("accepted", S.ACCEPTED),
    ]
    assert ReportEvent.objects.get(request=req, action="returned").reason == (
        "Thiếu số đảng viên dự họp"
    )
    actions = set(
        LogEntry.objects.filter(object_pk=str(req.pk)).values_list(
            "additional_data__action", flat=True
        )
    )
    assert {"reporting.request.submitted", "reporting.request.accepted"} <= actions


@pytest.mark.parametrize(
    ("state", "step"),
    [
        (S.ACCEPTED, "submit"),  # locked once accepted
        (S.SUBMITTED, "save"),  # no editing after sending
        (S.DRAFT, "accept"),  # only a sent report is accepted
        (S.NOT_STARTED, "return"),
        (S.SUBMITTED, "reopen"),  # only an accepted one is reopened
    ],
)
def test_a_step_the_state_does_not_allow_is_refused_in_words(
    world: World, state: str, step: str
) -> None:
    req = _request(world)
    req.state = state
    req.save(update_fields=["state"])
    calls = {
        "submit": lambda: services.request_submit(
            actor=world.reporter_a, request=req, version=req.version, narrative="x"
        ),
        "save": lambda: services.request_save(
            actor=world.reporter_a, request=req, version=req.version, narrative="x"
        ),
        "accept": lambda: services.request_accept(
            actor=world.office, request=req, version=req.version
        ),
        "return": lambda: services.request_return(
            actor=world.office, request=req, version=req.version, reason="x"
        ),
        "reopen": lambda: services.request_reopen(
            actor=world.office, request=req, version=req.version, reason="x"
        ),
    }
    with pytest.raises(StepRefused) as refused:
        calls[step]()
    assert refused.value.code == "transition_not_allowed" and refused.value.message
    req.refresh_from_db()
    assert req.state == state and req.version == 1


def test_who_may_do_what(world: World) -> None:
    req = _request(world)
    # Another chi bộ, the other commune's office, a viewer: not theirs to write.
    for stranger in (world.reporter_b, world.outsider, world.viewer):
        with pytest.raises(PermissionDenied):
            services.request_submit(actor=stranger, request=req, version=1, narrative="x")
    services.request_submit(actor=world.reporter_a, request=req, version=1, narrative="Xong.")
    # The unit cannot accept its own report; the other commune's office reviews nothing here.
    for stranger in (world.reporter_a, world.outsider, world.leader):
        with pytest.raises(PermissionDenied):
            services.request_accept(actor=stranger, request=req, version=2)
    services.request_accept(actor=world.office, request=req, version=2)


def test_reasons_are_required_and_an_empty_report_is_not_sent(world: World) -> None:
    req = _request(world)
    with pytest.raises(DomainError) as empty:
        services.request_submit(actor=world.reporter_a, request=req, version=1)
    assert empty.value.field == "narrative"
    req = services.request_submit(actor=world.reporter_a, request=req, version=1, narrative="x")
    with pytest.raises(DomainError) as no_reason:
        services.request_return(actor=world.office, request=req, version=2, reason=" ")
    assert no_reason.value.field == "reason"
    req = services.request_accept(actor=world.office, request=req, version=2)
    with pytest.raises(DomainError):
        services.request_reopen(actor=world.office, request=req, version=3, reason="")
    req = services.request_reopen(
        actor=world.office, request=req, version=3, reason="Sai số liệu quý"
    )
    assert req.state == S.RETURNED and req.accepted_at is None


def test_the_office_writes_for_a_unit_and_it_says_so(world: World) -> None:
    req = _request(world)
    services.request_submit(actor=world.office, request=req, version=1, narrative="Nhập thay.")
    event = ReportEvent.objects.get(request=req, action="submitted")
    assert event.on_behalf and event.actor == world.office
    entry = LogEntry.objects.get(additional_data__action="reporting.request.submitted")
    assert "nhập thay" in entry.changes_text


def test_a_stale_version_is_refused_and_keeps_the_first_text(world: World) -> None:
    req = _request(world)
    services.request_save(actor=world.reporter_a, request=req, version=1, narrative="Bản A")
    with pytest.raises(StaleRequest) as stale:
        services.request_save(actor=world.office, request=req, version=1, narrative="Bản B")
    assert stale.value.current.version == 2 and stale.value.current.narrative == "Bản A"
    assert stale.value.code == "stale"
    req.refresh_from_db()
    assert req.narrative == "Bản A"
    # Saved again with the version now shown: it goes through.
    services.request_save(actor=world.office, request=req, version=2, narrative="Bản B")


def test_an_extension_needs_a_later_date_and_a_reason(world: World) -> None:
    from datetime import timedelta

    req = _request(world)
    with pytest.raises(DomainError) as early:
        services.request_extend(actor=world.office, request=req, until=req.due, reason="x")
    assert early.value.field == "until"
    later = req.due + timedelta(days=10)
    req = services.request_extend(actor=world.office, request=req, until=later, reason="Lũ")
    assert req.effective_due == later and req.extension_reason == "Lũ"
    with pytest.raises(PermissionDenied):
        services.request_extend(
            actor=world.reporter_a, request=req, until=later + timedelta(days=1), reason="x"
        )


def test_the_same_tap_twice_does_the_step_once(world: World) -> None:
    """A slow phone sends "Gửi báo cáo" twice with the version of the page: one step."""
    req = _request(world)
    services.request_submit(actor=world.reporter_a, request=req, version=1, narrative="Xong.")
    again = services.request_submit(
        actor=world.reporter_a, request=req, version=1, narrative="Xong."
    )
    assert again.state == S.SUBMITTED and again.version == 2
    services.request_accept(actor=world.office, request=req, version=2)
    services.request_accept(actor=world.office, request=req, version=2)
    actions = list(ReportEvent.objects.filter(request=req).values_list("action", flat=True))
    assert actions == ["submitted", "accepted"]


def test_a_repeat_is_only_ones_own_step_just_before(world: World) -> None:
    req = _request(world)
    services.request_save(actor=world.reporter_a, request=req, version=1, narrative="A")
    # The office's save with the page it read before A's: a conflict, not a repeat.
    with pytest.raises(StaleRequest):
        services.request_save(actor=world.office, request=req, version=1, narrative="B")
    # A saves twice from the same page: the second text is kept, no conflict.
    services.request_save(actor=world.reporter_a, request=req, version=1, narrative="A, sửa")
    req.refresh_from_db()
    assert (req.narrative, req.version) == ("A, sửa", 2)
    # Someone else in between: A's old page is stale again.
    services.request_save(actor=world.office, request=req, version=2, narrative="C")
    with pytest.raises(StaleRequest):
        services.request_save(actor=world.reporter_a, request=req, version=1, narrative="A")
