"""Must-show 3: the parser never raises on arbitrary input; quantities round-trip."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from trienkhai.core.numbers import Quantity, format_number, parse_quantity
from trienkhai.plans.parser import PlanParseError, parse_plan_file, parse_plan_text

# Pieces of real plans, so random documents reach the deeper stages (items, duties, rules).
FRAGMENTS = [
    "ĐẢNG BỘ THÀNH PHỐ HẢI",
    "PHÒNG",
    "ĐẢNG ỦY XÃ TÂN KỲ",
    "Số -KH/ĐU",
    "Số 12-KH/ĐU",
    "Tân Kỳ, ngày tháng 5 năm 2026",
    "Hà Nội, ngày 31 tháng 2 năm 2026",
    "KẾ HOẠCH",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NỘI DUNG",
    "IV. TỔ CHỨC THỰC HIỆN",
    "V. THỜI GIAN THỰC HIỆN",
    "VI. LINH TINH",
    "1. Ban Thường vụ Đảng ủy xã",
    "2. 5. Phát huy vai trò",
    "6. Tăng cường kiểm tra",
    "2.1. Giải pháp",
    "(1) Tăng trưởng đạt 13%/năm trở lên, phấn đấu đạt 14%/năm; dịch vụ tăng 10,9%/năm.",
    "(21) Chỉ số (DTI), Chỉ số (PCI) thuộc top 5, phần đầu trong top 3.",
    "(22) Phần đầu đến năm 2030: 80% số xã (tương ứng 55/67 xã) đạt chuẩn.",
    "(5) đạt khoảng 43% GRDP, tương đương 2,4 triệu tỷ đồng",
    "(9) đạt 12.34 % và 1,2,3 lần",
    "(3)",
    "Phấn đấu 100% cán bộ chủ chốt, trên 95% đảng viên được quán triệt.",
    "duy trì tối thiểu 02 tin, bài/tuần trên hệ thống truyền thanh và các nền tảng số.",
    "hoàn thành trước ngày 31/2/2026; trong quý II năm 0000; trong tháng 13/2026.",
    "- Các chi bộ: xây dựng kế hoạch trong tháng 8/2026.",
    "tỷ",
    "",
    "Nơi nhận:",
]

plan_lines = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30)


def assert_sound(text: str) -> None:
    plan = parse_plan_text(text)
    data = plan.to_dict()
    json.dumps(data, ensure_ascii=False)  # always serialisable
    assert not any("Lỗi nội bộ" in w for w in data["warnings"]), data["warnings"]


@given(st.text())
def test_parser_never_raises_on_arbitrary_text(text: str) -> None:
    assert_sound(text)


@given(plan_lines, st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_parser_never_raises_on_shuffled_plan_fragments(lines: list[str], newline: str) -> None:
    assert_sound(newline.join(lines))


@given(st.binary(max_size=2048), st.sampled_from(["a.txt", "a.docx", "a.pdf", "a"]))
def test_file_parser_raises_only_plan_parse_error(data: bytes, name: str) -> None:
    try:
        parse_plan_file(data, name)
    except PlanParseError as exc:
        assert exc.message


@given(
    st.decimals(min_value=0, max_value=10**15, places=3, allow_nan=False, allow_infinity=False),
    st.sampled_from([None, "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]),
)
def test_parse_quantity_round_trips_formatted_values(value: Decimal, scale: str | None) -> None:
    text = format_number(value) + (f" {scale}" if scale else "")
    assert parse_quantity(text) == Quantity(value, scale)
