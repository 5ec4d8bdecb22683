"""Deadlines as plans write them, fixed and recurring, each due on its first occurrence."""

from __future__ import annotations

from datetime import date

import pytest

from trienkhai.plans.parser.deadlines import deadlines_in

ISSUED = date(2026, 5, 12)


@pytest.mark.parametrize(
    ("sentence", "due", "recurrence"),
    [
        ("Các chi bộ hoàn thành trước ngày 20/7/2026.", date(2026, 7, 20), None),
        ("Báo cáo chậm nhất ngày 15 tháng 8 năm 2026.", date(2026, 8, 15), None),
        ("Tổ chức hội nghị trong quý III/2026.", date(2026, 9, 30), None),
        ("Tổng kết vào quý IV năm 2027.", date(2027, 12, 31), None),
        ("Tổ chức tọa đàm trong tháng 9/2026.", date(2026, 9, 30), None),
        ("Sơ kết 6 tháng đầu năm 2026.", date(2026, 6, 30), None),
        ("Hoàn thành việc rà soát trong năm 2026.", date(2026, 12, 31), None),
        # Recurring: the first occurrence after the plan's date.
        ("Báo cáo kết quả trước ngày 10/12 hằng năm.", date(2026, 12, 10), "yearly"),
        ("Báo cáo trước ngày 10/3 hằng năm.", date(2027, 3, 10), "yearly"),
        ("Báo cáo trước ngày 15 tháng 6 hàng năm.", date(2026, 6, 15), "yearly"),
        ("Định kỳ 6 tháng báo cáo Ban Thường vụ.", date(2026, 6, 30), "half_yearly"),
        ("Định kỳ hằng quý báo cáo kết quả.", date(2026, 6, 30), "quarterly"),
        ("Các chi bộ báo cáo hằng quý về Ban Xây dựng Đảng.", date(2026, 6, 30), "quarterly"),
        ("Báo cáo trước ngày 25 hằng tháng.", date(2026, 5, 25), "monthly"),
        ("Định kỳ hằng tháng cập nhật số liệu.", date(2026, 5, 31), "monthly"),
        ("Định kỳ hằng năm tổ chức sơ kết.", date(2026, 12, 31), "yearly"),
    ],
)
def test_a_deadline_and_its_recurrence(sentence: str, due: date, recurrence: str | None) -> None:
    assert [(d, r) for _pos, d, r in deadlines_in(sentence, ISSUED)] == [(due, recurrence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Định kỳ báo cáo kết quả thực hiện về Ban Thường vụ Đảng ủy.",
        "Gắn kết quả thực hiện với bình xét thi đua, khen thưởng hằng năm.",
        "Định kỳ sơ kết, tổng kết, đánh giá kết quả thực hiện.",
        "Thực hiện Chỉ thị số 05-CT/TU ngày 10/6/2026 của Tỉnh ủy.",
    ],
)
def test_words_that_name_no_period_are_no_deadline(sentence: str) -> None:
    assert deadlines_in(sentence, ISSUED) == []


def test_without_the_plans_date_only_fixed_deadlines_are_read() -> None:
    assert deadlines_in("Báo cáo trước ngày 10/12 hằng năm.") == []
    assert deadlines_in("Hoàn thành trước ngày 20/7/2026.") == [(0, date(2026, 7, 20), None)]


def test_a_date_written_with_a_period_is_the_first_occurrence() -> None:
    sentence = (
        "Định kỳ 6 tháng, báo cáo kết quả thực hiện về Ủy ban nhân dân xã, "
        "lần đầu trước ngày 20/6/2026."
    )
    assert [(d, r) for _p, d, r in deadlines_in(sentence, date(2026, 3, 16))] == [
        (date(2026, 6, 20), "half_yearly")
    ]
