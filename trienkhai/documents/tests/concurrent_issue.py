"""Issue documents from many threads at once, each thread with its own connection.

Imported by the concurrency test, and run as a script (``python -m …concurrent_issue DIR``)
against a file SQLite database configured exactly as in production (WAL, IMMEDIATE
transactions, busy timeout): pytest's in-memory SQLite shares one cache between connections,
where a waiting writer fails at once with "database table is locked" instead of waiting, so it
cannot stand for the real thing.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from datetime import date
from pathlib import Path


def issue_all_at_once(
    pks: list[int], actor_id: int, day: date = date(2026, 6, 10)
) -> tuple[list[int], list[str]]:
    from django.db import connection

    from trienkhai.accounts.models import User
    from trienkhai.documents import services
    from trienkhai.documents.models import OfficialDocument

    barrier = threading.Barrier(len(pks))
    numbers: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def work(pk: int) -> None:
        try:
            actor = User.objects.get(pk=actor_id)
            document = OfficialDocument.objects.get(pk=pk)
            barrier.wait(timeout=60)
            issued = services.document_issue(actor=actor, document=document, day=day)
            with lock:
                numbers.append(issued.number or 0)
        except Exception as exc:  # noqa: BLE001 - reported to the test
            with lock:
                errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(pk,)) for pk in pks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return numbers, errors


def make_drafts(count: int) -> tuple[list[int], int]:
    """A commune, its office and ``count`` drafts; returns the drafts' ids and the actor's."""
    from trienkhai.accounts.models import Role
    from trienkhai.accounts.tests.factories import UserFactory
    from trienkhai.documents.samples import committee_report
    from trienkhai.documents.tests.factories import DocumentFactory
    from trienkhai.orgs.models import OrgUnit
    from trienkhai.orgs.tests.factories import OrgUnitFactory

    city = OrgUnitFactory.create(
        code="hp", kind=OrgUnit.Kind.CITY_COMMITTEE, name="Đảng bộ thành phố Hải Phòng"
    )
    commune = OrgUnitFactory.create(
        parent=city, code="tk", kind=OrgUnit.Kind.COMMUNE_COMMITTEE, name="Đảng bộ xã Tân Kỳ"
    )
    office = UserFactory.create(
        username="van_phong", full_name="Văn Phòng", password=None, unit=commune, role=Role.OFFICE
    )
    data = committee_report(number=None, day=None)
    pks = [DocumentFactory.create(actor=office, issuer=commune, data=data).pk for _ in range(count)]
    return pks, office.pk


def main(folder: str, count: int) -> None:
    base = Path(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{base / 'register.sqlite3'}"
    os.environ["TRIENKHAI_DATA_DIR"] = str(base)
    os.environ["TRIENKHAI_TESTING"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    pks, actor_id = make_drafts(count)
    numbers, errors = issue_all_at_once(pks, actor_id)
    print(json.dumps({"numbers": numbers, "errors": errors}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
