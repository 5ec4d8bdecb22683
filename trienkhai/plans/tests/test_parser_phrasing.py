"""Table tests of the phrasings real plans use (issue 16): ceilings, floors, durations,
ratios to a population, changes against a base year, "duy trì", "hằng năm", "lũy kế",
ranges with their bounds, ranks, compound units, numbers that describe what is measured,
years, lead-ins, scope, coverage of people and media rules.

"Duy trì 100% …" reads as "=" 100: the contract's "=" already means "reach X in the target's
direction", and keeping a level reached is reaching it again each year.
"""

from __future__ import annotations

from typing import Any

import pytest

from trienkhai.plans.parser import parse_plan_text

FIELDS = ("kind", "comparator", "value", "low", "high", "unit", "year", "base_year")


def plan_of(text: str) -> dict[str, Any]:
    return parse_plan_text(text).to_dict()


def rows_of(item: str, heading: str = "I. CÁC CHỈ TIÊU CHỦ YẾU") -> list[dict[str, Any]]:
    return plan_of(f"{heading}\n(1) {item}\n")["targets"]


def only_row(item: str, heading: str = "I. CÁC CHỈ TIÊU CHỦ YẾU") -> dict[str, Any]:
    rows = rows_of(item, heading)
    assert len(rows) == 1, rows
    return rows[0]


def prose_rows(body: str) -> list[dict[str, Any]]:
    """The targets of prose paragraphs under a section heading (no numbered list)."""
    return plan_of(f"II. MỤC TIÊU\n{body}\n")["targets"]


@pytest.mark.parametrize(
    ("item", "comparator", "value", "unit"),
    [
        ("Tỷ lệ hộ nghèo tối đa 2%.", "<=", 2, "%"),
        ("Tỷ lệ thất nghiệp không quá 3%.", "<=", 3, "%"),
        ("Tỷ lệ hộ nghèo không vượt quá 2%.", "<=", 2, "%"),
        ("Tỷ lệ trẻ suy dinh dưỡng dưới 5%.", "<", 5, "%"),
        ("Tỷ lệ hộ nghèo giảm xuống còn 1,5%.", "<=", 1.5, "%"),
        ("Giảm tỷ lệ hộ nghèo xuống còn 1%.", "<=", 1, "%"),
        ("Tỷ lệ hộ nghèo ≤ 2%.", "<=", 2, "%"),
        ("Tỷ lệ hộ nghèo ≤2%.", "<=", 2, "%"),
        ("Tỷ lệ trẻ suy dinh dưỡng < 5%.", "<", 5, "%"),
    ],
)
def test_ceilings_are_decreases(item: str, comparator: str, value: float, unit: str) -> None:
    row = only_row(item)
    assert (row["comparator"], row["value"], row["unit"], row["direction"]) == (
        comparator,
        value,
        unit,
        "decrease",
    )
    assert row["kind"] == "rate"  # a level to come down to, not a reduction by so much


@pytest.mark.parametrize(
    ("item", "comparator", "value"),
    [
        ("Có ít nhất 5 mô hình dân vận khéo.", ">=", 5),
        ("Tỷ lệ tham gia bảo hiểm y tế tối thiểu 95%.", ">=", 95),
        ("Tỷ lệ tham gia bảo hiểm y tế không dưới 95%.", ">=", 95),
        ("Có từ 3 hợp tác xã kiểu mới trở lên.", ">=", 3),
        ("Tỷ lệ tham gia bảo hiểm y tế ≥ 95%.", ">=", 95),
        ("Tỷ lệ tham gia bảo hiểm y tế ≥95%.", ">=", 95),
        ("Tỷ lệ tham gia bảo hiểm y tế≥95%.", ">=", 95),
        ("Tỷ lệ tham gia bảo hiểm y tế > 95%.", ">", 95),
        ("Phấn đấu 90% số thôn trở lên đạt chuẩn văn hóa.", ">=", 90),
        ("Phấn đấu 90% trở lên số thôn đạt chuẩn văn hóa.", ">=", 90),
    ],
)
def test_floors(item: str, comparator: str, value: float) -> None:
    row = only_row(item)
    assert (row["comparator"], row["value"], row["stretch"], row["direction"]) == (
        comparator,
        value,
        None,
        "increase",
    )


