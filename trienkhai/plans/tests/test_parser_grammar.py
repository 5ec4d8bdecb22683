"""Table tests of the target grammar, and a second, invented plan of the same genre."""

from __future__ import annotations

from typing import Any

import pytest

from trienkhai.plans.parser import parse_plan_text


def rows_of(item: str, heading: str = "I. CÁC CHỈ TIÊU CHỦ YẾU") -> list[dict[str, Any]]:
    """The target rows of one numbered item placed in a minimal plan."""
    plan = parse_plan_text(f"{heading}\n(1) {item}\n").to_dict()
    return plan["targets"]


def only_row(item: str) -> dict[str, Any]:
    rows = rows_of(item)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("item", "comparator", "value"),
    [
        ("Tỷ lệ lao động có việc làm đạt trên 80%.", ">", 80),
        ("Tỷ lệ doanh nghiệp đổi mới sáng tạo lớn hơn 40%.", ">", 40),
        ("Doanh thu du lịch vượt 10 tỷ đồng.", ">", 10),
        ("Tỷ lệ nước thải được xử lý đạt 40% trở lên.", ">=", 40),
        ("Có ít nhất 03 doanh nghiệp lớn tham gia chuỗi giá trị.", ">=", 3),
        ("Xây dựng tối thiểu 5 mô hình dân vận khéo.", ">=", 5),
        ("Tỷ lệ hộ dùng nước sạch không dưới 95%.", ">=", 95),
        ("Có từ 01 nhà máy xử lý rác hiện đại trở lên.", ">=", 1),
        ("Tăng trưởng kinh tế đạt từ 10% trở lên.", ">=", 10),
        ("Tỷ lệ đô thị hóa đạt khoảng 55%.", "~", 55),
        ("Tỷ lệ hộ nghèo dưới 1%.", "<", 1),
        ("Số vụ cháy nổ tối đa 5 vụ mỗi năm.", "<=", 5),
        ("Tỷ lệ thất nghiệp không quá 3%.", "<=", 3),
        ("Tỷ lệ lao động qua đào tạo đạt 57%.", "=", 57),
        ("Tỷ lệ bao phủ bảo hiểm y tế 95%.", "=", 95),
    ],
)
def test_comparator_words(item: str, comparator: str, value: float) -> None:
    row = only_row(item)
    assert (row["comparator"], row["value"]) == (comparator, value)


@pytest.mark.parametrize(
    ("item", "low", "high", "unit"),
    [
        ("Chỉ số sản xuất công nghiệp tăng bình quân 15,5 - 16,5%/năm.", 15.5, 16.5, "%/năm"),
        ("Tăng trưởng doanh số thương mại điện tử 23%-25%.", 23, 25, "%"),
        ("Tỷ lệ cơ sở áp dụng sản xuất xanh đạt 45% - 50%.", 45, 50, "%"),
        ("Thành lập mới từ 2 đến 3 hợp tác xã.", 2, 3, "hợp tác xã"),
        ("Xây dựng từ 25 - 30 tiểu đội dân quân.", 25, 30, "tiểu đội"),
    ],
)
def test_ranges(item: str, low: float, high: float, unit: str) -> None:
    row = only_row(item)
    assert (row["comparator"], row["value"], row["low"], row["high"], row["unit"]) == (
        "range",
        None,
        low,
        high,
        unit,
    )


def test_strive_after_a_base_figure_is_its_stretch() -> None:
    row = only_row("Tăng trưởng GRDP đạt bình quân 13%/năm trở lên, phấn đấu đạt 14%/năm.")
    assert (row["comparator"], row["value"], row["stretch"]) == (">=", 13, 14)


def test_strive_alone_is_the_value() -> None:
    row = only_row("Tỷ lệ nội địa hóa phấn đấu đạt 14%.")
    assert (row["value"], row["stretch"]) == (14, None)


def test_strive_in_another_clause_is_not_a_stretch() -> None:
    rows = rows_of("Tỷ lệ A đạt 50%; phấn đấu tỷ lệ B đạt 60%.")
    assert [(r["value"], r["stretch"]) for r in rows] == [(50, None), (60, None)]


def test_rank_top_5_strive_top_3() -> None:
    row = only_row("Chỉ số PCI hằng năm thuộc top 5 cả nước, phấn đấu top 3.")
    assert (row["kind"], row["comparator"], row["value"], row["stretch"], row["unit"]) == (
        "rank",
        "rank<=",
        5,
        3,
        None,
    )


