"""The pure rules of the fan-out: deadlines from section V, rhythms, products, periods."""

from __future__ import annotations

from datetime import date

from trienkhai.tasks.models import Recurrence
from trienkhai.tasks.rules import occurrences_for, rhythm_of, schedule_for

DEADLINES = [
    (
        "Tổ chức quán triệt, tuyên truyền và triển khai thực hiện Kế hoạch hoàn thành trong "
        "quý II năm 2026.",
        date(2026, 6, 30),
    ),
    (
        "Các chi bộ, cơ quan, đơn vị căn cứ chức năng, nhiệm vụ xây dựng kế hoạch triển khai "
        "thực hiện phù hợp với tình hình thực tế và hoàn thành trước ngày 10/6/2026.",
        date(2026, 6, 10),
    ),
]


def test_the_chi_bo_plan_duty_gets_the_10_june_deadline_and_is_the_deliverable() -> None:
    s = schedule_for(
        text="Xây dựng kế hoạch thực hiện phù hợp với chức năng, nhiệm vụ của từng chi bộ; …",
        kind="party_orgs",
        due=None,
        deadlines=DEADLINES,
    )
    assert (s.recurrence, s.due, s.deliverable, s.unit_plan) == (
        Recurrence.ONCE,
        date(2026, 6, 10),
        "document",
        True,
    )
    assert "10/6/2026" in s.reason


def test_dissemination_gets_30_june_and_other_duties_are_continuous() -> None:
    s = schedule_for(
        text="Tổ chức quán triệt, triển khai Kế hoạch … đến toàn thể cán bộ, đảng viên",
        kind="party_orgs",
        due=None,
        deadlines=DEADLINES,
    )
    assert s.due == date(2026, 6, 30) and not s.unit_plan
    s = schedule_for(
        text="Tham mưu Ban Thường vụ Đảng ủy xây dựng kế hoạch, đề cương tuyên truyền",
        kind="party_building_board",
        due=None,
        deadlines=DEADLINES,
    )
    assert (s.recurrence, s.due) == (Recurrence.CONTINUOUS, None)
    s = schedule_for(
        text="Định kỳ báo cáo kết quả triển khai thực hiện về Ban Thường vụ Đảng ủy",
        kind="peoples_committee",
        due=None,
        deadlines=DEADLINES,
    )
    assert (s.recurrence, s.deliverable) == (Recurrence.CONTINUOUS, "report")
    # A date written in the duty itself wins.
    s = schedule_for(
        text="Xây dựng kế hoạch", kind="party_orgs", due=date(2026, 7, 1), deadlines=DEADLINES
    )
    assert s.due == date(2026, 7, 1)


def test_rhythms_in_the_text() -> None:
    assert rhythm_of("bình xét thi đua, khen thưởng hằng năm") == Recurrence.YEARLY
    assert rhythm_of("Báo cáo hàng quý về Ban Thường vụ") == Recurrence.QUARTERLY
    assert rhythm_of("Sinh hoạt chuyên đề hằng tháng") == Recurrence.MONTHLY
    assert rhythm_of("Thường xuyên kiểm tra, đôn đốc") is None


def test_occurrences_from_assignment_to_the_end() -> None:
    specs = occurrences_for(
        recurrence=Recurrence.MONTHLY,
        due=None,
        assigned_on=date(2026, 5, 20),
        ends_on=date(2026, 8, 31),
    )
    assert [(s.period, s.starts_on, s.due) for s in specs] == [
        ("2026-05", date(2026, 5, 20), date(2026, 5, 31)),
        ("2026-06", date(2026, 6, 1), date(2026, 6, 30)),
        ("2026-07", date(2026, 7, 1), date(2026, 7, 31)),
        ("2026-08", date(2026, 8, 1), date(2026, 8, 31)),
    ]
    halves = occurrences_for(
        recurrence=Recurrence.SIX_MONTHLY, due=None, assigned_on=date(2026, 5, 20), ends_on=None
    )
    assert [s.period for s in halves] == ["2026-H1", "2026-H2"]
    once = occurrences_for(
        recurrence=Recurrence.ONCE,
        due=date(2026, 6, 10),
        assigned_on=date(2026, 5, 20),
        ends_on=None,
    )
    assert [(s.period, s.due) for s in once] == [("", date(2026, 6, 10))]
