"""What the opinion tests share: an opinion heard in chi bộ A, as its reporter writes it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from trienkhai.conftest import World
from trienkhai.opinion import services
from trienkhai.opinion.models import OpinionReport, Sensitivity


def heard(**changes: Any) -> services.OpinionInput:
    data = services.OpinionInput(
        noted_on=timezone.localdate() - timedelta(days=3),
        kind=OpinionReport.Kind.PETITION,
        topic="Đèn chiếu sáng đường thôn A hỏng",
        content="Bà con thôn A đề nghị sửa hệ thống đèn chiếu sáng trục đường chính.",
        source=OpinionReport.Source.MEETING,
        source_detail="Hội nghị thôn A",
        people=12,
    )
    return replace(data, **changes)


@pytest.fixture
def report(world: World) -> OpinionReport:
    return services.opinion_record(actor=world.reporter_a, unit=world.cell_a, data=heard())


@pytest.fixture
def sensitive(world: World) -> OpinionReport:
    return services.opinion_record(
        actor=world.reporter_a,
        unit=world.cell_a,
        data=heard(
            topic="Dư luận về việc đền bù giải phóng mặt bằng",
            content="Một số hộ cho rằng mức đền bù chưa thỏa đáng.",
            kind=OpinionReport.Kind.OPINION,
            sensitivity=Sensitivity.SENSITIVE,
        ),
    )
