"""The opinion pages as their users meet them: a chi bộ records on a phone, the office takes
the report up and answers it, a sensitive report is a 404 to whoever may not read it."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.opinion import services
from trienkhai.opinion.models import OpinionReport, OpinionState
from trienkhai.opinion.tests.conftest import heard

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "noted_on": (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y"),
        "kind": "petition",
        "topic": "Nước sinh hoạt thôn A",
        "content": "Bà con đề nghị sớm kéo đường ống nước sạch về xóm Đông.",
        "source": "meeting",
        "source_detail": "Sinh hoạt chi bộ tháng 11",
        "people": "8",
        "sensitivity": "normal",
    }
    data.update(changes)
    return data


def test_a_chi_bo_records_an_opinion_in_one_short_form(world: World) -> None:
    client = _client(world.reporter_a)
    page = client.get(reverse("opinion:create"))
    html = page.content.decode()
    assert page.status_code == 200
    # One unit: it is not asked for, it is named.
    assert 'type="hidden" name="unit"' in html and "Chi bộ thôn A" in html
    token = page.context["form"]["entry_token"].value()
    refused = client.post(
        reverse("opinion:create"),
        _form_data(topic="", unit=world.cell_a.pk, entry_token=token),
    )
    assert refused.status_code == 200
    assert "Hãy ghi chủ đề" in refused.content.decode() or "bắt buộc" in refused.content.decode()
    assert "kéo đường ống nước sạch" in refused.content.decode()  # what was typed stays
    assert not OpinionReport.objects.exists()
    data = _form_data(unit=world.cell_a.pk, entry_token=token)
    done = client.post(reverse("opinion:create"), data)
    report = OpinionReport.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "opinion:detail", args=[report.pk]
    )
    assert report.org_unit == world.cell_a and report.created_by == world.reporter_a
    # The same form sent again (a second tap, a resent request) makes no copy.
    again = client.post(reverse("opinion:create"), data)
    assert again.status_code == 302 and OpinionReport.objects.count() == 1


def test_a_viewer_cannot_record(world: World) -> None:
    assert _client(world.viewer).get(reverse("opinion:create")).status_code == 403


def test_a_sensitive_report_is_a_404_to_viewers_and_other_units(
    world: World, sensitive: OpinionReport
) -> None:
    url = reverse("opinion:detail", args=[sensitive.pk])
    for user in (world.office, world.leader, world.city_leader, world.reporter_a):
        assert _client(user).get(url).status_code == 200, user.username
    for user in (world.viewer, world.mixed, world.reporter_b, world.outsider):
        assert _client(user).get(url).status_code == 404, user.username
        assert _client(user).get(reverse("opinion:edit", args=[sensitive.pk])).status_code == 404
    # Nor does it show in the viewer's list, print or file.
    viewer = _client(world.viewer)
    assert sensitive.topic not in viewer.get(reverse("opinion:list")).content.decode()
    assert sensitive.topic not in viewer.get(reverse("opinion:list_print")).content.decode()
    book = load_workbook(BytesIO(viewer.get(reverse("opinion:list_xlsx")).content))
    cells = {str(c.value) for row in book.worksheets[0].iter_rows() for c in row}
    assert sensitive.topic not in cells
    office = _client(world.office)
    assert sensitive.topic in office.get(reverse("opinion:list")).content.decode()


def test_the_office_takes_up_and_answers_and_the_page_shows_who_and_when(
    world: World, report: OpinionReport
) -> None:
    office = _client(world.office)
    url = reverse("opinion:detail", args=[report.pk])
    page = office.get(url).content.decode()
    assert "Tiếp nhận" in page and "Ghi nội dung trả lời" in page
    office.post(
        reverse("opinion:take_up", args=[report.pk]),
        {"note": "Chuyển UBND xã xem xét.", "version": report.version},
    )
    report.refresh_from_db()
    assert report.state == OpinionState.HANDLING
    refused = office.post(
        reverse("opinion:answer", args=[report.pk]),
        {
            "response": "",
            "responder": "Đồng chí Phó Chủ tịch UBND xã",
            "answered_on": timezone.localdate().strftime("%d/%m/%Y"),
            "version": report.version,
        },
    )
    assert "Hãy ghi nội dung trả lời" in refused.content.decode()
    assert "Đồng chí Phó Chủ tịch UBND xã" in refused.content.decode()
    office.post(
        reverse("opinion:answer", args=[report.pk]),
        {
            "response": "Dự án nước sạch xóm Đông khởi công trong quý I năm 2027.",
            "responder": "Đồng chí Phó Chủ tịch UBND xã",
            "answered_on": timezone.localdate().strftime("%d/%m/%Y"),
            "version": report.version,
        },
    )
    report.refresh_from_db()
    assert report.state == OpinionState.ANSWERED
    page = _client(world.reporter_a).get(url).content.decode()
    assert "Dự án nước sạch xóm Đông khởi công" in page
    assert "Đồng chí Phó Chủ tịch UBND xã" in page
    assert world.office.get_full_name() in page  # who wrote the answer down
    assert "Chuyển UBND xã xem xét." in page  # the trail
    # The unit reads the answer but takes no step.
    assert (
        _client(world.reporter_a)
        .post(
            reverse("opinion:reopen", args=[report.pk]), {"reason": "x", "version": report.version}
        )
        .status_code
        == 403
    )


def test_two_office_users_answering_at_once(world: World, report: OpinionReport) -> None:
    read_at = report.version
    first, second = _client(world.office), _client(world.office)
    data = {
        "response": "Đã chuyển UBND xã.",
        "responder": "Văn phòng Đảng ủy",
        "answered_on": timezone.localdate().strftime("%d/%m/%Y"),
        "version": read_at,
    }
    first.post(reverse("opinion:answer", args=[report.pk]), data)
    late = second.post(
        reverse("opinion:answer", args=[report.pk]), {**data, "response": "Câu trả lời khác"}
    )
    html = late.content.decode()
    assert late.status_code == 200 and "vừa được người khác thay đổi" in html
    report.refresh_from_db()
    assert report.response == "Đã chuyển UBND xã."


def test_another_commune_gets_404_everywhere(world: World, report: OpinionReport) -> None:
    outsider = _client(world.outsider)
    for url in (
        reverse("opinion:detail", args=[report.pk]),
        reverse("opinion:edit", args=[report.pk]),
        reverse("opinion:list") + "?don_vi=tk",
        reverse("opinion:tally") + "?don_vi=tk",
        reverse("opinion:list_print") + "?don_vi=tk",
        reverse("opinion:list_xlsx") + "?don_vi=tk",
    ):
        assert outsider.get(url).status_code == 404, url
    for name in ("opinion:take_up", "opinion:answer"):
        assert outsider.post(reverse(name, args=[report.pk]), {"version": 1}).status_code == 404


def test_the_tally_counts_by_topic_and_unit(world: World) -> None:
    for cell, reporter in ((world.cell_a, world.reporter_a), (world.cell_b, world.reporter_b)):
        services.opinion_record(actor=reporter, unit=cell, data=heard())
    answered = services.opinion_record(actor=world.reporter_b, unit=world.cell_b, data=heard())
    services.opinion_answer(
        actor=world.office,
        report=answered,
        version=answered.version,
        response="Đã trả lời.",
        responder="UBND xã",
        answered_on=timezone.localdate(),
    )
    page = _client(world.office).get(reverse("opinion:tally"))
    rows = {u.code: (u.new, u.answered, u.total) for u in page.context["page"].object_list}
    assert rows == {"tk-cb-a": (1, 0, 1), "tk-cb-b": (1, 1, 2)}
    assert page.context["total"] == 3
    assert _client(world.office).get(reverse("opinion:tally_print")).status_code == 200


def test_the_list_reads_a_bounded_number_of_queries(world: World) -> None:
    def count() -> int:
        client = _client(world.office)
        client.get(reverse("opinion:list"))  # warm the session and the menu
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("opinion:list")).status_code == 200
        return len(queries)

    for _ in range(3):
        services.opinion_record(actor=world.reporter_a, unit=world.cell_a, data=heard())
    few = count()
    for _ in range(27):
        services.opinion_record(actor=world.reporter_b, unit=world.cell_b, data=heard())
    assert count() == few