def test_several_abbreviated_indices_sharing_one_figure_give_one_row_each() -> None:
    rows = rows_of(
        "Chỉ số chuyển đổi số (DTI), Chỉ số cải cách hành chính (PAR Index) thuộc top 10."
    )
    assert [(r["ref"], r["label"], r["value"]) for r in rows] == [
        ("1.1", "DTI", 10),
        ("1.2", "PAR Index", 10),
    ]


def test_ratio_in_parentheses_is_never_a_value() -> None:
    row = only_row("Phấn đấu 80% số xã (tương ứng 55/67 xã) đạt chuẩn nông thôn mới nâng cao.")
    assert (row["value"], row["unit"], row["label"]) == (
        80,
        "%",
        "Số xã đạt chuẩn nông thôn mới nâng cao",
    )


def test_bare_ratio_is_never_a_value() -> None:
    rows = rows_of("Số xã đạt chuẩn nông thôn mới là 55/67 xã.")
    assert all(r["value"] not in (55, 67) for r in rows)
    assert [r["kind"] for r in rows] == ["qualitative"]


def test_base_year_and_reduction() -> None:
    row = only_row("Giảm lượng phát thải khí nhà kính ít nhất 43,5% so với năm 2020.")
    assert (row["kind"], row["value"], row["base_year"], row["direction"]) == (
        "reduction",
        43.5,
        2020,
        "decrease",
    )


def test_reaching_a_lower_level_is_a_decrease_not_a_reduction() -> None:
    row = only_row("Tỷ lệ hộ nghèo giảm xuống dưới 0,5%.")
    assert (row["kind"], row["comparator"], row["direction"]) == ("rate", "<", "decrease")


def test_leading_zeros() -> None:
    assert only_row("Có ít nhất 03 doanh nghiệp lớn.")["value"] == 3


@pytest.mark.parametrize(
    ("item", "value", "unit"),
    [
        ("Tỷ lệ che phủ rừng đạt 57%.", 57, "%"),
        ("Dịch vụ tăng 10,9%/năm.", 10.9, "%/năm"),
        ("GRDP bình quân đầu người đạt 11.247 USD/người.", 11247, "USD/người"),
        ("Thu ngân sách đạt 245.500 tỷ đồng.", 245500, "tỷ đồng"),
        ("Vốn đầu tư xã hội đạt 1,2 nghìn tỷ đồng.", 1.2, "nghìn tỷ đồng"),
        ("Tổng vốn đầu tư tương đương 2,4 triệu tỷ đồng.", 2.4, "triệu tỷ đồng"),
        ("Kim ngạch xuất khẩu đạt 75 tỷ USD.", 75, "tỷ USD"),
        ("Hàng hóa qua cảng đạt 380 triệu tấn.", 380, "triệu tấn"),
        ("Khách du lịch đạt 25 triệu lượt.", 25, "triệu lượt"),
        ("Có 87.000 doanh nghiệp đang hoạt động.", 87000, "doanh nghiệp"),
        ("Hoàn thành 32.900 căn nhà ở xã hội.", 32900, "căn"),
        ("Đường cao tốc hoàn thành là 21,5 km.", 21.5, "km"),
        ("Số bác sĩ/vạn dân đạt 19 người.", 19, "người/vạn dân"),
        ("Thu nhập bình quân đạt 120 triệu đồng/người/năm.", 120, "triệu đồng/người/năm"),
    ],
)
def test_measure_units(item: str, value: float, unit: str) -> None:
    row = only_row(item)
    assert (row["value"], row["unit"]) == (value, unit)


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ("Tăng trưởng GRDP bình quân 13%/năm.", "growth_avg"),
        ("Tỷ trọng kinh tế số trong GRDP đạt 35%.", "share"),
        ("Tỷ lệ lao động qua đào tạo đạt 80%.", "rate"),
        ("Khách du lịch đạt 25 triệu lượt.", "level"),
        ("Có 87.000 doanh nghiệp đang hoạt động.", "count"),
        ("Hoàn thành 32.900 căn nhà ở xã hội trong giai đoạn 2026 - 2030.", "cumulative"),
        ("Chỉ số phát triển con người đạt 0,8.", "index"),
        ("Số bác sĩ/vạn dân đạt 19 người.", "ratio"),
        ("Giảm 20% số vụ tai nạn giao thông so với năm 2025.", "reduction"),
    ],
)
def test_kinds(item: str, kind: str) -> None:
    assert only_row(item)["kind"] == kind


