"""The demo's 2026 round of Tân Kỳ: a card for every scored unit, computed from the other
demos, bands for the party organisations only, one override with its reason, left unsigned;
loading again changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from trienkhai.emulation import counting
from trienkhai.emulation.models import Scorecard, ScoreRound
from trienkhai.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any, monkeypatch: pytest.MonkeyPatch) -> ScoreRound:
    monkeypatch.setenv("TRIENKHAI_DEMO_PASSWORD", "Demo-thi-dua-2026")
    call_command("load_demo", verbosity=0)
    return ScoreRound.objects.get(org_unit__code="tan-ky", year=2026)


def _cards(round_: ScoreRound) -> dict[str, tuple[Any, ...]]:
    return {
        c.org_unit.code: (c.score, c.band_suggested, c.band_final, c.rank_in_group, c.version)
        for c in round_.cards.select_related("org_unit")
    }


def test_the_round_scores_every_unit_bands_party_orgs_and_is_left_open(demo: ScoreRound) -> None:
    assert demo.computed_at is not None and demo.counted_to is not None
    assert not demo.signed
    assert ScoreRound.objects.count() == 1  # no 2025 round: the demo records nothing then
    scored = counting.scored_units(demo.org_unit, demo.counted_to)
    cards = list(demo.cards.select_related("org_unit"))
    assert sorted(c.org_unit_id for c in cards) == sorted(u.pk for u in scored)
    # The Văn phòng, the Ban Xây dựng Đảng, the UBKT are not scored; the chi bộ, UBND, MTTQ are.
    kinds = {c.kind for c in cards}
    assert {OrgUnit.Kind.PARTY_CELL, OrgUnit.Kind.PEOPLES_COMMITTEE, OrgUnit.Kind.FRONT} <= kinds
    # Figures from the other demos, not all zero.
    assert any(0 < c.score < 100 for c in cards) and any(c.score == 100 for c in cards)
    # Bands of 366-QĐ/TW for the party organisations only.
    not_party = [c for c in cards if c.kind not in OrgUnit.PARTY_ORG_KINDS]
    assert all(c.band_suggested is None and c.band_final is None for c in not_party)
    cells = [c for c in cards if c.kind == OrgUnit.Kind.PARTY_CELL]
    assert all(c.band_suggested for c in cells)
    assert len({c.band_suggested for c in cells}) >= 2


def test_one_override_with_its_reason_and_a_second_load_changes_nothing(
    demo: ScoreRound,
) -> None:
    overridden = list(demo.cards.filter(band_override__isnull=False).select_related("org_unit"))
    assert len(overridden) == 1
    card = overridden[0]
    assert card.kind == OrgUnit.Kind.PARTY_CELL
    assert card.band_final == card.band_override != card.band_capped
    assert card.override_reason.strip()
    assert card.overridden_by is not None and card.overridden_by.username == "vanphong"
    assert card.overridden_at is not None

    before = _cards(demo)
    computed_at = demo.computed_at

    call_command("load_demo", verbosity=0)

    again = ScoreRound.objects.get(pk=demo.pk)
    assert again.computed_at == computed_at
    assert Scorecard.objects.count() == len(before)
    assert _cards(again) == before
