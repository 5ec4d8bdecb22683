"""A numbered line of a plan: every stage works on these, so a figure always traces back to
the line of the file it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    no: int
    text: str
