"""Must-show 1: the seed plan (Đảng ủy xã Tân Kỳ) read into the contract's draft."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from trienkhai.plans.parser import parse_plan_file

SEED = Path(__file__).resolve().parents[1] / "demo_data" / "ke_hoach_tan_ky.txt"

# Every numbered row of the seed: ref → (comparator, value, low, high, stretch, unit).
EXPECTED_ROWS: dict[str, tuple[str, Any, Any, Any, Any, str | None]] = {
    "1.1": (">=", 13, None, None, 14, "%/năm"),
    "1.2": ("=", 15.2, None, None, None, "%/năm"),
    "1.3": ("=", 10.9, None, None, None, "%/năm"),
    "1.4": ("=", 2, None, None, None, "%/năm"),
    "1.5": ("=", 8, None, None, None, "%/năm"),
    "2": ("=", 11247, None, None, None, "USD/người"),
    "3": (">", 35, None, None, None, "%"),
    "4.1": ("range", None, 15.5, 16.5, None, "%/năm"),
    "4.2": ("range", None, 47, 48, None, "%"),
    "4.3": (">", 60, None, None, None, "%"),
    "5.1": ("~", 43, None, None, None, "%"),
    "5.2": ("~", 2.4, None, None, None, "triệu tỷ đồng"),
    "5.3": ("=", 10, None, None, None, "%"),
    "6.1": ("=", 245500, None, None, None, "tỷ đồng"),
    "6.2": ("=", 122000, None, None, None, "tỷ đồng"),
    "7": (">=", 75, None, None, None, "tỷ USD"),
    "8": ("=", 380, None, None, None, "triệu tấn"),
    "9": ("=", 25, None, None, None, "triệu lượt"),
    "10": ("=", 57, None, None, None, "%"),
    "11": ("~", 11, None, None, None, "%/năm"),
    "12": ("range", None, 23, 25, None, "%"),
    "13.1": ("~", 87000, None, None, None, "doanh nghiệp"),
    "13.2": ("~", 9200, None, None, None, "doanh nghiệp"),
    "14": (">=", 3, None, None, None, "doanh nghiệp"),
    "15": (">", 40, None, None, None, "%"),
    "16": ("range", None, 40, 45, None, "%"),
    "17": ("=", 100, None, None, None, "%"),
    "18": ("range", None, 45, 50, None, "%"),
    "19": ("range", None, 70, 75, None, "%"),
    "20": (">=", 43.5, None, None, None, "%"),
    "21.1": ("rank<=", 5, None, None, 3, None),
    "21.2": ("rank<=", 5, None, None, 3, None),
    "21.3": ("rank<=", 5, None, None, 3, None),
    "21.4": ("rank<=", 5, None, None, 3, None),
    "22.1": ("=", 80, None, None, None, "%"),
    "22.2": ("=", 50, None, None, None, "%"),
    "23": ("=", 55, None, None, None, "%"),
    "24": ("=", 80, None, None, None, "%"),
    "25": ("range", None, 62, 63, None, "%"),
    "26": ("=", 0.8, None, None, None, None),
    "27": ("~", 32900, None, None, None, "căn"),
    "28.1": ("=", 100, None, None, None, "%"),
    "28.2": (">=", 1, None, None, None, "nhà máy"),
    "29": (">=", 40, None, None, None, "%"),
    "30": ("~", 55, None, None, None, "%"),
    "31": ("range", None, 25, 30, None, "tiểu đội"),
    "32.1": (">", 80, None, None, None, "%"),
    "32.2": (">", 95, None, None, None, "%"),
    "33": ("=", 10, None, None, None, "%"),
    "34": ("=", 19, None, None, None, "người/vạn dân"),
    "35": ("=", 21.5, None, None, None, "km"),
}


@cache
def seed() -> dict[str, Any]:
    return parse_plan_file(SEED).to_dict()


def targets() -> dict[str, dict[str, Any]]:
    return {t["ref"]: t for t in seed()["targets"]}


def numbered() -> list[dict[str, Any]]:
    return [t for t in seed()["targets"] if "-" not in t["ref"]]


def test_35_numbered_items_give_51_rows() -> None:
    rows = numbered()
    assert len(rows) == 51
    assert {r["ref"].split(".")[0] for r in rows} == {str(n) for n in range(1, 36)}


def test_single_figure_items_are_n_and_multi_figure_items_n_1_to_n_k() -> None:
    by_item: dict[str, list[str]] = {}
    for row in numbered():
        by_item.setdefault(row["ref"].split(".")[0], []).append(row["ref"])
    for item, refs in by_item.items():
        if len(refs) == 1:
            assert refs == [item]
        else:
            assert refs == [f"{item}.{i}" for i in range(1, len(refs) + 1)]


def test_every_figure_exactly_as_written() -> None:
    got = {
        t["ref"]: (t["comparator"], t["value"], t["low"], t["high"], t["stretch"], t["unit"])
        for t in numbered()
    }
    assert got == EXPECTED_ROWS


def test_thousands_separator_11_247_usd_per_person() -> None:
    row = targets()["2"]
    assert row["value"] == 11247 and isinstance(row["value"], int)
    assert row["unit"] == "USD/người"


def test_equivalent_2_4_trieu_ty_dong_is_its_own_row_with_the_restated_comparator() -> None:
    rows = targets()
    assert rows["5.2"]["value"] == 2.4
    assert rows["5.2"]["unit"] == "triệu tỷ đồng"
    assert rows["5.2"]["comparator"] == rows["5.1"]["comparator"] == "~"


def test_range_15_5_to_16_5_percent_a_year() -> None:
    row = targets()["4.1"]
    assert (row["comparator"], row["value"], row["low"], row["high"]) == ("range", None, 15.5, 16.5)
    assert row["unit"] == "%/năm"
    assert row["kind"] == "growth_avg"


def test_top_5_strive_top_3_is_rank_with_stretch_for_each_index() -> None:
    rows = [targets()[f"21.{i}"] for i in range(1, 5)]
    assert [r["label"] for r in rows] == ["DTI", "PCI", "PAR Index", "PGI"]
    for row in rows:
        assert (row["kind"], row["comparator"], row["value"], row["stretch"]) == (
            "rank",
            "rank<=",
            5,
            3,
        )


def test_base_figure_and_strive_figure_are_one_row() -> None:
    row = targets()["1.1"]
    assert (row["comparator"], row["value"], row["stretch"]) == (">=", 13, 14)


def test_strive_typo_alone_is_the_value_not_a_stretch() -> None:
    # "(7) Kim ngạch xuất khẩu phần đầu … đạt 75 tỷ USD trở lên": no base figure before it.
    row = targets()["7"]
    assert (row["value"], row["stretch"], row["comparator"]) == (75, None, ">=")


def test_parenthesised_count_55_of_67_is_not_a_row() -> None:
    rows = [t for t in numbered() if t["ref"].startswith("22")]
    assert [r["value"] for r in rows] == [80, 50]
    assert all(t["value"] not in (55, 67, 34) for t in rows)


def test_years_are_never_values() -> None:
    assert all(t["value"] not in (2020, 2026, 2030) for t in seed()["targets"])
    assert targets()["20"]["base_year"] == 2020
    assert targets()["2"]["year"] == 2030


def test_numbered_targets_are_the_citys_reference_targets() -> None:
    assert {t["scope"] for t in numbered()} == {"reference"}


def test_own_target_I_1_a_local_growth_at_least_10_percent_a_year() -> None:
    row = targets()["I.1-a"]
    assert (row["comparator"], row["value"], row["unit"], row["scope"]) == (
        ">=",
        10,
        "%/năm",
        "own",
    )
    assert row["kind"] == "growth_avg"


def test_own_target_III_3_a_all_civil_servants_proficient_on_digital_platforms() -> None:
    row = targets()["III.3-a"]
    assert (row["comparator"], row["value"], row["unit"], row["scope"]) == ("=", 100, "%", "own")


def test_figureless_prose_target_is_one_qualitative_row() -> None:
    qualitative = [t for t in seed()["targets"] if t["kind"] == "qualitative"]
    assert [t["ref"] for t in qualitative] == ["II.2.3-a"]
    assert qualitative[0]["value"] is None and qualitative[0]["low"] is None


def test_prose_restatements_of_the_citys_targets_are_not_emitted_again() -> None:
    prose = [t["ref"] for t in seed()["targets"] if "-" in t["ref"]]
    assert prose == ["I.1-a", "II.2.3-a", "III.3-a"]


def test_three_coverage_thresholds() -> None:
    got = [(c["group"], c["comparator"], c["value"]) for c in seed()["coverage_targets"]]
    assert got == [("key_cadres", "=", 100), ("party_members", ">", 95), ("union_members", ">", 90)]
    assert [c["audience"] for c in seed()["coverage_targets"]] == [
        "cán bộ chủ chốt",
        "đảng viên",
        "đoàn viên, hội viên",
    ]


def test_media_rule_two_items_a_week_over_radio_and_digital_platforms() -> None:
    assert seed()["media_rules"] == [
        {"min_items": 2, "per": "week", "channels": ["radio", "website", "social", "zalo"]}
    ]


def test_deadlines_10_june_and_end_of_q2_2026() -> None:
    assert sorted(d["due"] for d in seed()["deadlines"]) == ["2026-06-10", "2026-06-30"]


@pytest.mark.parametrize(
    ("section", "assignee", "kind", "count"),
    [
        ("IV.1", "Ban Thường vụ Đảng ủy xã", "standing_committee", 2),
        ("IV.2", "Ban Xây dựng Đảng", "party_building_board", 4),
        ("IV.3", "Văn phòng Đảng ủy", "party_office", 3),
        ("IV.4", "Ủy ban nhân dân xã", "peoples_committee", 8),
        ("IV.5", "Ủy ban MTTQ và các tổ chức chính trị - xã hội", "front_and_mass_orgs", 2),
        ("IV.6", "Các tổ chức đảng trực thuộc", "party_orgs", 6),
    ],
)
def test_duties_of_each_body_of_section_IV(
    section: str, assignee: str, kind: str, count: int
) -> None:
    tasks = [t for t in seed()["tasks"] if t["section"] == section]
    assert len(tasks) == count  # one task per paragraph of duties
    assert {(t["assignee"], t["assignee_kind"]) for t in tasks} == {(assignee, kind)}


def test_header_blanks_give_null_and_a_partial_date() -> None:
    plan = seed()
    assert plan["number"] is None
    assert plan["date"] is None
    assert plan["date_partial"] == "2026-05"
    assert (plan["symbol"], plan["doc_type"]) == ("KH/ĐU", "KH")
    assert plan["superior"] == "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"
    assert plan["issuer"] == "ĐẢNG ỦY XÃ TÂN KỲ"
    assert plan["place"] == "Tân Kỳ"
    assert plan["title"].startswith("tuyên truyền, quán triệt và triển khai thực hiện")


def test_solution_groups_follow_the_misnumbering() -> None:
    assert [s["ref"] for s in seed()["solutions"]] == [f"II.2.{i}" for i in range(1, 7)]
    assert seed()["solutions"][5]["title"].startswith("Tăng cường công tác kiểm tra")
    assert any("2.6" in w for w in seed()["warnings"])


def test_five_audiences() -> None:
    groups = [a["group"] for a in seed()["audiences"]]
    assert groups == ["party_members", "union_members", "key_cadres", "public", "public"]


def test_sentence_broken_across_a_blank_line_is_joined() -> None:
    row = targets()["4.3"]
    assert "tỷ trọng giá trị sản phẩm" in row["text"]
    assert row["source"]["line"] == 66


def test_everything_in_the_seed_is_understood() -> None:
    assert seed()["unparsed"] == []


def test_contract_keys_exactly() -> None:
    plan = seed()
    assert list(plan) == [
        "superior",
        "issuer",
        "doc_type",
        "symbol",
        "number",
        "place",
        "date",
        "date_partial",
        "title",
        "targets",
        "coverage_targets",
        "solutions",
        "audiences",
        "tasks",
        "deadlines",
        "media_rules",
        "unparsed",
        "warnings",
    ]
    assert set(plan["targets"][0]) == {
        "ref",
        "text",
        "label",
        "kind",
        "comparator",
        "value",
        "low",
        "high",
        "stretch",
        "unit",
        "year",
        "base_year",
        "direction",
        "scope",
        "confidence",
        "source",
        "bounds",  # added by issue 16: "[]" unless a range says otherwise
    }
    assert set(plan["tasks"][0]) == {"assignee", "assignee_kind", "section", "text", "due"}
    assert set(plan["deadlines"][0]) == {"text", "due", "recurrence"}
