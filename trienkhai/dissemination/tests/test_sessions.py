"""Recording sessions: each bad input refused with a Vietnamese message on its field."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.dissemination import services
from trienkhai.dissemination.models import StudySession
from trienkhai.dissemination.services import SessionInvalid
from trienkhai.dissemination.tests.conftest import PARTY, headcount, record
from trienkhai.dissemination.tests.factories import SessionAttendanceFactory, StudySessionFactory
from trienkhai.plans.models import Plan

Kind = StudySession.Kind


def form_url(plan: Plan, code: str) -> str:
    return reverse("dissemination:session_create", args=[code]) + f"?ke_hoach={plan.pk}"


def post(client: Any, user: Any, plan: Plan, code: str, **fields: Any) -> Any:
    data = {
        "date": "2026-06-15",
        "kind": Kind.MAIN,
        "format": StudySession.Form.CELL_MEETING,
        f"attendees_{PARTY}": "40",
        "essays": "",
        "place": "Nhà văn hóa thôn A",
        **fields,
    }
    client.force_login(user)
    return client.post(form_url(plan, code), data)


def field_errors(response: Any, name: str) -> list[str]:
    return [str(e) for e in response.context["form"].errors.get(name, [])]


def test_reporter_records_own_session_on_the_phone_form(
    client: Any, world: World, plan: Plan
) -> None:
    headcount(world.cell_a, 42)
    client.force_login(world.reporter_a)
    page = client.get(form_url(plan, "tk-cb-a"))
    assert page.status_code == 200
    html = page.content.decode()
    # A phone form: at most 8 inputs, numeric keypads for the counts, a draft key for JS.
    form = page.context["form"]
    assert len(form.fields) <= 8
    assert html.count('inputmode="numeric"') == 2
    assert 'data-draft-key="trienkhai:buoi-hoc:' in html
    assert "dissemination/dissemination.js" in html
    response = post(client, world.reporter_a, plan, "tk-cb-a", essays="35")
    session = StudySession.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("dissemination:session_detail", args=[session.pk])
    )
    assert "da_luu=trienkhai" in response["Location"]
    assert session.org_unit == world.cell_a and session.created_by == world.reporter_a
    assert session.attendance.get().count == 40 and session.essays == 35
    detail = client.get(response["Location"]).content.decode()
    assert "data-draft-clear=" in detail


def test_negative_numbers_refused(client: Any, world: World, plan: Plan) -> None:
    response = post(client, world.office, plan, "tk-cb-a", **{f"attendees_{PARTY}": "-3"})
    assert field_errors(response, f"attendees_{PARTY}") == ["Số người dự không được là số âm."]
    response = post(client, world.office, plan, "tk-cb-a", essays="-1")
    assert field_errors(response, "essays") == ["Số bài thu hoạch không được là số âm."]
    assert not StudySession.objects.exists()
    with pytest.raises(SessionInvalid) as exc:
        record(world.office, plan, world.cell_a, -2)
    assert exc.value.errors[f"attendees_{PARTY}"] == ["Số người dự không được là số âm."]


def test_session_outside_the_plan_period_refused(client: Any, world: World, plan: Plan) -> None:
    response = post(client, world.office, plan, "tk-cb-a", date="2026-04-30")
    assert field_errors(response, "date") == [
        "Ngày 30/04/2026 nằm ngoài thời gian thực hiện kế hoạch "
        "(từ ngày 12/05/2026 đến ngày 31/12/2030)."
    ]
    response = post(client, world.office, plan, "tk-cb-a", date="2031-01-02")
    assert "nằm ngoài thời gian thực hiện kế hoạch" in field_errors(response, "date")[0]
    assert not StudySession.objects.exists()


def test_second_main_session_refused(client: Any, world: World, plan: Plan) -> None:
    record(world.office, plan, world.cell_a, 30, day=date(2026, 6, 1))
    response = post(client, world.office, plan, "tk-cb-a", date="2026-06-20")
    (message,) = field_errors(response, "kind")
    assert message.startswith(
        "Chi bộ thôn A đã có buổi quán triệt chính cho đảng viên của kế hoạch này (ngày 01/06/2026)"
    )
    assert "Học bù" in message
    assert StudySession.objects.count() == 1
    # The database holds the rule too, whatever writes to it.
    from django.db import IntegrityError, transaction

    session = StudySessionFactory.create(plan=plan, org_unit=world.cell_a, date=date(2026, 6, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionAttendanceFactory.create(session=session, count=1)


def test_attendees_above_headcount_refused_under_their_field(
    client: Any, world: World, plan: Plan
) -> None:
    # A share above 100 % is never true: refused, naming the unit, the group and both numbers.
    headcount(world.cell_a, 40)
    response = post(client, world.office, plan, "tk-cb-a", **{f"attendees_{PARTY}": "43"})
    assert response.status_code == 200
    assert field_errors(response, f"attendees_{PARTY}") == [
        "Chi bộ thôn A: số đảng viên dự (43) vượt sĩ số đảng viên (40). "
        "Nếu sĩ số đã thay đổi, hãy cập nhật sĩ số trước."
    ]
    # What was typed stays in the form.
    assert response.context["form"]["place"].value() == "Nhà văn hóa thôn A"
    assert not StudySession.objects.exists()
    with pytest.raises(SessionInvalid) as exc:
        record(world.office, plan, world.cell_a, 41)
    assert exc.value.field == f"attendees_{PARTY}"
    # Exactly the headcount is fine.
    assert post(client, world.office, plan, "tk-cb-a").status_code == 302
    assert record(world.office, plan, world.cell_b, 40).attendance.get().count == 40


def test_make_up_counts_only_the_absent(world: World, plan: Plan) -> None:
    headcount(world.cell_a, 40)
    with pytest.raises(SessionInvalid) as exc:
        record(world.office, plan, world.cell_a, 3, kind=Kind.MAKE_UP)
    assert "chưa có buổi quán triệt chính" in exc.value.errors["kind"][0]
    record(world.office, plan, world.cell_a, 36, day=date(2026, 6, 1))
    with pytest.raises(SessionInvalid) as exc:
        record(world.office, plan, world.cell_a, 2, kind=Kind.MAKE_UP, day=date(2026, 5, 30))
    assert exc.value.errors["date"] == [
        "Buổi học bù phải sau buổi quán triệt chính (ngày 01/06/2026)."
    ]
    record(world.office, plan, world.cell_a, 3, kind=Kind.MAKE_UP, day=date(2026, 6, 5))
    # One absentee left: two more is more than were absent.
    with pytest.raises(SessionInvalid) as exc:
        record(world.office, plan, world.cell_a, 2, kind=Kind.MAKE_UP, day=date(2026, 6, 9))
    assert exc.value.errors[f"attendees_{PARTY}"][0].startswith(
        "Chi bộ thôn A: số người học bù (2) vượt số đảng viên còn vắng buổi chính "
        "(1 = sĩ số 40 − 36 đã dự buổi chính − 3 đã học bù)."
    )


def test_future_dates_and_main_without_attendees_refused(world: World, plan: Plan) -> None:
    with pytest.raises(SessionInvalid) as exc:
        record(world.office, plan, world.cell_a, 0)
    assert exc.value.errors[f"attendees_{PARTY}"] == [
        "Buổi được tính vào tỷ lệ phải có ít nhất 1 người dự."
    ]
    from django.utils import timezone

    tomorrow = timezone.localdate().replace(year=timezone.localdate().year + 1)
    if tomorrow.year <= 2030:
        with pytest.raises(SessionInvalid) as exc:
            record(world.office, plan, world.cell_a, 5, day=tomorrow)
        assert "không được sau ngày hôm nay" in exc.value.errors["date"][0]


def test_rights_per_unit(world: World, plan: Plan) -> None:
    # A cell reporter records for its own cell only; the office for any unit below it.
    record(world.reporter_a, plan, world.cell_a, 10)
    with pytest.raises(PermissionDenied):
        record(world.reporter_a, plan, world.cell_b, 10)
    with pytest.raises(PermissionDenied):
        record(world.viewer, plan, world.cell_b, 10)
    with pytest.raises(PermissionDenied):
        record(world.leader, plan, world.cell_b, 10)
    # Roles never combine: reporter of A + viewer of the commune cannot write for B.
    with pytest.raises(PermissionDenied):
        record(world.mixed, plan, world.cell_b, 10)
    record(world.office, plan, world.cell_b, 10)


def test_unit_without_a_group_cannot_record(world: World, plan: Plan) -> None:
    with pytest.raises(SessionInvalid) as exc:
        record(world.office, plan, world.ubnd, 10)
    assert "không quản lý nhóm đối tượng nào" in exc.value.errors[None][0]


def test_edit_and_delete(client: Any, world: World, plan: Plan) -> None:
    headcount(world.cell_a, 40)
    main = record(world.reporter_a, plan, world.cell_a, 30)
    makeup = record(world.reporter_a, plan, world.cell_a, 5, kind=Kind.MAKE_UP)
    client.force_login(world.reporter_a)
    url = reverse("dissemination:session_edit", args=[main.pk])
    response = client.post(
        url,
        {
            "date": "2026-06-01",
            "kind": Kind.MAIN,
            "format": StudySession.Form.THEMATIC,
            f"attendees_{PARTY}": "33",
            "essays": "30",
        },
    )
    assert response.status_code == 302
    main.refresh_from_db()
    assert main.form == StudySession.Form.THEMATIC and main.attendance.get().count == 33
    # The main session cannot go while a make-up session depends on it.
    response = client.post(reverse("dissemination:session_delete", args=[main.pk]))
    assert StudySession.objects.filter(pk=main.pk).exists()
    client.post(reverse("dissemination:session_delete", args=[makeup.pk]))
    client.post(reverse("dissemination:session_delete", args=[main.pk]))
    assert not StudySession.objects.exists()
    # Others may not edit or delete: 404 outside the scope, 403 when only readable.
    other = record(world.office, plan, world.cell_b, 10)
    assert client.get(reverse("dissemination:session_edit", args=[other.pk])).status_code == 404
    client.force_login(world.viewer)
    assert client.get(reverse("dissemination:session_edit", args=[other.pk])).status_code == 403
    delete = client.post(reverse("dissemination:session_delete", args=[other.pk]))
    assert delete.status_code == 403


def test_session_file_attached_and_served_to_readers_only(
    client: Any, world: World, plan: Plan
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    session = record(world.reporter_a, plan, world.cell_a, 10)
    client.force_login(world.reporter_a)
    pdf = SimpleUploadedFile(  # one page: uploads are opened (core.files)
        "bien-ban.pdf",
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
        b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 9 9]>>endobj\ntrailer<</Root 1 0 R>>"
        b"\nstartxref\n0\n%%EOF\n",
    )
    response = client.post(reverse("dissemination:session_file", args=[session.pk]), {"file": pdf})
    assert response.status_code == 302
    stored = services_files(session)
    assert [f.original_name for f in stored] == ["bien-ban.pdf"]
    url = reverse("core:file_download", args=[stored[0].pk])
    assert client.get(url).status_code == 200
    client.force_login(world.reporter_b)
    assert client.get(url).status_code == 404
    client.force_login(world.office)
    assert client.get(url).status_code == 200


def services_files(session: StudySession) -> list[Any]:
    from trienkhai.dissemination.selectors import session_files

    return list(session_files(session))


def test_service_writes_an_audit_entry(world: World, plan: Plan) -> None:
    from auditlog.models import LogEntry

    session = record(world.office, plan, world.cell_a, 12)
    entry = LogEntry.objects.filter(additional_data__action="dissemination.session.created").get()
    assert entry.object_pk == str(session.pk)
    assert entry.additional_data["org_unit_path"] == world.cell_a.path
    assert "Buổi quán triệt chính ngày 01/06/2026 của Chi bộ thôn A" in entry.changes_text
    assert services.unit_groups(plan=plan, unit=world.cell_a) == [PARTY]
