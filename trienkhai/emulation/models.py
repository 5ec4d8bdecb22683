"""Emulation (thi đua): the plan scorecard of each unit for a year, and the commendations the
committee proposes.

A `ScoreRound` is one committee's year of scoring (kỳ bình xét): the weights of the criteria,
the bonus and penalty points and the cap on "xuất sắc", all set by its office. Its
`Scorecard`s — one per unit under the committee that is scored (the party organisations,
UBND, MTTQ and the mass organisations) — hold what was counted, the points, the band of
366-QĐ/TW suggested for a party organisation (tham khảo), the band after the cap, and the
office's override with its reason. Signing the round off freezes every scorecard: later data
never changes a signed one. `Commendation`s are the proposals (tập thể or cá nhân) listed in
the committee's tờ trình, numbered in its register.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trienkhai.core.models import TimeStamped, acting_user, unit_audit_data
from trienkhai.emulation.rules import BANDS, CRITERIA, DEFAULT_WEIGHTS
from trienkhai.orgs.models import OrgUnit, owning_unit
from trienkhai.orgs.scoping import UnitScopedQuerySet

# The units a committee scores: its party organisations and the bodies of the political system
# under it; its own advisory bodies (Văn phòng, Ban Xây dựng Đảng, UBKT…) are not scored.
SCORED_KINDS = (
    OrgUnit.Kind.PARTY_CELL,
    OrgUnit.Kind.PARTY_SUBCOMMITTEE,
    OrgUnit.Kind.PEOPLES_COMMITTEE,
    OrgUnit.Kind.FRONT,
    OrgUnit.Kind.MASS_ORG,
)


class Band(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    FULFILLED = "fulfilled", _("Hoàn thành nhiệm vụ")
    UNFULFILLED = "unfulfilled", _("Không hoàn thành nhiệm vụ")


assert tuple(Band.values) == BANDS


def _default_weights() -> dict[str, int]:
    return dict(DEFAULT_WEIGHTS)


class RoundQuerySet(UnitScopedQuerySet["ScoreRound"]):
    # A committee's scoring is read by the units it scores (each sees its own row's place).
    pass


class ScoreRound(TimeStamped):
    class State(models.TextChoices):
        DRAFT = "draft", _("Đang chấm")
        SIGNED = "signed", _("Đã ký duyệt")

    org_unit = owning_unit(_("đảng bộ"), related_name="score_rounds")
    year = models.PositiveSmallIntegerField(_("năm"))
    weights = models.JSONField(_("trọng số các tiêu chí"), default=_default_weights)
    bonus_per_practice = models.DecimalField(
        _("điểm cộng mỗi mô hình hay được công nhận"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(2),
    )
    bonus_max = models.DecimalField(
        _("điểm cộng tối đa"), max_digits=4, decimal_places=2, default=Decimal(5)
    )
    penalty_per_violation = models.DecimalField(
        _("điểm trừ mỗi vi phạm qua kiểm tra"), max_digits=4, decimal_places=2, default=Decimal(5)
    )
    cap_percent = models.PositiveSmallIntegerField(
        _("tỉ lệ xuất sắc tối đa (% số hoàn thành tốt trở lên)"), default=20
    )
    state = models.CharField(
        _("tình trạng"), max_length=8, choices=State.choices, default=State.DRAFT
    )
    computed_at = models.DateTimeField(_("tính điểm lúc"), null=True, blank=True)
    counted_to = models.DateField(_("số liệu tính đến ngày"), null=True, blank=True)
    signed_by = acting_user(blank=True)
    signed_at = models.DateTimeField(_("ký duyệt lúc"), null=True, blank=True)
    proposal = models.OneToOneField(
        "documents.OfficialDocument",
        verbose_name=_("tờ trình đề nghị khen thưởng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="score_round",
    )
    version = models.PositiveIntegerField(default=1)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ bình xét thi đua")
        verbose_name_plural = _("kỳ bình xét thi đua")
        ordering = ["-year", "org_unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year"], name="score_round_once_a_year"),
            models.CheckConstraint(condition=Q(cap_percent__lte=100), name="score_round_cap"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit.name} — {self.year}"

    @property
    def signed(self) -> bool:
        return self.state == self.State.SIGNED

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class ScorecardQuerySet(UnitScopedQuerySet["Scorecard"]):
    # The committee that scores reads every card of its round; a unit reads its own.
    shared_with = ("round__org_unit",)

    def addressed_down(self) -> Q | None:
        return None


class Scorecard(TimeStamped):
    round = models.ForeignKey(ScoreRound, on_delete=models.CASCADE, related_name="cards")
    org_unit = owning_unit(_("đơn vị"), related_name="scorecards")
    kind = models.CharField(_("loại đơn vị"), max_length=24, choices=OrgUnit.Kind.choices)
    # Criterion → [good, counted], as counted when the card was last computed.
    criteria = models.JSONField(_("tiêu chí"), default=dict)
    practices = models.PositiveSmallIntegerField(_("mô hình hay được công nhận"), default=0)
    violations = models.PositiveSmallIntegerField(_("vi phạm qua kiểm tra"), default=0)
    base = models.DecimalField(_("điểm tiêu chí"), max_digits=5, decimal_places=2)
    bonus = models.DecimalField(_("điểm cộng"), max_digits=5, decimal_places=2, default=0)
    penalty = models.DecimalField(_("điểm trừ"), max_digits=5, decimal_places=2, default=0)
    score = models.DecimalField(_("điểm thực hiện Kế hoạch"), max_digits=5, decimal_places=2)
    # The bands of 366-QĐ/TW, for party organisations only (null for UBND, MTTQ, mass orgs).
    conditions = models.JSONField(_("điều kiện các mức"), default=list)
    band_suggested = models.CharField(
        _("mức gợi ý (tham khảo)"), max_length=12, choices=Band.choices, null=True, blank=True
    )
    band_capped = models.CharField(
        _("mức sau tỉ lệ"), max_length=12, choices=Band.choices, null=True, blank=True
    )
    cap_note = models.TextField(_("lý do theo tỉ lệ"), blank=True)
    tie_break = models.TextField(_("xếp thứ tự"), blank=True)
    rank_in_group = models.PositiveSmallIntegerField(_("thứ hạng trong nhóm"), default=0)
    band_override = models.CharField(
        _("mức văn phòng đề xuất"), max_length=12, choices=Band.choices, null=True, blank=True
    )
    override_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    overridden_by = acting_user(blank=True)
    overridden_at = models.DateTimeField(_("điều chỉnh lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScorecardQuerySet.as_manager()

    class Meta:
        verbose_name = _("điểm thực hiện Kế hoạch")
        verbose_name_plural = _("điểm thực hiện Kế hoạch")
        ordering = ["round", "kind", "rank_in_group", "org_unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "org_unit"], name="scorecard_once_a_round"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="scorecard_score_range"
            ),
            models.CheckConstraint(
                condition=Q(band_override__isnull=True) | ~Q(override_reason=""),
                name="scorecard_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit.name}: {self.score}"

    @property
    def band_final(self) -> str | None:
        return self.band_override or self.band_capped

    def get_band_final_display(self) -> str:
        final = self.band_final
        return str(Band(final).label) if final else ""

    @property
    def cells(self) -> list[tuple[int, int]]:
        """(good, counted) of each criterion, in the order of `rules.CRITERIA`."""
        return [(int(g), int(n)) for g, n in (self.criteria.get(k, (0, 0)) for k in CRITERIA)]

    @property
    def has_data(self) -> bool:
        """Anything counted for the unit at all (else its 0 says "no data", not "failed")."""
        return any(counted for _good, counted in self.cells)

    @property
    def party_org(self) -> bool:
        return self.kind in OrgUnit.PARTY_ORG_KINDS

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)


class CommendationQuerySet(UnitScopedQuerySet["Commendation"]):
    def addressed_down(self) -> Q | None:
        return None


class Commendation(TimeStamped):
    """One proposal of the committee's tờ trình: a collective (a unit) or a person."""

    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("Tập thể")
        INDIVIDUAL = "individual", _("Cá nhân")

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Giấy khen của Ban Chấp hành Đảng bộ xã")
        CITY = "city", _("Bằng khen của Ban Thường vụ Thành ủy")

    round = models.ForeignKey(ScoreRound, on_delete=models.CASCADE, related_name="commendations")
    org_unit = owning_unit(_("đảng bộ đề nghị"), related_name="commendations")
    kind = models.CharField(_("đối tượng"), max_length=12, choices=Kind.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("tập thể, đơn vị công tác"),
        on_delete=models.PROTECT,
        related_name="commended",
    )
    person = models.CharField(_("họ và tên, chức vụ"), max_length=200, blank=True)
    reason = models.TextField(_("thành tích"))
    level = models.CharField(
        _("hình thức khen thưởng"), max_length=12, choices=Level.choices, default=Level.COMMUNE
    )
    scorecard = models.ForeignKey(
        Scorecard,
        verbose_name=_("điểm thực hiện Kế hoạch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    practice = models.ForeignKey(
        "opinion.GoodPractice",
        verbose_name=_("mô hình hay"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = acting_user(blank=True)

    objects = CommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["round", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="collective") | ~Q(person=""), name="commendation_person_named"
            ),
        ]

    def __str__(self) -> str:
        return self.person or self.unit.name

    def get_additional_data(self) -> dict[str, Any]:
        return unit_audit_data(self.org_unit)
