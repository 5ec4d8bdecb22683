"""The same plan saved with other line endings, a byte-order mark or decomposed accents gives
the same targets, coverage, deadlines and rules: how a file was saved never changes a plan."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any, Literal

from hypothesis import given, settings
from hypothesis import strategies as st

from trienkhai.plans.parser import parse_plan_file

# The project's own copy of the seed plan (the demo imports it too).
SEED_TEXT = (Path(__file__).resolve().parents[1] / "demo_data" / "ke_hoach_tan_ky.txt").read_text(
    encoding="utf-8"
)
REFERENCE = parse_plan_file(SEED_TEXT.encode("utf-8"), "ke_hoach.txt").to_dict()


def _what_counts(plan: dict[str, Any]) -> dict[str, Any]:
    return {
        key: plan[key]
        for key in ("targets", "coverage_targets", "deadlines", "media_rules", "tasks", "title")
    }


@settings(max_examples=12, deadline=None)
@given(
    newline=st.sampled_from(["\n", "\r\n", "\r", "\u2028"]),
    bom=st.sampled_from(["", "utf-8-sig", "utf-16"]),
    form=st.sampled_from(["NFC", "NFD"]),
    trailing=st.sampled_from(["", " ", "\t"]),
)
def test_how_a_file_is_saved_never_changes_the_plan(
    newline: str, bom: str, form: Literal["NFC", "NFD"], trailing: str
) -> None:
    text = unicodedata.normalize(form, SEED_TEXT)
    text = newline.join(line + trailing for line in text.split("\n"))
    data = text.encode(bom or "utf-8")
    plan = parse_plan_file(data, "ke_hoach.txt").to_dict()
    assert _what_counts(plan) == _what_counts(REFERENCE)
    # The seed's 35 numbered items → 51 rows (prose targets, refs with "-", besides).
    assert len([t for t in plan["targets"] if "-" not in t["ref"]]) == 51