@pytest.mark.parametrize(
    ("item", "comparator", "value", "unit"),
    [
        ("Giải quyết hồ sơ không quá 3 ngày làm việc.", "<=", 3, "ngày làm việc"),
        ("Phản hồi kiến nghị của người dân trong vòng 48 giờ.", "<=", 48, "giờ"),
        ("Thời gian giải quyết thủ tục hành chính tối đa 5 ngày.", "<=", 5, "ngày"),
        ("Thời gian chờ tiếp nhận hồ sơ không quá 15 phút.", "<=", 15, "phút"),
        ("Rút ngắn thời gian cấp phép xuống còn 2 ngày làm việc.", "<=", 2, "ngày làm việc"),
    ],
)
def test_times_to_keep_are_numbers_with_their_unit(
    item: str, comparator: str, value: float, unit: str
) -> None:
    row = only_row(item)
    assert (row["kind"], row["comparator"], row["value"], row["unit"], row["direction"]) == (
        "level",
        comparator,
        value,
        unit,
        "decrease",
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        "Thực hiện kế hoạch trung hạn 5 năm, sơ kết 6 tháng đầu năm.",
        "Trong vòng 6 tháng, các chi bộ xây dựng kế hoạch.",
        "Tổng hợp, báo cáo trong vòng 03 ngày kể từ ngày kết thúc hội nghị.",
    ],
)
def test_periods_and_deadlines_from_an_event_are_not_targets(paragraph: str) -> None:
    plan = plan_of(f"IV. TỔ CHỨC THỰC HIỆN\n1. Văn phòng Đảng ủy\n{paragraph}\n")
    assert plan["targets"] == []
    assert plan["unparsed"] == []


@pytest.mark.parametrize(
    ("item", "value", "unit"),
    [
        ("Có 2 trạm/10.000 dân.", 2, "trạm/10.000 dân"),
        ("Bố trí 1 điểm/5.000 dân.", 1, "điểm/5.000 dân"),
        ("Số giường bệnh đạt 30 giường bệnh/vạn dân.", 30, "giường bệnh/vạn dân"),
        ("Số bác sĩ đạt 10 bác sĩ/1 vạn dân.", 10, "bác sĩ/1 vạn dân"),
    ],
)
def test_ratios_to_a_population_keep_the_divisor_in_the_unit(
    item: str, value: float, unit: str
) -> None:
    plan = plan_of(f"I. CÁC CHỈ TIÊU CHỦ YẾU\n(1) {item}\n")
    (row,) = plan["targets"]
    assert (row["kind"], row["value"], row["unit"], row["confidence"]) == (
        "ratio",
        value,
        unit,
        "high",
    )
    assert plan["unparsed"] == []  # the 10.000 is part of the unit, never a figure


@pytest.mark.parametrize(
    ("item", "kind", "value", "base_year", "direction"),
    [
        ("Giảm 25% số vụ tai nạn giao thông so với năm 2024.", "reduction", 25, 2024, "decrease"),
        ("Số vụ phạm pháp hình sự giảm 10% so với năm 2025.", "reduction", 10, 2025, "decrease"),
        ("Tăng 15% thu nhập bình quân so với năm 2025.", "change", 15, 2025, "increase"),
        ("Doanh thu dịch vụ tăng 15% so với năm 2025.", "change", 15, 2025, "increase"),
        ("Doanh thu dịch vụ tăng 12% so với cùng kỳ.", "change", 12, None, "increase"),
    ],
)
def test_change_against_a_base_year(
    item: str, kind: str, value: float, base_year: int | None, direction: str
) -> None:
    row = only_row(item)
    assert (row["kind"], row["value"], row["base_year"], row["direction"]) == (
        kind,
        value,
        base_year,
        direction,
    )


def test_yearly_growth_stays_growth_even_with_tang() -> None:
    row = only_row("Thu ngân sách tăng bình quân 12%/năm.")
    assert (row["kind"], row["unit"]) == ("growth_avg", "%/năm")


@pytest.mark.parametrize(
    ("item", "value", "label"),
    [
        ("Duy trì 100% thôn đạt chuẩn văn hóa.", 100, "Thôn đạt chuẩn văn hóa"),
        ("Duy trì tỷ lệ tham gia bảo hiểm y tế đạt 95%.", 95, "Tỷ lệ tham gia bảo hiểm y tế"),
    ],
)
def test_keeping_a_level_is_reaching_it(item: str, value: float, label: str) -> None:
    row = only_row(item)
    assert (row["comparator"], row["value"], row["label"]) == ("=", value, label)


