"""The good-practice pages as their users meet them: a chi bộ proposes a model with its
evidence, the office recognises and publishes it, citizens read it on the public page; other
units get 404 everywhere."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trienkhai.accounts.models import User
from trienkhai.conftest import World
from trienkhai.opinion import selectors, services
from trienkhai.opinion.models import GoodPractice, PracticeState
from trienkhai.opinion.tests.test_practice_services import png, practice_input, propose

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(world: World, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": world.cell_a.pk,
        "title": "Tổ tự quản thu gom rác thải nhựa",
        "field": GoodPractice.Field.ENVIRONMENT,
        "description": "Mỗi tổ dân cư cử một người thu gom rác nhựa vào sáng Chủ nhật.",
        "results": "45/52 hộ tham gia; thu gom 1,2 tấn rác nhựa mỗi tháng.",
        "entry_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


def _recognised(world: World) -> GoodPractice:
    practice = propose(world)
    return services.practice_review(
        actor=world.office, practice=practice, version=practice.version, recognised=True, note=""
    )


def _published(world: World) -> GoodPractice:
    practice = _recognised(world)
    return services.practice_publish(
        actor=world.office,
        practice=practice,
        version=practice.version,
        public_title="Tổ thu gom rác nhựa thôn A",
        public_summary="Bà con thôn A cùng thu gom rác nhựa mỗi sáng Chủ nhật.",
    )


def _public_html() -> str:
    cache.clear()  # the public page is cached for five minutes
    response = Client().get(reverse("public:page", args=["tk"]))
    assert response.status_code == 200
    return response.content.decode()


# --- proposing ---------------------------------------------------------------------------------


def test_propose_refused_keeps_the_input_and_saves_nothing(world: World) -> None:
    client = _client(world.reporter_a)
    page = client.get(reverse("practices:create"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="entry_token"' in html and 'type="file"' in html
    assert 'type="hidden" name="unit"' in html  # one unit: nothing to choose
    refused = client.post(reverse("practices:create"), _form(world, results=""))
    assert refused.status_code == 200
    assert "Mỗi tổ dân cư cử một người thu gom rác nhựa" in refused.content.decode()
    assert refused.context["form"].errors["results"]
    # A rule of the service: its message under the field, the input still there.
    refused = client.post(
        reverse("practices:create"), _form(world, commendation="on", commendation_reason="")
    )
    assert refused.status_code == 200
    assert "Hãy ghi lý do đề nghị khen thưởng." in str(
        refused.context["form"].errors["commendation_reason"]
    )
    assert "Tổ tự quản thu gom rác thải nhựa" in refused.content.decode()
    assert not GoodPractice.objects.exists()


def test_propose_with_evidence_then_the_same_form_again(world: World) -> None:
    client = _client(world.reporter_a)
    data = _form(world, evidence=SimpleUploadedFile("anh-thu-gom.png", png()))
    done = client.post(reverse("practices:create"), data)
    practice = GoodPractice.objects.get()
    assert done.status_code == 302
    assert done["Location"] == reverse("practices:detail", args=[practice.pk])
    assert practice.org_unit == world.cell_a and practice.state == PracticeState.PROPOSED
    page = client.get(done["Location"]).content.decode()
    evidence = selectors.evidence_of(practice)
    assert [f.original_name for f in evidence] == ["anh-thu-gom.png"]
    assert reverse("core:file_download", args=[evidence[0].pk]) in page
    # "Gửi" pressed twice (same entry token): the first save, not a copy.
    data.pop("evidence")
    again = client.post(reverse("practices:create"), data)
    assert again.status_code == 302 and again["Location"] == done["Location"]
    assert GoodPractice.objects.count() == 1


def test_the_office_chooses_the_unit(world: World) -> None:
    client = _client(world.office)
    html = client.get(reverse("practices:create")).content.decode()
    assert "Chi bộ thôn B" in html  # a unit to choose, not a hidden one
    done = client.post(reverse("practices:create"), _form(world, unit=world.cell_b.pk))
    assert done.status_code == 302
    assert GoodPractice.objects.get().org_unit == world.cell_b


def test_who_may_propose(world: World) -> None:
    assert _client(world.leader).get(reverse("practices:create")).status_code == 403
    assert _client(world.viewer).get(reverse("practices:create")).status_code == 403
    list_html = _client(world.viewer).get(reverse("practices:list")).content.decode()
    assert reverse("practices:create") not in list_html
    list_html = _client(world.reporter_a).get(reverse("practices:list")).content.decode()
    assert reverse("practices:create") in list_html


# --- scope -------------------------------------------------------------------------------------


def test_other_units_get_404_everywhere(world: World) -> None:
    practice = _published(world)
    pk = practice.pk
    for user in (world.reporter_b, world.outsider):
        client = _client(user)
        assert client.get(reverse("practices:detail", args=[pk])).status_code == 404
        assert client.get(reverse("practices:edit", args=[pk])).status_code == 404
        for name in ("review", "publish", "unpublish"):
            posted = client.post(reverse(f"practices:{name}", args=[pk]), {"version": 1})
            assert posted.status_code == 404
    outsider = _client(world.outsider)
    for name in ("practices:list", "practices:list_print", "practices:list_xlsx"):
        assert outsider.get(reverse(name), {"don_vi": "tk"}).status_code == 404
    own = outsider.get(reverse("practices:list")).content.decode()
    assert practice.title not in own


def test_the_list_shows_the_commune_model_to_its_cells(world: World) -> None:
    commune = services.practice_propose(
        actor=world.office, unit=world.commune, data=practice_input(title="Mô hình của xã")
    )
    propose(world, title="Mô hình của chi bộ A")
    services.practice_propose(
        actor=world.reporter_b, unit=world.cell_b, data=practice_input(title="Mô hình chi bộ B")
    )
    html = _client(world.reporter_a).get(reverse("practices:list")).content.decode()
    assert "Mô hình của xã" in html and "Mô hình của chi bộ A" in html
    assert "Mô hình chi bộ B" not in html
    # Read, not edited, by the cell.
    client = _client(world.reporter_a)
    assert client.get(reverse("practices:detail", args=[commune.pk])).status_code == 200
    assert client.get(reverse("practices:edit", args=[commune.pk])).status_code == 403


def test_the_list_filters(world: World) -> None:
    _recognised(world)
    propose(world, title="Chi bộ số hóa sổ sách", field=GoodPractice.Field.DIGITAL)
    propose(world, title="Gương người tốt", commendation=True, commendation_reason="Điển hình.")
    client = _client(world.office)

    def titles(**query: str) -> list[str]:
        page = client.get(reverse("practices:list"), query)
        assert page.status_code == 200
        return sorted(p.title for p in page.context["page"].object_list)

    assert titles(tinh_trang="recognised") == ["Tổ tự quản thu gom rác thải nhựa"]
    assert titles(linh_vuc="digital") == ["Chi bộ số hóa sổ sách"]
    assert titles(khen_thuong="co") == ["Gương người tốt"]
    assert len(titles(khen_thuong="khong")) == 2
    assert titles(don_vi="tk-cb-b") == []
    assert len(titles(tinh_trang="khong-co")) == 3  # an unknown value filters nothing
    printed = client.get(reverse("practices:list_print"), {"linh_vuc": "digital"})
    assert "Chi bộ số hóa sổ sách" in printed.content.decode()
    assert "Gương người tốt" not in printed.content.decode()
    sheet = client.get(reverse("practices:list_xlsx"))
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"


def _many(world: World, n: int) -> None:
    for i in range(n):
        propose(
            world, title=f"Mô hình số {i + 1}", commendation=i % 2 == 0, commendation_reason="x"
        )


def _list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("practices:list")).status_code == 200
    return len(ctx.captured_queries)


def test_list_queries_do_not_grow_with_rows(world: World) -> None:
    client = _client(world.office)
    _many(world, 3)
    small = _list_queries(client)
    GoodPractice.objects.all().delete()
    _many(world, 30)
    assert _list_queries(client) == small


# --- the office's review -------------------------------------------------------------------


def test_a_reporter_cannot_review_or_publish(world: World) -> None:
    practice = propose(world)
    client = _client(world.reporter_a)
    page = client.get(reverse("practices:detail", args=[practice.pk]))
    assert page.status_code == 200
    assert reverse("practices:review", args=[practice.pk]) not in page.content.decode()
    data = {"decision": "recognised", "note": "", "version": practice.version}
    assert client.post(reverse("practices:review", args=[practice.pk]), data).status_code == 403
    assert client.get(reverse("practices:review", args=[practice.pk])).status_code == 405
    practice.refresh_from_db()
    assert practice.state == PracticeState.PROPOSED


def test_the_office_declines_with_a_note_and_the_unit_completes_it(world: World) -> None:
    practice = propose(world)
    office = _client(world.office)
    url = reverse("practices:review", args=[practice.pk])
    refused = office.post(url, {"decision": "declined", "note": "", "version": practice.version})
    assert refused.status_code == 200
    assert "Hãy ghi lý do chưa công nhận" in refused.content.decode()
    practice.refresh_from_db()
    assert practice.state == PracticeState.PROPOSED
    note = "Cần bổ sung số liệu so sánh với năm trước."
    done = office.post(url, {"decision": "declined", "note": note, "version": practice.version})
    assert done.status_code == 302
    practice.refresh_from_db()
    assert practice.state == PracticeState.DECLINED and practice.reviewed_by == world.office
    reporter = _client(world.reporter_a)
    page = reporter.get(reverse("practices:detail", args=[practice.pk])).content.decode()
    assert note in page and world.office.get_full_name() in page
    edit = reporter.get(reverse("practices:edit", args=[practice.pk]))
    assert edit.status_code == 200 and note in edit.content.decode()
    data = _form(world, results="48/52 hộ tham gia (năm trước 20 hộ).", version=practice.version)
    data.pop("entry_token")
    saved = reporter.post(reverse("practices:edit", args=[practice.pk]), data)
    assert saved.status_code == 302
    practice.refresh_from_db()
    assert practice.state == PracticeState.PROPOSED
    assert practice.results == "48/52 hộ tham gia (năm trước 20 hộ)."


def test_a_stale_edit_is_refused(world: World) -> None:
    practice = propose(world)
    data = _form(world, title="Tên mới", version=practice.version)
    data.pop("entry_token")
    services.practice_update(
        actor=world.office,
        practice=practice,
        version=practice.version,
        data=practice_input(title="Văn phòng sửa trước"),
    )
    refused = _client(world.reporter_a).post(reverse("practices:edit", args=[practice.pk]), data)
    assert refused.status_code == 200
    assert "vừa được người khác thay đổi" in refused.content.decode()
    assert 'value="Tên mới"' in refused.content.decode()
    practice.refresh_from_db()
    assert practice.title == "Văn phòng sửa trước"


def test_a_stale_review_is_refused(world: World) -> None:
    practice = propose(world)
    read = practice.version
    services.practice_update(
        actor=world.reporter_a, practice=practice, version=read, data=practice_input(title="Sửa")
    )
    refused = _client(world.office).post(
        reverse("practices:review", args=[practice.pk]),
        {"decision": "recognised", "note": "Rất tốt, cần nhân rộng.", "version": read},
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "vừa được người khác thay đổi" in html
    assert "Rất tốt, cần nhân rộng." in html  # the note typed is still there
    practice.refresh_from_db()
    assert practice.state == PracticeState.PROPOSED


def test_a_recognised_practice_is_edited_by_the_office_only(world: World) -> None:
    practice = _recognised(world)
    assert (
        _client(world.reporter_a).get(reverse("practices:edit", args=[practice.pk])).status_code
        == 403
    )
    page = _client(world.reporter_a).get(reverse("practices:detail", args=[practice.pk]))
    assert reverse("practices:edit", args=[practice.pk]) not in page.content.decode()
    assert (
        _client(world.office).get(reverse("practices:edit", args=[practice.pk])).status_code == 200
    )


# --- publishing ----------------------------------------------------------------------------


def test_the_office_publishes_and_takes_down(world: World) -> None:
    practice = propose(world)
    office = _client(world.office)
    detail = reverse("practices:detail", args=[practice.pk])
    office.post(
        reverse("practices:review", args=[practice.pk]),
        {"decision": "recognised", "note": "", "version": practice.version},
    )
    practice.refresh_from_db()
    assert practice.state == PracticeState.RECOGNISED
    page = office.get(detail)
    form = page.context["publish_form"]
    # Prefilled from the internal record, for the office to put in plain words.
    assert form.initial["public_title"] == practice.title
    assert form.initial["public_summary"] == practice.results
    publish = reverse("practices:publish", args=[practice.pk])
    refused = office.post(
        publish,
        {"public_title": "Tổ thu gom rác nhựa", "public_summary": "", "version": practice.version},
    )
    assert refused.status_code == 200
    assert 'value="Tổ thu gom rác nhựa"' in refused.content.decode()
    assert refused.context["publish_form"].errors["public_summary"]
    assert "Tổ thu gom rác nhựa" not in _public_html()
    done = office.post(
        publish,
        {
            "public_title": "Tổ thu gom rác nhựa",
            "public_summary": "Bà con cùng thu gom rác nhựa mỗi sáng Chủ nhật.",
            "version": practice.version,
        },
    )
    assert done.status_code == 302
    shown = office.get(detail).content.decode()
    assert reverse("public:page", args=["tk"]) in shown
    assert reverse("practices:unpublish", args=[practice.pk]) in shown
    html = _public_html()
    assert "Tổ thu gom rác nhựa" in html and "mỗi sáng Chủ nhật" in html
    assert practice.description not in html
    practice.refresh_from_db()
    stale = office.post(reverse("practices:unpublish", args=[practice.pk]), {"version": 1})
    assert stale.status_code == 200 and "vừa được người khác thay đổi" in stale.content.decode()
    down = office.post(
        reverse("practices:unpublish", args=[practice.pk]), {"version": practice.version}
    )
    assert down.status_code == 302
    practice.refresh_from_db()
    assert not practice.published
    assert "Tổ thu gom rác nhựa" not in _public_html()


def test_publishing_a_practice_not_recognised_is_refused(world: World) -> None:
    practice = propose(world)
    refused = _client(world.office).post(
        reverse("practices:publish", args=[practice.pk]),
        {"public_title": "Tên", "public_summary": "Nội dung", "version": practice.version},
    )
    assert refused.status_code == 200
    assert "Chỉ công khai mô hình đã được công nhận." in refused.content.decode()
    practice.refresh_from_db()
    assert not practice.published


def test_the_pages_carry_no_inline_code(world: World) -> None:
    practice = _published(world)
    client = _client(world.office)
    for url in (
        reverse("practices:list"),
        reverse("practices:list_print"),
        reverse("practices:create"),
        reverse("practices:detail", args=[practice.pk]),
        reverse("practices:edit", args=[practice.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not re.search(r"\sstyle\s*=", html), url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
