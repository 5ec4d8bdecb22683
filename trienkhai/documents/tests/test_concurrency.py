"""Must show 3: documents issued at the same moment get distinct consecutive numbers.

Twenty threads, each with its own database connection, issue twenty drafts at once. On
PostgreSQL (DATABASE_URL=postgres://…) the threads run against the test database; on SQLite
they run in a child process against a file database set up as in production (see
``concurrent_issue``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from trienkhai.documents.models import OfficialDocument
from trienkhai.documents.tests.concurrent_issue import issue_all_at_once, make_drafts

WORKERS = 20
EXPECTED = list(range(1, WORKERS + 1))


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_issues_get_twenty_consecutive_numbers(tmp_path: Path) -> None:
    if connection.vendor == "sqlite" and getattr(connection, "is_in_memory_db", bool)():
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "trienkhai.documents.tests.concurrent_issue",
                str(tmp_path),
                str(WORKERS),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=settings.BASE_DIR,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
        numbers, errors = outcome["numbers"], outcome["errors"]
    else:
        pks, actor_id = make_drafts(WORKERS)
        numbers, errors = issue_all_at_once(pks, actor_id)
        stored = [
            n or 0
            for n in OfficialDocument.objects.filter(pk__in=pks).values_list("number", flat=True)
        ]
        assert sorted(stored) == EXPECTED
        last = OfficialDocument.objects.get(number=WORKERS)
        assert last.docx is not None and last.content["number"] == WORKERS
    assert errors == []
    assert sorted(numbers) == EXPECTED
