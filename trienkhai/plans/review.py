"""The review screen's bridge between the parser's draft and the formsets.

The forms start from the draft's contract JSON (what is stored on the `PlanDraft`) and give
back a corrected `ParsedPlan` for `plan_save_from_draft`; what the screen does not edit
(solutions, audiences, media rules) goes through as the parser read it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.http import QueryDict

from trienkhai.plans.forms import (
    CoverageFormSet,
    DeadlineFormSet,
    DutyFormSet,
    PlanHeaderForm,
    TargetFormSet,
)
from trienkhai.plans.parser import ParsedPlan
from trienkhai.plans.parser.result import CoverageTarget, Deadline, Source, TargetRow, Task

HEADER_KEYS = ("superior", "issuer", "number", "symbol", "place", "date", "title")
TARGET_KEYS = (
    "ref",
    "label",
    "comparator",
    "value",
    "low",
    "high",
    "stretch",
    "unit",
    "year",
    "kind",
    "scope",
    "text",
    "base_year",
    "direction",
    "confidence",
    "bounds",
)
TASK_KEYS = ("assignee", "assignee_kind", "section", "text", "due")
COVERAGE_KEYS = ("audience", "group", "comparator", "value")


class Review:
    """All the forms of one review screen, bound or not."""

    def __init__(self, draft: ParsedPlan, post: QueryDict | None = None) -> None:
        self.draft = draft
        shown = draft.to_dict()
        self.target_initial = [_target_initial(row) for row in shown["targets"]]
        self.header = PlanHeaderForm(post, initial={k: shown[k] for k in HEADER_KEYS}, prefix="h")
        self.targets = TargetFormSet(post, initial=self.target_initial, prefix="t")
        self.duties = DutyFormSet(
            post, initial=[{**row, "keep": True} for row in shown["tasks"]], prefix="d"
        )
        self.deadlines = DeadlineFormSet(post, initial=shown["deadlines"], prefix="m")
        self.coverage = CoverageFormSet(post, initial=shown["coverage_targets"], prefix="c")

    @property
    def forms(self) -> list[Any]:
        return [self.header, self.targets, self.duties, self.deadlines, self.coverage]

    def is_valid(self) -> bool:
        # A list, not a generator: every form must be validated to show all its errors.
        return all([f.is_valid() for f in self.forms])  # noqa: C419

    def rows(self) -> list[tuple[Any, dict[str, Any]]]:
        """Each target form beside its source sentence, for the template."""
        return list(zip(self.targets.forms, self.target_initial, strict=False))

    def cleaned(self) -> ParsedPlan:
        """The corrected draft, for `plan_save_from_draft`."""
        return replace(
            self.draft,
            **self.header.cleaned_data,
            targets=[
                TargetRow(
                    **{k: data[k] for k in TARGET_KEYS},
                    source=Source(data.get("source_line"), data.get("source_text") or ""),
                )
                for data in _kept(self.targets)
            ],
            tasks=[Task(**{k: data[k] for k in TASK_KEYS}) for data in _kept(self.duties)],
            deadlines=[
                Deadline(data["text"], data["due"], data.get("recurrence") or None)
                for data in _kept(self.deadlines)
            ],
            coverage_targets=[
                CoverageTarget(**{k: data[k] for k in COVERAGE_KEYS})
                for data in _kept(self.coverage)
            ],
        )


def _target_initial(row: dict[str, Any]) -> dict[str, Any]:
    source = row.get("source") or {}
    return {
        **{k: row.get(k) for k in TARGET_KEYS},
        "bounds": row.get("bounds") or "[]",
        "keep": True,
        "source_line": source.get("line"),
        "source_text": source.get("text"),
    }


def _kept(formset: forms.BaseFormSet[Any]) -> list[dict[str, Any]]:
    """The cleaned rows the office kept ("Giữ" ticked)."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data.get("keep")]