def test_a_yearly_target_takes_no_year_from_the_heading() -> None:
    rows = rows_of("Hằng năm kết nạp 20 đảng viên mới.", heading="I. CÁC CHỈ TIÊU ĐẾN NĂM 2030")
    assert [(r["value"], r["unit"], r["year"], r["label"]) for r in rows] == [
        (20, "đảng viên", None, "Kết nạp đảng viên mới")
    ]
    # while a target without "hằng năm" under the same heading takes its year
    assert only_row("Tỷ lệ hộ nghèo dưới 1%.", "I. CÁC CHỈ TIÊU ĐẾN NĂM 2030")["year"] == 2030


def test_a_yearly_target_keeps_per_year_only_when_written() -> None:
    row = only_row("Mỗi năm kết nạp ít nhất 20 đảng viên/năm.")
    assert (row["comparator"], row["value"], row["unit"], row["year"]) == (
        ">=",
        20,
        "đảng viên/năm",
        None,
    )


@pytest.mark.parametrize(
    ("item", "value", "unit", "year"),
    [
        ("Lũy kế đến năm 2030 có 15 sản phẩm OCOP.", 15, "sản phẩm", 2030),
        ("Cộng dồn 5 năm có 500 lao động được đào tạo nghề.", 500, "lao động", None),
        ("Lũy kế vốn đầu tư đạt 500 tỷ đồng.", 500, "tỷ đồng", None),
    ],
)
def test_cumulative(item: str, value: float, unit: str, year: int | None) -> None:
    row = only_row(item)
    assert (row["kind"], row["value"], row["unit"], row["year"]) == (
        "cumulative",
        value,
        unit,
        year,
    )


@pytest.mark.parametrize(
    ("item", "low", "high", "unit", "bounds"),
    [
        ("Có từ 30 đến 40 hộ làm du lịch cộng đồng.", 30, 40, "hộ", "[]"),
        ("Tỷ lệ hộ khá giàu 30 – 40%.", 30, 40, "%", "[]"),
        ("Tỷ lệ hộ khá giàu 30-40%.", 30, 40, "%", "[]"),
        ("Tỷ lệ hộ khá giàu trên 30% và dưới 40%.", 30, 40, "%", "()"),
        ("Tỷ lệ hộ khá giàu từ 30% đến dưới 40%.", 30, 40, "%", "[)"),
        ("Tỷ lệ hộ khá giàu trên 30% đến 40%.", 30, 40, "%", "(]"),
        ("Tỷ lệ hộ khá giàu trên 30% và không vượt quá 40%.", 30, 40, "%", "(]"),
    ],
)
def test_ranges_are_one_row_with_their_bounds(
    item: str, low: float, high: float, unit: str, bounds: str
) -> None:
    row = only_row(item)
    assert (row["comparator"], row["value"], row["low"], row["high"], row["unit"]) == (
        "range",
        None,
        low,
        high,
        unit,
    )
    assert row["bounds"] == bounds


def test_a_plain_figure_keeps_the_default_bounds() -> None:
    assert only_row("Tỷ lệ hộ nghèo dưới 1%.")["bounds"] == "[]"


@pytest.mark.parametrize(
    ("item", "value"),
    [
        ("Chỉ số PAPI thuộc tốp 10 cả nước.", 10),
        ("Chỉ số PCI thuộc top 5 cả nước.", 5),
        ("Chỉ số SIPAS đứng trong nhóm 20 địa phương dẫn đầu.", 20),
        ("Chỉ số PAR Index nằm trong 10 địa phương dẫn đầu cả nước.", 10),
    ],
)
def test_ranks(item: str, value: int) -> None:
    row = only_row(item)
    assert (row["kind"], row["comparator"], row["value"], row["unit"]) == (
        "rank",
        "rank<=",
        value,
        None,
    )


@pytest.mark.parametrize(
    ("item", "value", "unit"),
    [
        ("Thu nhập bình quân đầu người đạt 80 triệu đồng/người/năm.", 80, "triệu đồng/người/năm"),
        ("Thu ngân sách trên địa bàn đạt 50 tỷ đồng/năm.", 50, "tỷ đồng/năm"),
        ("Đăng tải 10 tin, bài/tháng về chuyển đổi số.", 10, "tin, bài/tháng"),
    ],
)
def test_compound_units_are_kept_whole(item: str, value: float, unit: str) -> None:
    row = only_row(item)
    assert (row["value"], row["unit"], row["confidence"]) == (value, unit, "high")