@pytest.mark.parametrize(
    "item",
    [
        "Đến năm 2030, tỷ lệ đô thị hóa đạt 55%.",
        "Tỷ lệ đô thị hóa giai đoạn 2026 - 2030 đạt 55%.",
        "Tỷ lệ đô thị hóa năm 2030 đạt 55%.",
    ],
)
def test_year_of_the_target_is_never_its_value(item: str) -> None:
    row = only_row(item)
    assert (row["value"], row["year"]) == (55, 2030)


@pytest.mark.parametrize(
    "item",
    ["Tỷ lệ hộ dùng nước sạch đạt 80% đến 2030.", "Phấn đấu đến 2030 tỷ lệ hộ dùng nước sạch 80%."],
)
def test_a_figure_then_a_year_is_never_a_range(item: str) -> None:
    row = only_row(item)
    assert (row["comparator"], row["value"], row["year"]) == ("=", 80, 2030)


def test_figureless_item_is_qualitative_and_flagged() -> None:
    plan = parse_plan_text("I. CHỈ TIÊU\n(1) Hoàn thành trong năm 2030.\n").to_dict()
    (row,) = plan["targets"]
    assert (row["kind"], row["value"], row["confidence"]) == ("qualitative", None, "low")
    assert plan["warnings"]


def test_strive_typo_never_loses_a_stretch() -> None:
    row = only_row("Tỷ lệ A đạt 13% trở lên, phần đầu đạt 14%.")
    assert (row["value"], row["stretch"]) == (13, 14)


def test_strive_typo_alone_keeps_the_range() -> None:
    row = only_row("Tỷ lệ nội địa hóa đến năm 2030 phần đầu đạt 40%-45%.")
    assert (row["low"], row["high"], row["year"]) == (40, 45, 2030)


def test_van_dan_typo_never_loses_the_figure() -> None:
    row = only_row("Số bác sĩ/vận dân đến năm 2030 là 19 người.")
    assert (row["value"], row["unit"], row["kind"]) == (19, "người/vạn dân", "ratio")


def test_misspelled_number_is_flagged_not_guessed() -> None:
    plan = parse_plan_text("I. CHỈ TIÊU\n(1) Tỷ lệ A đạt 12.34%.\n").to_dict()
    (row,) = plan["targets"]
    assert (row["value"], row["confidence"]) == (None, "low")
    assert any("12.34" in w for w in plan["warnings"])


def test_sentence_broken_by_a_page_is_joined() -> None:
    plan = parse_plan_text(
        "I. CHỈ TIÊU\n(4) Tỷ trọng A đạt 47 - 48%; tỷ\n\n\ntrọng B đạt trên 60%.\n"
    ).to_dict()
    assert [(r["ref"], r["label"]) for r in plan["targets"]] == [
        ("4.1", "Tỷ trọng A"),
        ("4.2", "Tỷ trọng B"),
    ]


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Hoàn thành trong quý II năm 2026.", "2026-06-30"),
        ("Các chi bộ xây dựng kế hoạch, hoàn thành trước ngày 10/6/2026.", "2026-06-10"),
        ("Tổ chức hội nghị trong tháng 8/2026.", "2026-08-31"),
        ("Báo cáo chậm nhất ngày 15 tháng 12 năm 2027.", "2027-12-15"),
        ("Sơ kết trong quý IV/2026.", "2026-12-31"),
        ("Hoàn thành trong tháng 2 năm 2028.", "2028-02-29"),
    ],
)
def test_deadlines(sentence: str, due: str) -> None:
    plan = parse_plan_text(f"V. THỜI GIAN THỰC HIỆN\n{sentence}\n").to_dict()
    assert plan["deadlines"] == [{"text": sentence, "due": due, "recurrence": None}]


def test_a_reference_date_is_not_a_deadline() -> None:
    plan = parse_plan_text(
        "V. THỜI GIAN THỰC HIỆN\nThực hiện Chỉ thị số 05-CT/TU ngày 10/6/2026 của Tỉnh ủy.\n"
    ).to_dict()
    assert plan["deadlines"] == []


