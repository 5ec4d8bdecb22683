"""The figures of a report form: defined once, by the module that knows them, and used for
the unit's form (prefilled), the rollup of many units' reports and the exports.

A module registers a provider that, for a `SummaryScope` (a unit's subtree, a plan, a data
window), returns its figures with the system's value as of the window's end:

    from trienkhai.documents.figures import Figure, register_report_figures

    @register_report_figures
    def study_figures(scope: SummaryScope) -> list[Figure]: ...

Figures are stored with the report as plain dicts (`figure_to_dict`), so a report keeps the
labels it was written with even when the plan changes later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from trienkhai.documents.summary import SummaryScope

__all__ = [
    "FIGURE_PROVIDERS",
    "Figure",
    "FigureValue",
    "figure_from_dict",
    "figure_to_dict",
    "parse_value",
    "register_report_figures",
    "report_figures",
    "value_to_json",
]

FigureValue = int | Decimal | None


@dataclass(frozen=True)
class Figure:
    """One figure of the form: "Đảng viên đã học tập, quán triệt" = 2.909 (đảng viên).

    ``section`` is a summary section key (``study``, ``propaganda``, ``programmes``,
    ``targets``) and groups the form; ``group`` is the sub-heading inside it ("Đảng viên").
    ``at_most`` names the figure this one may not exceed (attendees ≤ headcount); an
    ``additive`` figure is summed over units (a target's value is not); an ``integer``
    figure is a count, the others carry decimals (15,5)."""

    key: str
    section: str
    label: str
    value: FigureValue
    unit: str = ""
    group: str = ""
    at_most: str = ""
    additive: bool = True
    integer: bool = True


FigureProvider = Callable[[SummaryScope], list[Figure]]
FIGURE_PROVIDERS: list[FigureProvider] = []


def register_report_figures(provider: FigureProvider) -> FigureProvider:
    if provider not in FIGURE_PROVIDERS:
        FIGURE_PROVIDERS.append(provider)
    return provider


def report_figures(scope: SummaryScope) -> list[Figure]:
    """Every module's figures for ``scope``, in registration order."""
    return [figure for provider in FIGURE_PROVIDERS for figure in provider(scope)]


def value_to_json(value: FigureValue) -> int | str | None:
    """Counts as JSON numbers; decimals as strings, so 15,5 stays exactly 15,5."""
    if value is None or isinstance(value, int):
        return value
    # Fixed notation, no trailing zeros: Decimal("6100.000000") is "6100", never "6.1E+3".
    return format(value.normalize(), "f")


def parse_value(raw: Any, *, integer: bool = True) -> FigureValue:
    """A stored or typed value back as a number; "" and None are no value.

    Typed Vietnamese forms are read: "1.250" (thousands) and "15,5" (decimal comma)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return raw
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif "." in text and all(len(p) == 3 and p.isdigit() for p in text.split(".")[1:]):
        # "1.250" is one thousand two hundred and fifty, as format_number writes it.
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not number.is_finite():
        raise ValueError(raw)
    if integer:
        if number != number.to_integral():
            raise ValueError(raw)
        return int(number)
    return number


def figure_to_dict(figure: Figure) -> dict[str, Any]:
    out = asdict(figure)
    out["value"] = value_to_json(figure.value)
    return out


def figure_from_dict(raw: Mapping[str, Any]) -> Figure:
    integer = bool(raw.get("integer", True))
    return Figure(
        key=str(raw["key"]),
        section=str(raw.get("section", "")),
        label=str(raw.get("label", raw["key"])),
        value=parse_value(raw.get("value"), integer=integer),
        unit=str(raw.get("unit", "")),
        group=str(raw.get("group", "")),
        at_most=str(raw.get("at_most", "")),
        additive=bool(raw.get("additive", True)),
        integer=integer,
    )
