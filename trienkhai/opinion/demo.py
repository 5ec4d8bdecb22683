"""Demo opinion log of Tân Kỳ over the last three months: what eight chi bộ, the UBND and the
MTTQ heard (some answered, some being handled, some just noted; two sensitive), the false
posts rebutted on Facebook, TikTok, Zalo and YouTube, and the good models the units proposed
(two published for citizens, one proposed for commendation, one sent back).

Dates count back from today, so the demo stays right on a later day. Each row is keyed by a
stable entry token: a second run finds it and does nothing more for it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from trienkhai.core.demo import DemoContext
from trienkhai.media import selectors as media_selectors
from trienkhai.opinion import services
from trienkhai.opinion.demo_content import HEARD, MODELS, POSTS, Heard, Model, Post
from trienkhai.opinion.models import (
    GoodPractice,
    OpinionEvent,
    OpinionReport,
    Rebuttal,
    Sensitivity,
)
from trienkhai.plans.models import Plan


def _token(key: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"trienkhai-demo/opinion/{key}")


# The units of the logins that are not a chi bộ's (a chi bộ's login is its code).
UNIT_OF = {
    "ubnd": "tan-ky-ubnd",
    "mttq": "tan-ky-mttq",
    "doan": "tan-ky-doan",
    "vanphong": "tan-ky",
}


def _unit(ctx: DemoContext, login: str) -> Any:
    return ctx.units[UNIT_OF.get(login, login)]


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@dataclass(frozen=True)
class Links:
    plan: Plan | None
    solutions: dict[str, Any]
    targets: dict[str, Any]

    def solution(self, ref: str) -> Any:
        return self.solutions.get(ref) if ref else None

    def target(self, ref: str) -> Any:
        return self.targets.get(ref) if ref else None


def load(ctx: DemoContext) -> None:
    commune = ctx.commune
    plan = Plan.objects.filter(org_unit=commune, source_name="ke_hoach_tan_ky.txt").first()
    links = Links(
        plan=plan,
        solutions={s.ref: s for s in plan.solutions.all()} if plan else {},
        targets={t.ref: t for t in plan.targets.all()} if plan else {},
    )
    today = timezone.localdate()
    for heard in HEARD:
        _opinion(ctx, links, today, heard)
    for post in POSTS:
        _rebuttal(ctx, links, today, post)
    for model in MODELS:
        _practice(ctx, links, today, model)


# --- public opinion ----------------------------------------------------------------------


def _opinion(ctx: DemoContext, links: Links, today: date, heard: Heard) -> None:
    token = _token(f"report/{heard.key}")
    if OpinionReport.objects.filter(entry_token=token).exists():
        return
    noted = today - timedelta(days=heard.ago)
    data = services.OpinionInput(
        noted_on=noted,
        kind=heard.kind,
        topic=heard.topic,
        content=heard.content,
        source=heard.source,
        source_detail=heard.detail,
        people=heard.people,
        sensitivity=Sensitivity.SENSITIVE if heard.sensitive else Sensitivity.NORMAL,
        plan=links.plan,
        solution=links.solution(heard.solution),
        target=links.target(heard.target),
    )
    report = services.opinion_record(
        actor=ctx.users[heard.login], unit=_unit(ctx, heard.login), data=data, token=token
    )
    office = ctx.users["vanphong"]
    last = _at(noted)
    report.events.filter(kind=OpinionEvent.Kind.RECORDED).update(at=last)
    if heard.handling:
        report = services.opinion_take_up(
            actor=office, report=report, version=report.version, note=heard.handling
        )
        last = _at(min(noted + timedelta(days=2), today), 14)
        report.events.filter(kind=OpinionEvent.Kind.HANDLING).update(at=last)
    if heard.answer:
        after, responder, text = heard.answer
        day = min(noted + timedelta(days=after), today)
        report = services.opinion_answer(
            actor=office,
            report=report,
            version=report.version,
            response=text,
            responder=responder,
            answered_on=day,
        )
        last = _at(day, 16)
        report.events.filter(kind=OpinionEvent.Kind.ANSWERED).update(at=last)
        OpinionReport.objects.filter(pk=report.pk).update(answered_at=last)
    OpinionReport.objects.filter(pk=report.pk).update(created_at=_at(noted), updated_at=last)


# --- rebuttals -------------------------------------------------------------------------------


def _rebuttal(ctx: DemoContext, links: Links, today: date, post: Post) -> None:
    token = _token(f"rebuttal/{post.key}")
    if Rebuttal.objects.filter(entry_token=token).exists():
        return
    actor, unit = ctx.users[post.login], _unit(ctx, post.login)
    day = today - timedelta(days=post.ago)
    item = None
    if post.media is not None:
        found = media_selectors.items_for(user=actor, unit=unit, date_to=day, q=post.media)
        latest = media_selectors.items_for(user=actor, unit=unit, date_to=day)
        item = found.first() or latest.first()
    data = services.RebuttalInput(
        noted_on=day,
        platform=post.platform,
        post_summary=post.summary,
        post_link=post.link,
        media_item=item,
        rebuttal_link=post.rebuttal_link,
        comments=post.comments,
        reported=post.reported,
        plan=links.plan,
        note=post.note,
    )
    rebuttal = services.rebuttal_record(actor=actor, unit=unit, data=data, token=token)
    Rebuttal.objects.filter(pk=rebuttal.pk).update(created_at=_at(day), updated_at=_at(day))


# --- good practices --------------------------------------------------------------------------


def _practice(ctx: DemoContext, links: Links, today: date, model: Model) -> None:
    token = _token(f"practice/{model.key}")
    if GoodPractice.objects.filter(entry_token=token).exists():
        return
    proposed = today - timedelta(days=model.ago)
    data = services.PracticeInput(
        title=model.title,
        field=model.field,
        description=model.description,
        results=model.results,
        started_on=today - timedelta(days=model.started),
        plan=links.plan,
        solution=links.solution(model.solution),
        target=links.target(model.target),
        commendation=bool(model.commendation),
        commendation_reason=model.commendation,
    )
    practice = services.practice_propose(
        actor=ctx.users[model.login], unit=_unit(ctx, model.login), data=data, token=token
    )
    office = ctx.users["vanphong"]
    last = _at(proposed)
    dates: dict[str, datetime] = {"created_at": last}
    if model.review:
        recognised, note = model.review
        practice = services.practice_review(
            actor=office,
            practice=practice,
            version=practice.version,
            recognised=recognised,
            note=note,
        )
        last = dates["reviewed_at"] = _at(min(proposed + timedelta(days=5), today), 15)
    if model.public:
        title, summary = model.public
        practice = services.practice_publish(
            actor=office,
            practice=practice,
            version=practice.version,
            public_title=title,
            public_summary=summary,
        )
        last = dates["published_at"] = _at(min(proposed + timedelta(days=7), today), 10)
    GoodPractice.objects.filter(pk=practice.pk).update(updated_at=last, **dates)