@pytest.mark.parametrize(
    ("item", "value", "unit"),
    [
        ("Năng suất trên 01 ha gieo trồng đạt 180 triệu đồng.", 180, "triệu đồng"),
        ("Giá trị sản phẩm trên 1 ha đất trồng trọt đạt 200 triệu đồng.", 200, "triệu đồng"),
        ("Tỷ lệ hộ có từ 2 lao động trở lên có việc làm ổn định đạt 80%.", 80, "%"),
        ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi dưới 10%.", 10, "%"),
        ("Tỷ lệ người dân từ 60 tuổi trở lên có thẻ bảo hiểm y tế đạt 100%.", 100, "%"),
    ],
)
def test_a_number_describing_the_thing_measured_is_not_its_figure(
    item: str, value: float, unit: str
) -> None:
    plan = plan_of(f"I. CÁC CHỈ TIÊU CHỦ YẾU\n(1) {item}\n")
    assert [(r["ref"], r["value"], r["unit"]) for r in plan["targets"]] == [("1", value, unit)]
    assert plan["unparsed"] == []


def test_a_household_with_two_workers_is_not_a_target() -> None:
    assert prose_rows("Hỗ trợ các hộ có từ 2 lao động trở lên vay vốn sản xuất.") == []


@pytest.mark.parametrize(
    ("item", "value", "year"),
    [
        ("Tỷ lệ tiêm chủng mở rộng đạt 100% vào năm 2027.", 100, 2027),
        ("Tỷ lệ che phủ rừng đạt 45% trong năm 2028.", 45, 2028),
    ],
)
def test_a_year_ending_the_clause_is_the_rows_year(item: str, value: float, year: int) -> None:
    row = only_row(item, heading="I. CÁC CHỈ TIÊU ĐẾN NĂM 2030")
    assert (row["value"], row["year"]) == (value, year)


def test_prose_targets_under_a_dated_heading_take_its_year() -> None:
    rows = prose_rows(
        "1. Chỉ tiêu đến năm 2030\n"
        "- Tỷ lệ hộ nghèo dưới 1%.\n"
        "- Hằng năm kết nạp 20 đảng viên mới.\n"
        "2. Nhiệm vụ\n"
        "- Tỷ lệ thôn đạt chuẩn văn hóa đạt 90%."
    )
    assert [(r["ref"], r["value"], r["year"]) for r in rows] == [
        ("II.1-a", 1, 2030),
        ("II.1-b", 20, None),
        ("II.2-a", 90, None),
    ]


@pytest.mark.parametrize(
    "lead_in",
    [
        "Phấn đấu đạt các chỉ tiêu chủ yếu sau:",
        "Phấn đấu đến năm 2030 đạt các chỉ tiêu chủ yếu như sau:",
        "Phấn đấu hoàn thành các chỉ tiêu sau đây",
    ],
)
def test_a_lead_in_sentence_is_not_a_target(lead_in: str) -> None:
    rows = prose_rows(f"{lead_in}\n- Tỷ lệ hộ nghèo dưới 1%.")
    assert [(r["kind"], r["value"]) for r in rows] == [("rate", 1)]


def test_a_figureless_target_is_still_read_after_a_lead_in() -> None:
    rows = prose_rows("Phấn đấu đạt các chỉ tiêu sau:\n- Đạt và vượt chỉ tiêu thành phố giao.")
    assert [(r["kind"], r["comparator"], r["scope"]) for r in rows] == [
        ("qualitative", ">=", "own")
    ]


@pytest.mark.parametrize(
    ("paragraph", "scope"),
    [
        ("Tỷ lệ thôn đạt chuẩn văn hóa theo chuẩn của thành phố đạt 90%.", "own"),
        ("Thu nhập bình quân cao hơn mức bình quân của thành phố, đạt 90 triệu đồng.", "own"),
        ("Xây dựng 3 mô hình theo tiêu chí của tỉnh.", "own"),
        ("Tăng trưởng GRDP của thành phố đạt 10%.", "reference"),
        ("Các chỉ tiêu của thành phố: tỷ lệ đô thị hóa đạt 55%.", "reference"),
        ("Thành phố phấn đấu có 87.000 doanh nghiệp.", "reference"),
    ],
)
def test_scope_is_reference_only_for_a_higher_bodys_targets(paragraph: str, scope: str) -> None:
    (row,) = prose_rows(paragraph)
    assert row["scope"] == scope