INVENTED_PLAN = """\
ĐẢNG BỘ TỈNH NINH BÌNH
ĐẢNG UỶ PHƯỜNG HOA LƯ
*
Số 15-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Hoa Lư, ngày 03 tháng 02 năm 2027

KẾ HOẠCH
thực hiện Nghị quyết Đại hội Đảng bộ phường Hoa Lư lần thứ I, nhiệm kỳ 2025 - 2030

Căn cứ Nghị quyết Đại hội, Ban Thường vụ Đảng uỷ phường xây dựng Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
- Phấn đấu 100% đảng viên và trên 85% Nhân dân được học tập, quán triệt Nghị quyết.
- Kinh tế của phường tăng trưởng bình quân mỗi năm không dưới 8%.

II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030
(1) Thu nhập bình quân đầu người đạt 120 triệu đồng/người/năm.
(2) Tỷ lệ hộ nghèo giảm xuống dưới 0,5%.
(3) Thu ngân sách trên địa bàn tăng bình quân tối thiểu 12%/năm.
(4) Có thêm từ 2 đến 3 trường học đạt chuẩn quốc gia; tối đa 5 vụ cháy nổ mỗi năm.
(5) Giữ vững an ninh chính trị, trật tự an toàn xã hội.

III. NHIỆM VỤ, GIẢI PHÁP
1. Nâng cao năng lực lãnh đạo của tổ chức đảng
Các chi bộ đổi mới nội dung sinh hoạt.
2. Phát triển kinh tế đô thị và du lịch
Khách du lịch đạt khoảng 2,5 triệu lượt vào năm 2030.
3. Đẩy mạnh công tác thông tin, tuyên truyền
Đăng tải ít nhất 01 tin, bài/tháng trên trang thông tin điện tử của phường.

IV. TỔ CHỨC THỰC HIỆN
1. Các chi bộ
- Xây dựng chương trình hành động, hoàn thành trong tháng 8/2027.
- Tổ chức quán triệt Nghị quyết đến toàn thể đảng viên.
2. Ủy ban Kiểm tra Đảng ủy: kiểm tra, giám sát, báo cáo chậm nhất ngày 15 tháng 12 năm 2027.
3. Mặt trận Tổ quốc và các đoàn thể phường
- Vận động đoàn viên, hội viên tham gia thực hiện.

V. KINH PHÍ THỰC HIỆN
Kinh phí thực hiện Kế hoạch do ngân sách phường bảo đảm.

VI. CHẾ ĐỘ LƯU TRỮ
Văn phòng lưu 12 bản.

Nơi nhận:
- Ban Thường vụ Tỉnh uỷ,
- Lưu VPĐU.
T/M BAN THƯỜNG VỤ
BÍ THƯ
"""


@pytest.fixture(scope="module")
def invented() -> dict[str, Any]:
    return parse_plan_text(INVENTED_PLAN).to_dict()


def test_invented_plan_header(invented: dict[str, Any]) -> None:
    assert (invented["superior"], invented["issuer"]) == (
        "ĐẢNG BỘ TỈNH NINH BÌNH",
        "ĐẢNG UỶ PHƯỜNG HOA LƯ",
    )
    assert (invented["number"], invented["symbol"], invented["doc_type"]) == (15, "KH/ĐU", "KH")
    assert (invented["place"], invented["date"], invented["date_partial"]) == (
        "Hoa Lư",
        "2027-02-03",
        None,
    )
    assert invented["title"].startswith("thực hiện Nghị quyết Đại hội")


def test_invented_plan_numbered_targets_are_its_own(invented: dict[str, Any]) -> None:
    rows = {t["ref"]: t for t in invented["targets"]}
    assert [r for r in rows if "-" not in r] == ["1", "2", "3", "4.1", "4.2", "5"]
    assert {rows[r]["scope"] for r in rows} == {"own"}
    assert (rows["1"]["value"], rows["1"]["unit"], rows["1"]["year"]) == (
        120,
        "triệu đồng/người/năm",
        2030,
    )
    assert (rows["2"]["comparator"], rows["2"]["value"], rows["2"]["direction"]) == (
        "<",
        0.5,
        "decrease",
    )
    assert (rows["3"]["comparator"], rows["3"]["value"], rows["3"]["kind"]) == (
        ">=",
        12,
        "growth_avg",
    )
    assert (rows["4.1"]["low"], rows["4.1"]["high"], rows["4.1"]["unit"]) == (2, 3, "trường")
    assert (rows["4.2"]["comparator"], rows["4.2"]["value"]) == ("<=", 5)
    assert (rows["5"]["kind"], rows["5"]["confidence"]) == ("qualitative", "low")


