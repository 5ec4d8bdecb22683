"""The office's tally by numbered item."""

from __future__ import annotations

import pytest

from trienkhai.monitoring.assessment import (
    STATUS_ORDER,
    Status,
    item_of,
    item_status,
    tally,
    tally_rows,
)

A, T, N, OFF, R = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.OFF_TRACK,
    Status.REGRESSING,
)
ND, NT = Status.NO_DATA, Status.NOT_DUE


@pytest.mark.parametrize(
    ("ref", "item"),
    [
        ("1.1", "1"),
        ("1.5", "1"),
        ("21.4", "21"),
        ("7", "7"),
        ("I.1-a", "I.1-a"),
        ("III.3-a", "III.3-a"),
    ],
)
def test_item_of(ref: str, item: str) -> None:
    assert item_of(ref) == item


def test_an_item_is_achieved_only_when_all_its_rows_are() -> None:
    assert item_status([A, A, A]) == A
    assert item_status([A, A, T]) == T
    assert item_status([A, T, N]) == N
    assert item_status([T, OFF, A]) == OFF
    assert item_status([OFF, R]) == R
    # A missing figure outweighs good ones, a known miss outweighs a missing figure.
    assert item_status([A, T, ND]) == ND
    assert item_status([N, ND]) == N
    # "Not due" says nothing bad, but it is not "achieved" either.
    assert item_status([A, NT]) == NT
    assert item_status([T, NT]) == T
    with pytest.raises(ValueError):
        item_status([])


def test_tally_counts_numbered_items() -> None:
    rows = [
        ("1.1", A),
        ("1.2", A),
        ("1.3", T),  # item 1: on track, not achieved
        ("2", A),
        ("3", A),
        ("4.1", A),
        ("4.2", N),  # item 4: needs acceleration
        ("5", OFF),
        ("6", R),
        ("7", ND),
        ("8", NT),
        ("21.1", A),
        ("21.2", A),
        ("21.3", A),
        ("21.4", A),  # item 21: all four achieved
    ]
    result = tally_rows(rows)
    assert result.total == 9
    assert result.items == {
        "1": T,
        "2": A,
        "3": A,
        "4": N,
        "5": OFF,
        "6": R,
        "7": ND,
        "8": NT,
        "21": A,
    }
    assert result.by_status[A] == ["2", "3", "21"]
    assert result.counts == {A: 3, T: 1, N: 1, OFF: 1, R: 1, ND: 1, NT: 1}
    assert list(result.by_status) == list(STATUS_ORDER)
    assert result.sentence == (
        "Đạt và vượt 3/9 chỉ tiêu; đúng tiến độ 1 chỉ tiêu; cần tăng tốc 1 chỉ tiêu; "
        "chậm tiến độ 1 chỉ tiêu; giảm, đi ngược mục tiêu 1 chỉ tiêu; "
        "chưa có số liệu 1 chỉ tiêu; chưa đến kỳ đánh giá 1 chỉ tiêu."
    )


def test_tally_leaves_out_empty_groups_and_keeps_the_first() -> None:
    result = tally({"1": [T], "2": [T, T]})
    assert result.sentence == "Đạt và vượt 0/2 chỉ tiêu; đúng tiến độ 2 chỉ tiêu."
    assert tally({}).sentence == "Chưa có chỉ tiêu nào."
    assert tally({}).total == 0