def test_coverage_of_people() -> None:
    plan = plan_of(
        "I. MỤC ĐÍCH, YÊU CẦU\nPhấn đấu trên 98% đảng viên, ít nhất 85% hội viên và 100% công "
        "chức, viên chức được học tập, quán triệt Nghị quyết.\n"
    )
    got = [
        (c["audience"], c["group"], c["comparator"], c["value"]) for c in plan["coverage_targets"]
    ]
    assert got == [
        ("đảng viên", "party_members", ">", 98),
        ("hội viên", "union_members", ">=", 85),
        ("công chức, viên chức", "civil_servants", "=", 100),
    ]
    assert plan["targets"] == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "Phấn đấu 100% chi bộ tổ chức sinh hoạt chuyên đề về Nghị quyết.",
        "100% chi bộ tổ chức học tập, quán triệt Nghị quyết.",
    ],
)
def test_a_share_of_organisations_is_a_share_target_not_coverage(paragraph: str) -> None:
    plan = plan_of(f"I. MỤC ĐÍCH, YÊU CẦU\n{paragraph}\n")
    assert plan["coverage_targets"] == []
    assert [(t["kind"], t["comparator"], t["value"], t["unit"]) for t in plan["targets"]] == [
        ("share", "=", 100, "%")
    ]


@pytest.mark.parametrize(
    ("paragraph", "rule"),
    [
        (
            "Mỗi tháng ít nhất 03 tin, bài trên hệ thống truyền thanh xã.",
            {"min_items": 3, "per": "month", "channels": ["radio"]},
        ),
        (
            "Xây dựng 01 chuyên mục/tuần trên hệ thống truyền thanh.",
            {"min_items": 1, "per": "week", "channels": ["radio"]},
        ),
        (
            "Đăng tải 02 tin, bài/tuần trên trang thông tin điện tử của xã.",
            {"min_items": 2, "per": "week", "channels": ["website"]},
        ),
    ],
)
def test_media_rules(paragraph: str, rule: dict[str, Any]) -> None:
    plan = plan_of(f"III. HÌNH THỨC TUYÊN TRUYỀN\n{paragraph}\n")
    assert plan["media_rules"] == [rule]
    assert plan["targets"] == []  # a media rule is not also a target


def test_a_list_measured_by_the_citys_standard_stays_the_communes_own() -> None:
    plan = plan_of(
        "II. NỘI DUNG\n1. Các chỉ tiêu theo chuẩn của thành phố\n(1) Tỷ lệ hộ nghèo dưới 1%.\n"
        "2. Các chỉ tiêu chủ yếu của thành phố\n(1) Tỷ lệ đô thị hóa đạt 55%.\n"
    )
    assert [t["scope"] for t in plan["targets"]] == ["own", "reference"]


def test_key_cadres_and_cooperative_members_are_people_not_organisations() -> None:
    plan = plan_of(
        "I. MỤC ĐÍCH, YÊU CẦU\nPhấn đấu 100% trưởng thôn và 95% xã viên được quán triệt "
        "Nghị quyết.\n"
    )
    got = [(c["group"], c["comparator"], c["value"]) for c in plan["coverage_targets"]]
    assert got == [("key_cadres", "=", 100), ("public", "=", 95)]


def test_a_base_year_belongs_to_the_change_it_follows() -> None:
    rows = rows_of("Tổng thu ngân sách đạt 45 tỷ đồng, tăng 20% so với năm 2025.")
    assert [(r["ref"], r["kind"], r["value"], r["base_year"]) for r in rows] == [
        ("1.1", "level", 45, None),
        ("1.2", "change", 20, 2025),
    ]


@pytest.mark.parametrize(
    ("item", "unit"),
    [
        ("Số vụ vi phạm trật tự an toàn giao thông không quá 02 vụ/năm.", "vụ/năm"),
        ("Số tác phẩm đạt giải ít nhất 05 tác phẩm/năm.", "tác phẩm/năm"),
        ("Hằng năm tổ chức tối thiểu 12 chương trình nghệ thuật.", "chương trình"),
    ],
)
def test_things_counted_each_period_are_counts(item: str, unit: str) -> None:
    row = only_row(item)
    assert (row["kind"], row["unit"], row["year"]) == ("count", unit, None)