def test_invented_plan_prose_targets(invented: dict[str, Any]) -> None:
    rows = {t["ref"]: t for t in invented["targets"] if "-" in t["ref"]}
    assert (rows["I-a"]["comparator"], rows["I-a"]["value"], rows["I-a"]["unit"]) == (
        ">=",
        8,
        "%/năm",
    )
    assert (rows["III.2-a"]["comparator"], rows["III.2-a"]["value"]) == ("~", 2.5)


def test_invented_plan_coverage_and_media(invented: dict[str, Any]) -> None:
    got = [(c["group"], c["comparator"], c["value"]) for c in invented["coverage_targets"]]
    assert got == [("party_members", "=", 100), ("public", ">", 85)]
    assert invented["media_rules"] == [{"min_items": 1, "per": "month", "channels": ["website"]}]


def test_invented_plan_solutions(invented: dict[str, Any]) -> None:
    assert [s["ref"] for s in invented["solutions"]] == ["III.1", "III.2", "III.3"]


def test_invented_plan_duties(invented: dict[str, Any]) -> None:
    got = [(t["assignee_kind"], t["section"], t["due"]) for t in invented["tasks"]]
    assert got == [
        ("party_cells", "IV.1", "2027-08-31"),
        ("party_cells", "IV.1", None),
        ("inspection_committee", "IV.2", "2027-12-15"),
        ("front_and_mass_orgs", "IV.3", None),
    ]
    assert invented["tasks"][2]["text"].startswith("kiểm tra, giám sát")


def test_invented_plan_lists_what_it_did_not_understand(invented: dict[str, Any]) -> None:
    assert [u["text"] for u in invented["unparsed"]] == ["Văn phòng lưu 12 bản."]
    assert any("CHẾ ĐỘ LƯU TRỮ" in w for w in invented["warnings"])


def test_targets_of_the_superior_programme_are_reference() -> None:
    plan = parse_plan_text(
        "II. NỘI DUNG\n1. Các chỉ tiêu chủ yếu\n"
        "Các chỉ tiêu chủ yếu của Chương trình hành động số 12-CTr/TU của Tỉnh ủy:\n"
        "(1) Tỷ lệ đô thị hóa đạt 45%.\n"
        "2. Chỉ tiêu của phường\n"
        "(1) Tỷ lệ hộ nghèo dưới 1%.\n"
    ).to_dict()
    assert [t["scope"] for t in plan["targets"]] == ["reference", "own"]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Ban Thường vụ Đảng uỷ", "standing_committee"),
        ("Ủy ban Kiểm tra Đảng ủy", "inspection_committee"),
        ("Văn phòng Đảng ủy", "party_office"),
        ("Ban Xây dựng Đảng", "party_building_board"),
        ("Hội đồng nhân dân phường", "peoples_council"),
        ("UBND xã", "peoples_committee"),
        ("Ủy ban MTTQ Việt Nam xã", "front"),
        ("Đoàn Thanh niên xã", "mass_org"),
        ("MTTQ và các đoàn thể", "front_and_mass_orgs"),
        ("Đảng bộ bộ phận thôn Đông", "party_subcommittee"),
        ("Các tổ chức đảng trực thuộc", "party_orgs"),
        ("Các chi bộ", "party_cells"),
        ("Chi bộ thôn 3", "party_cell"),
        ("Đảng ủy xã", "commune_committee"),
        ("Các hợp tác xã", "other"),
    ],
)
def test_assignee_kinds(body: str, kind: str) -> None:
    plan = parse_plan_text(f"IV. TỔ CHỨC THỰC HIỆN\n1. {body}\nTriển khai Kế hoạch.\n")
    (task,) = plan.to_dict()["tasks"]
    assert (task["assignee"], task["assignee_kind"]) == (body, kind)


def test_duties_written_as_bullets_with_the_body_before_a_colon() -> None:
    plan = parse_plan_text(
        "III. Tổ chức thực hiện\n"
        "- Chi ủy: xây dựng kế hoạch, hoàn thành trước 30/6/2026.\n"
        "- Các đảng viên: tham gia đầy đủ các buổi học tập.\n"
        "- Thời gian: trong quý II năm 2026.\n"
    ).to_dict()
    got = [(t["assignee"], t["assignee_kind"], t["due"]) for t in plan["tasks"]]
    assert got == [("Chi ủy", "party_cell", "2026-06-30"), ("Các đảng viên", "other", None)]
    assert [u["text"] for u in plan["unparsed"]] == ["- Thời gian: trong quý II năm 2026."]
