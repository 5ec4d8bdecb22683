"""The reminder pages: a user's notifications with the unread count in the navigation, and
the office's page of what was sent, the day's Zalo texts and digest, and pauses."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.reminders import engine, services
from trienkhai.reminders.digest import day_digest
from trienkhai.reminders.models import Notification, Reminder, ReminderPause
from trienkhai.reporting.models import ReportRequest
from trienkhai.reporting.tests.factories import quarterly, requests_for

pytestmark = pytest.mark.django_db
DUE = date(2026, 9, 15)
LATE_DAY = date(2026, 9, 22)  # a week late: the first overdue reminder
LOG = reverse("remindlog:list")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reports(world: World) -> dict[str, ReportRequest]:
    world.reporter_a.email = "chibo.a@tanky.vn"
    world.reporter_a.save()
    reqs = requests_for(quarterly(world.commune))
    for req in reqs.values():
        req.due = DUE
        req.save()
    return reqs


@pytest.fixture
def late(reports: dict[str, ReportRequest]) -> list[engine.Message]:
    """The overdue reminders of a week late, sent (today, by the clock)."""
    return engine.send(engine.due_messages(LATE_DAY))


# --- notifications ----------------------------------------------------------------------------


def test_the_list_shows_the_users_own_notifications_unread_marked(world: World, late: Any) -> None:
    mine = Notification.objects.get(user=world.reporter_a)
    Notification.objects.create(user=world.reporter_a, text="Tin cũ đã đọc", url="/bao-cao/")
    earlier = timezone.now() - timedelta(days=30)
    Notification.objects.filter(text="Tin cũ đã đọc").update(read_at=earlier, created_at=earlier)
    html = _client(world.reporter_a).get(reverse("notifications:list")).content.decode()
    assert "Chi bộ thôn A: Báo cáo quý" in html and "Tin cũ đã đọc" in html
    assert f'id="thong-bao-{mine.pk}" class="list-group-item list-group-item-action unread' in html
    assert html.index(f"thong-bao-{mine.pk}") < html.index("Tin cũ đã đọc")  # newest first
    assert "Chi bộ thôn B" not in html  # the other cell's notification is not hers
    assert "Đánh dấu đã đọc tất cả" in html


def test_opening_one_marks_it_read_and_goes_to_its_page(
    world: World, reports: dict[str, Any], late: Any
) -> None:
    client = _client(world.reporter_a)
    n = Notification.objects.get(user=world.reporter_a)
    response = client.get(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"/r/b{reports['tk-cb-a'].pk}"
    n.refresh_from_db()
    assert n.read_at is not None
    # The short link then opens the report's form.
    assert client.get(response["Location"])["Location"] == reverse(
        "reporting:request", args=[reports["tk-cb-a"].pk]
    )


def test_another_users_notification_is_404(world: World, late: Any) -> None:
    n = Notification.objects.get(user=world.reporter_a)
    for user in (world.reporter_b, world.outsider, world.office):
        assert _client(user).get(reverse("notifications:open", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_mark_all_read_is_a_post_and_only_the_users_own(world: World, late: Any) -> None:
    Notification.objects.create(user=world.reporter_a, text="Thêm một tin", url="/bao-cao/")
    client = _client(world.reporter_a)
    assert client.get(reverse("notifications:read_all")).status_code == 405
    assert Notification.objects.filter(user=world.reporter_a, read_at=None).count() == 2
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=world.reporter_a, read_at=None).exists()
    assert Notification.objects.filter(user=world.reporter_b, read_at=None).count() == 1


def test_the_bell_shows_the_unread_count_in_one_query(
    world: World, late: Any, django_assert_max_num_queries: Any
) -> None:
    Notification.objects.create(user=world.reporter_a, text="Thêm một tin", url="/bao-cao/")
    client = _client(world.reporter_a)
    url = reverse("notifications:list")
    html = client.get(url).content.decode()
    assert 'class="badge rounded-pill text-bg-warning unread-count">2</span>' in html
    # The unread count is one COUNT query; the page stays within a small bound.
    Notification.objects.filter(user=world.reporter_a).update(read_at=timezone.now())
    with django_assert_max_num_queries(10) as queries:
        html = client.get(url).content.decode()
    unread = [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"].upper() and '"read_at" IS NULL' in q["sql"]
    ]
    assert len(unread) == 1
    assert "unread-count" not in html
    # A visitor not signed in: no bell, no count.
    anonymous = Client().get(reverse("accounts:login")).content.decode()
    assert "nav-bell" not in anonymous


# --- the office's page ------------------------------------------------------------------------


def test_the_office_sees_what_was_sent_to_whom(world: World, late: Any) -> None:
    html = _client(world.office).get(LOG).content.decode()
    a = Reminder.objects.get(org_unit=world.cell_a, channel="email")
    assert f'id="nhac-{a.pk}"' in html and "chibo.a@tanky.vn" in html
    assert "Thư điện tử" in html and "Trong ứng dụng" in html and "bao_cao_a" in html
    assert "Quá hạn" in html and "Chi bộ thôn B" in html
    # Filtered by channel: only the e-mails (chi bộ B's reporter has no address).
    html = _client(world.office).get(LOG + "?kenh=email").content.decode()
    assert f'id="nhac-{a.pk}"' in html
    app = Reminder.objects.get(org_unit=world.cell_a, channel="app")
    assert f'id="nhac-{app.pk}"' not in html
    # Filtered by another day: nothing sent then.
    html = _client(world.office).get(LOG + "?ngay=01/01/2026").content.decode()
    assert f'id="nhac-{a.pk}"' not in html and "Chưa có tin nhắc việc nào được gửi." in html


def test_the_days_zalo_texts_one_per_unit_and_the_digest(
    world: World, reports: dict[str, Any], late: Any
) -> None:
    html = _client(world.office).get(LOG).content.decode()
    for unit in (world.cell_a, world.cell_b):
        assert f'id="zalo-don-vi-{unit.code}"' in html
    text = Reminder.objects.get(org_unit=world.cell_a, channel="zalo").text
    assert text in html and html.count('data-copy="zalo-') == 3  # two units and the digest
    assert "reminders/copy.js" in html
    digest = day_digest(unit=world.commune, day=timezone.localdate())
    lines = digest.splitlines()
    assert (
        lines[0].startswith("[Triển Khai] Ngày ") and "2 đơn vị của Đảng bộ xã Tân Kỳ" in lines[0]
    )
    assert lines[1].startswith("1. Chi bộ thôn A: Báo cáo quý") and "đã quá hạn 7 ngày" in lines[1]
    assert lines[1].endswith(f"/r/b{reports['tk-cb-a'].pk}")
    assert lines[2].startswith("2. Chi bộ thôn B:") and len(lines) == 3
    assert 'id="zalo-tong-hop"' in html and "2 đơn vị của Đảng bộ xã Tân Kỳ" in html


def test_no_digest_when_the_day_has_no_late_unit(world: World, reports: Any) -> None:
    engine.send(engine.due_messages(DUE))  # on the day: not late yet
    assert Reminder.objects.filter(channel="zalo").count() == 2
    assert day_digest(unit=world.commune, day=timezone.localdate()) == ""
    html = _client(world.office).get(LOG).content.decode()
    assert 'id="zalo-tong-hop"' not in html and 'id="zalo-don-vi-tk-cb-a"' in html


def test_outsider_sees_nothing_and_another_communes_page_is_404(world: World, late: Any) -> None:
    client = _client(world.outsider)
    html = client.get(LOG).content.decode()
    assert "Chi bộ thôn A" not in html and "Chưa có tin nhắc việc nào được gửi." in html
    assert "zalo-don-vi" not in html
    assert client.get(LOG + "?don_vi=tk").status_code == 404
    assert client.get(LOG + "?don_vi=tk-cb-a").status_code == 404


def test_a_reporter_and_a_leader_get_403(world: World, late: Any) -> None:
    for user in (world.reporter_a, world.leader, world.viewer):
        assert _client(user).get(LOG).status_code == 403
    assert _client(world.mixed).get(LOG + "?don_vi=tk").status_code == 403


# --- pausing ----------------------------------------------------------------------------------


def test_pause_and_resume_from_the_page_audited(world: World, reports: Any) -> None:
    client = _client(world.office)
    response = client.post(
        LOG, {"don_vi": "tk", "unit": world.cell_b.pk, "reason": "Chi bộ đang sáp nhập"}
    )
    assert response.status_code == 302
    pause = ReminderPause.objects.get(org_unit=world.cell_b, active=True)
    assert pause.created_by == world.office
    entry = LogEntry.objects.get(additional_data__action="reminders.pause.added")
    assert entry.actor == world.office and "Chi bộ đang sáp nhập" in entry.changes_text
    html = client.get(LOG).content.decode()
    assert 'id="tam-dung-tk-cb-b"' in html and "Chi bộ đang sáp nhập" in html
    # Paused: no message for chi bộ B, chi bộ A still reminded.
    units = {m.unit.code for m in engine.due_messages(LATE_DAY)}
    assert units == {"tk-cb-a"}
    # A second pause of the same unit is refused under the unit field.
    response = client.post(LOG, {"don_vi": "tk", "unit": world.cell_b.pk, "reason": "Lần hai"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "đang tạm dừng" in form.errors["unit"][0]
    assert ReminderPause.objects.filter(org_unit=world.cell_b).count() == 1
    # Resumed: reminded again, audited.
    response = client.post(LOG, {"don_vi": "tk", "bo_tam_dung": pause.pk})
    assert response.status_code == 302
    pause.refresh_from_db()
    assert not pause.active
    assert LogEntry.objects.filter(additional_data__action="reminders.pause.lifted").count() == 1
    assert {m.unit.code for m in engine.due_messages(LATE_DAY)} == {"tk-cb-a", "tk-cb-b"}
    with pytest.raises(DomainError):
        services.reminder_resume(actor=world.office, pause=pause)


def test_a_pause_needs_a_reason_and_the_units_office(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        services.reminder_pause(actor=world.office, unit=world.cell_a, reason="  ")
    assert refused.value.field == "reason"
    from django.core.exceptions import PermissionDenied

    for user in (world.reporter_a, world.outsider, world.leader):
        with pytest.raises(PermissionDenied):
            services.reminder_pause(actor=user, unit=world.cell_a, reason="Vắng")
    assert not ReminderPause.objects.exists()


def test_the_outsider_cannot_resume_or_pause_another_communes_unit(world: World) -> None:
    pause = services.reminder_pause(actor=world.office, unit=world.cell_a, reason="Vắng")
    client = _client(world.outsider)
    assert client.post(LOG, {"bo_tam_dung": pause.pk}).status_code == 404
    assert client.post(LOG, {"don_vi": "tk", "bo_tam_dung": pause.pk}).status_code == 404
    response = client.post(LOG, {"unit": world.cell_b.pk, "reason": "Thử"})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    pause.refresh_from_db()
    assert pause.active and ReminderPause.objects.count() == 1
