"""Issue 16: the parser against a hand-written corpus of plans unlike the seed.

Each plan of ``corpus/`` (text, BOM + CRLF text, .docx with a targets table and Word
numbering, PDF with a text layer) has a ``<file>.golden.json`` written by hand from what the
plan says. A golden target is matched to the parsed row of the same ``ref`` and counts when
every field the golden gives agrees (numbers as ``Decimal``; a field absent from the golden is
not checked; keys starting with "_" are notes). Coverage thresholds, deadlines and media
rules are matched one to one on the fields they give. Each file prints a score line; the test
asserts that everything matched and that no target row beyond the golden was emitted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pypdf
import pytest

from trienkhai.plans.parser import parse_plan_file
from trienkhai.plans.parser.result import BOUNDS, COMPARATORS, GROUPS, KINDS, PERIODS, RECURRENCES

CORPUS = Path(__file__).resolve().parent / "corpus"
PLANS = sorted(
    p.name
    for p in CORPUS.iterdir()
    if p.suffix in {".txt", ".docx", ".pdf"} and not p.name.endswith(".source.txt")
)

TARGET_FIELDS = (
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
    "bounds",
)
NUMBER_FIELDS = {"value", "low", "high", "stretch"}
LISTS: dict[str, tuple[str, ...]] = {
    "coverage_targets": ("group", "comparator", "value"),
    "deadlines": ("due", "recurrence"),
    "media_rules": ("min_items", "per"),
}


def golden(name: str) -> dict[str, Any]:
    return json.loads((CORPUS / f"{name}.golden.json").read_text(encoding="utf-8"))


@cache
def parsed(name: str) -> dict[str, Any]:
    return parse_plan_file((CORPUS / name).read_bytes(), name).to_dict()


def _same(key: str, want: Any, got: Any) -> bool:
    if key in NUMBER_FIELDS:
        if want is None or got is None:
            return want is None and got is None
        return Decimal(str(want)) == Decimal(str(got))
    return want == got


def _checked(row: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_") and k in allowed}


@dataclass
class Score:
    name: str
    matched: int = 0
    expected: int = 0
    extra_targets: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    parts: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # matched, expected, extra

    def line(self) -> str:
        shown = ", ".join(f"{part} {m}/{n} (+{x})" for part, (m, n, x) in self.parts.items())
        return f"{self.name}: {self.matched}/{self.expected} matched; {shown}"


def _score_targets(
    score: Score, want_rows: list[dict[str, Any]], got_rows: list[dict[str, Any]]
) -> None:
    by_ref = {row["ref"]: row for row in got_rows}
    matched = 0
    for want in want_rows:
        got = by_ref.get(want["ref"])
        if got is None:
            score.problems.append(f"target {want['ref']}: missing")
            continue
        diffs = [
            f"{k} {got.get(k)!r} ≠ {v!r}"
            for k, v in _checked(want, TARGET_FIELDS).items()
            if not _same(k, v, got.get(k))
        ]
        if diffs:
            score.problems.append(f"target {want['ref']}: " + "; ".join(diffs))
        else:
            matched += 1
    wanted = {row["ref"] for row in want_rows}
    score.extra_targets = [row["ref"] for row in got_rows if row["ref"] not in wanted]
    score.parts["targets"] = (matched, len(want_rows), len(score.extra_targets))
    score.matched += matched
    score.expected += len(want_rows)


def _score_list(
    score: Score, part: str, want_rows: list[dict[str, Any]], got_rows: list[Any]
) -> None:
    fields = LISTS[part]
    unused = list(got_rows)
    matched = 0
    for want in want_rows:
        checked = _checked(want, fields)
        hit = next(
            (g for g in unused if all(_same(k, v, g.get(k)) for k, v in checked.items())), None
        )
        if hit is None:
            score.problems.append(f"{part}: no {checked}")
        else:
            unused.remove(hit)
            matched += 1
    score.parts[part] = (matched, len(want_rows), len(unused))
    score.matched += matched
    score.expected += len(want_rows)


def score_of(name: str) -> Score:
    want, got = golden(name), parsed(name)
    score = Score(name)
    _score_targets(score, want["targets"], got["targets"])
    for part in LISTS:
        _score_list(score, part, want[part], got[part])
    return score


def test_the_corpus_has_seven_plans_of_every_kind_each_with_its_golden() -> None:
    assert len(PLANS) >= 7
    assert {Path(p).suffix for p in PLANS} == {".txt", ".docx", ".pdf"}
    for name in PLANS:
        assert (CORPUS / f"{name}.golden.json").is_file(), name


@pytest.mark.parametrize("name", PLANS)
def test_golden_rows_use_the_contract_vocabulary(name: str) -> None:
    plan = golden(name)
    refs = [row["ref"] for row in plan["targets"]]
    assert len(refs) == len(set(refs)), "a ref appears twice"
    for row in plan["targets"]:
        assert set(_checked(row, TARGET_FIELDS)) == set(TARGET_FIELDS), row["ref"]
        assert row["kind"] in KINDS and row["comparator"] in COMPARATORS, row["ref"]
        assert row["bounds"] in BOUNDS and row["direction"] in ("increase", "decrease")
        assert row["scope"] in ("own", "reference")
        if row["comparator"] == "range":
            assert row["value"] is None and row["low"] < row["high"], row["ref"]
        else:
            assert row["bounds"] == "[]", row["ref"]
    assert all(c["group"] in GROUPS for c in plan["coverage_targets"])
    assert all(d["recurrence"] in (None, *RECURRENCES) for d in plan["deadlines"])
    assert all(m["per"] in PERIODS for m in plan["media_rules"])


def test_the_built_files_are_what_they_claim() -> None:
    assert (CORPUS / "bom_crlf.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    raw = (CORPUS / "bom_crlf.txt").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 40
    reader = pypdf.PdfReader(CORPUS / "ke_hoach_pdf.pdf")
    layer = "".join(page.extract_text() for page in reader.pages)
    assert "ĐẢNG ỦY PHƯỜNG HẠ LONG" in layer and "định danh điện tử" in layer
    data = (CORPUS / "phuong_docx_table.docx").read_bytes()
    assert data.startswith(b"PK")


@pytest.mark.parametrize("name", PLANS)
def test_parser_reads_the_plan_as_its_golden_says(name: str) -> None:
    score = score_of(name)
    print(score.line())
    report = "\n".join([score.line(), *score.problems])
    if score.extra_targets:
        report += f"\nextra target rows: {', '.join(score.extra_targets)}"
    assert score.matched == score.expected and not score.extra_targets, report
