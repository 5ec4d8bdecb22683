"""Which app loads its demo data when: later apps use the data of earlier ones."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from trienkhai.accounts import demo as accounts
from trienkhai.core.demo import DemoContext
from trienkhai.demo import communes, summaries
from trienkhai.dissemination import demo as dissemination
from trienkhai.documents import demo as documents
from trienkhai.emulation import demo as emulation
from trienkhai.inspections import demo as inspections
from trienkhai.media import demo as media
from trienkhai.monitoring import demo as monitoring
from trienkhai.opinion import demo as opinion
from trienkhai.orgs import demo as orgs
from trienkhai.plans import demo as plans
from trienkhai.reminders import demo as reminders
from trienkhai.reporting import demo as reporting
from trienkhai.tasks import demo as tasks

# The tree and its people first, then the plan, then what units do with it (the opinion log
# after the media log, whose news items its rebuttals point to); the documents register
# next, since it numbers what the others wrote; the city's other communes next, as they copy
# what Tân Kỳ's plan asks; the summary reports next, since they add up all of it; the
# scoring of the year at the very end, as it counts what every other app recorded.
LOADERS: tuple[ModuleType, ...] = (
    orgs,
    accounts,
    plans,
    tasks,
    monitoring,
    dissemination,
    media,
    opinion,
    documents,
    reporting,
    reminders,
    inspections,
    communes,
    summaries,
    emulation,
)


def loader_steps() -> list[tuple[str, Callable[[DemoContext], None]]]:
    """(app name, its `load`) in the order they run."""
    return [(module.__name__.split(".")[1], module.load) for module in LOADERS]
