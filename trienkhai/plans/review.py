"""The review screen's bridge between the parser's draft and the formsets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import QueryDict

from trienkhai.plans.forms import (
    CoverageFormSet,
    DeadlineFormSet,
    DutyFormSet,
    PlanHeaderForm,
    TargetFormSet,
)

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
)


class Review:
    """All the forms of one review screen, bound or not."""

    def __init__(self, draft_data: dict[str, Any], post: QueryDict | None = None) -> None:
        self.draft = draft_data
        self.header = PlanHeaderForm(post, initial=self._header_initial(), prefix="h")
        self.targets = TargetFormSet(post, initial=self._target_initial(), prefix="t")
        self.duties = DutyFormSet(post, initial=self._duty_initial(), prefix="d")
        self.deadlines = DeadlineFormSet(
            post, initial=draft_data.get("deadlines") or [], prefix="m"
        )
        self.coverage = CoverageFormSet(
            post, initial=draft_data.get("coverage_targets") or [], prefix="c"
        )

    def _header_initial(self) -> dict[str, Any]:
        d = self.draft
        return {
            k: d.get(k)
            for k in ("superior", "issuer", "number", "symbol", "place", "date", "title")
        }

    def _target_initial(self) -> list[dict[str, Any]]:
        rows = []
        for row in self.draft.get("targets") or []:
            initial = {k: row.get(k) for k in TARGET_KEYS}
            source = row.get("source") or {}
            initial.update(
                keep=True, source_line=source.get("line"), source_text=source.get("text")
            )
            rows.append(initial)
        return rows

    def _duty_initial(self) -> list[dict[str, Any]]:
        return [{**row, "keep": True} for row in self.draft.get("tasks") or []]

    @property
    def forms(self) -> list[Any]:
        return [self.header, self.targets, self.duties, self.deadlines, self.coverage]

    def is_valid(self) -> bool:
        # A list, not a generator: every form must be validated to show all its errors.
        return all([f.is_valid() for f in self.forms])  # noqa: C419

    def rows(self) -> list[tuple[Any, dict[str, Any]]]:
        """Each target form beside its source sentence, for the template."""
        return list(zip(self.targets.forms, self._target_initial(), strict=False))

    def cleaned(self) -> dict[str, Any]:
        """The corrected draft, in the contract's shape, for `plan_save_from_draft`."""
        data = dict(self.draft)
        data.update(self.header.cleaned_data)
        data["targets"] = [
            {
                **{k: _plain(f.cleaned_data.get(k)) for k in TARGET_KEYS},
                "source": {
                    "line": f.cleaned_data.get("source_line"),
                    "text": f.cleaned_data.get("source_text") or "",
                },
            }
            for f in self.targets.forms
            if f.cleaned_data.get("keep")
        ]
        data["tasks"] = [
            {
                k: _plain(f.cleaned_data.get(k))
                for k in ("assignee", "assignee_kind", "section", "text", "due")
            }
            for f in self.duties.forms
            if f.cleaned_data.get("keep")
        ]
        data["deadlines"] = [
            {"text": f.cleaned_data["text"], "due": f.cleaned_data["due"]}
            for f in self.deadlines.forms
            if f.cleaned_data.get("keep")
        ]
        data["coverage_targets"] = [
            {k: _plain(f.cleaned_data.get(k)) for k in ("audience", "group", "comparator", "value")}
            for f in self.coverage.forms
            if f.cleaned_data.get("keep")
        ]
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value
    return value
