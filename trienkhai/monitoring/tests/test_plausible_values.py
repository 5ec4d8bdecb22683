"""Implausible target values: impossible ones refused, doubtful ones confirmed with a note —
on the one-value form, the yearly grid and the Excel upload; the office's own band."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.core.plausibility import NeedsConfirmation
from trienkhai.monitoring import bands, services, xlsx
from trienkhai.monitoring.models import Observation, TargetBand
from trienkhai.monitoring.services import ValueInput
from trienkhai.monitoring.tests.conftest import Targets
from trienkhai.monitoring.tests.test_xlsx import download, rows_by_ref, upload
from trienkhai.plans.models import Target
from trienkhai.plans.tests.factories import TargetFactory

D = Decimal


# --- the rules, as a table --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "refused"),
    [
        ("share", "100", ""),
        ("share", "100.5", "không được quá 100%"),
        ("share", "-1", "không được âm"),
        ("count", "-3", "số lượng không được âm"),
        ("cumulative", "0", ""),
        ("rank", "0", "thứ hạng phải từ 1 trở lên"),
        ("reduction", "101", "không thể giảm quá 100%"),
        ("growth_avg", "-60", ""),  # doubtful, never impossible
        ("level", "-5", ""),
    ],
)
def test_impossible_values_by_kind(kind: str, value: str, refused: str) -> None:
    message = bands.impossible(D(value), bands.default_band(kind), kind=kind, ref="7")
    assert (refused in message) if refused else message == ""
    if refused:
        assert message.startswith("Chỉ tiêu (7): giá trị")


@pytest.mark.parametrize(
    ("kind", "value", "previous", "expected"),
    [
        ("growth_avg", "12", None, []),
        ("growth_avg", "45", None, ["ngoài khoảng thường gặp (từ -20%/năm đến 30%/năm)"]),
        ("growth_avg", "-25", None, ["ngoài khoảng"]),
        ("growth_avg", "28", "10", ["chênh 18 điểm phần trăm so với năm 2025"]),
        ("count", "1600", "1000", ["chênh 60% so với năm 2025"]),
        ("count", "1400", "1000", []),
        ("count", "8", "0", []),  # from nothing: a start, not a jump
        ("rank", "40", "30", ["ngoài khoảng", "chênh 10 bậc"][:1]),
        ("rank", "18", "5", ["chênh 13 bậc"]),
    ],
)
def test_doubtful_values_by_kind(
    kind: str, value: str, previous: str | None, expected: list[str]
) -> None:
    unit = "%/năm" if kind == "growth_avg" else ""
    before = bands.Previous("Năm 2025", D(previous)) if previous is not None else None
    found = bands.doubts(
        D(value), bands.default_band(kind), kind=kind, ref="1", unit=unit, previous=before
    )
    assert len(found) == len(expected)
    for message, part in zip(found, expected, strict=True):
        assert part in message


def test_an_own_band_replaces_the_soft_bounds_but_never_the_hard_ones() -> None:
    band = bands.own_band("share", low=D(40), high=D(200), jump=None)
    assert bands.impossible(D(150), band, kind="share", ref="3") != ""
    assert bands.doubts(D(30), band, kind="share", ref="3", unit="%", previous=None)
    jumpless = bands.doubts(
        D(90), band, kind="share", ref="3", unit="%", previous=bands.Previous("Năm 2025", D(41))
    )
    assert jumpless == []  # no jump limit on this target any more


# --- services --------------------------------------------------------------------------------


def share_target(world: World, targets: Targets) -> Target:
    return TargetFactory.create(
        plan=targets.plan,
        org_unit=world.commune,
        ref="III.4-a",
        label="Tỷ lệ hộ dùng nước sạch",
        kind=Target.Kind.SHARE,
        value=D(95),
        measure_unit="%",
    )


def record(actor: Any, target: Target, period: str, value: str, **extra: Any) -> Observation:
    return services.observation_record(
        actor=actor, target=target, period=period, value=D(value), **extra
    )


@pytest.mark.django_db
def test_a_share_above_100_is_refused_under_the_value(world: World, targets: Targets) -> None:
    share = share_target(world, targets)
    with pytest.raises(DomainError) as caught:
        record(world.office, share, "2026", "104")
    assert caught.value.field == "value"
    assert "không được quá 100%" in caught.value.message
    assert not Observation.objects.filter(target=share).exists()


@pytest.mark.django_db
def test_a_doubtful_growth_needs_a_note_kept_with_it_and_in_the_log(
    world: World, targets: Targets
) -> None:
    with pytest.raises(NeedsConfirmation) as caught:
        record(world.office, targets.own, "2026", "45")
    assert caught.value.doubts[0].field == "value"
    assert "(I.1-a)" in caught.value.doubts[0].message
    assert not Observation.objects.exists()

    note = "Nhà máy điện khí đi vào hoạt động cuối năm"
    obs = record(world.office, targets.own, "2026", "45", confirm_note=note)
    assert obs.confirm_note == note
    entry = LogEntry.objects.get_for_object(obs).get()
    assert note in str(entry.changes_dict["confirm_note"])

    # The same value again (a new source) stays confirmed without a new note.
    again = record(world.office, targets.own, "2026", "45", source="Chi cục Thống kê")
    assert again.confirm_note == note
    # A value without doubt keeps no note, even if one was typed.
    plain = record(world.office, targets.own, "2026", "11", confirm_note="không cần")
    assert plain.confirm_note == ""


@pytest.mark.django_db
def test_a_jump_from_the_previous_year_is_doubtful_only_between_adjacent_periods(
    world: World, targets: Targets
) -> None:
    record(world.office, targets.own, "2024", "9")
    with pytest.raises(NeedsConfirmation, match="chênh 16 điểm phần trăm so với năm 2024"):
        record(world.office, targets.own, "2025", "25")
    # 2026 is compared with 2025 (none yet), never with 2024.
    record(world.office, targets.own, "2026", "25")


@pytest.mark.django_db
def test_the_offices_own_band_is_used_and_only_the_office_sets_it(
    world: World, targets: Targets
) -> None:
    with pytest.raises(PermissionDenied):
        services.target_band_save(
            actor=world.reporter_a, target=targets.own, low=D(0), high=D(15), max_jump=None
        )
    with pytest.raises(DomainError) as caught:
        services.target_band_save(
            actor=world.office, target=targets.own, low=D(20), high=D(15), max_jump=None
        )
    assert caught.value.field == "low"
    services.target_band_save(
        actor=world.office, target=targets.own, low=D(0), high=D(15), max_jump=None
    )
    with pytest.raises(NeedsConfirmation, match=r"từ 0%/năm đến 15%/năm"):
        record(world.office, targets.own, "2026", "18")
    services.target_band_reset(actor=world.office, target=targets.own)
    assert record(world.office, targets.own, "2026", "18").confirm_note == ""
    assert not TargetBand.objects.exists()


@pytest.mark.django_db
def test_the_grid_names_each_doubt_by_its_field_and_one_note_confirms_them(
    world: World, targets: Targets
) -> None:
    share = share_target(world, targets)
    items = [ValueInput(targets.own, "2026", D(40)), ValueInput(share, "2026", D(70))]
    with pytest.raises(NeedsConfirmation) as caught:
        services.observations_save_many(actor=world.office, unit=world.commune, items=items)
    assert [d.field for d in caught.value.doubts] == [f"v{targets.own.pk}"]
    assert not Observation.objects.exists()
    services.observations_save_many(
        actor=world.office, unit=world.commune, items=items, confirm_note="Số của Cục Thống kê"
    )
    notes = dict(Observation.objects.values_list("target__ref", "confirm_note"))
    assert notes == {"I.1-a": "Số của Cục Thống kê", "III.4-a": ""}
    entry = LogEntry.objects.filter(additional_data__action="monitoring.observation.grid_saved")
    changes = entry.get().additional_data["changes"]
    assert {c["ref"]: c.get("note", "") for c in changes}["I.1-a"] == "Số của Cục Thống kê"

    with pytest.raises(DomainError) as refused:
        services.observations_save_many(
            actor=world.office, unit=world.commune, items=[ValueInput(share, "2026", D(-2))]
        )
    assert refused.value.field == f"v{share.pk}"


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_entry_form_asks_for_a_note_and_keeps_what_was_typed(
    client: Any, world: World, targets: Targets
) -> None:
    client.force_login(world.office)
    url = reverse("monitoring:entry", args=[targets.own.pk])
    typed = {"period": "2026", "value": "45,5", "source": "Báo cáo UBND xã", "provisional": "on"}
    response = client.post(url, typed)
    assert response.status_code == 200
    form = response.context["form"]
    assert "ngoài khoảng thường gặp" in " ".join(form.errors["value"])
    assert "confirm_note" in form.errors
    html = response.content.decode()
    assert 'value="45,5"' in html and 'value="Báo cáo UBND xã"' in html
    assert '<textarea name="confirm_note"' in html
    assert not Observation.objects.exists()

    response = client.post(url, {**typed, "confirm_note": "Đã đối chiếu số liệu thống kê"})
    assert response.status_code == 302
    obs = Observation.objects.get()
    assert (obs.value, obs.confirm_note) == (D("45.5"), "Đã đối chiếu số liệu thống kê")


@pytest.mark.django_db
def test_the_entry_form_refuses_a_share_above_100_under_its_field(
    client: Any, world: World, targets: Targets
) -> None:
    share = share_target(world, targets)
    client.force_login(world.office)
    response = client.post(
        reverse("monitoring:entry", args=[share.pk]), {"period": "2026", "value": "120"}
    )
    assert response.status_code == 200
    assert "không được quá 100%" in " ".join(response.context["form"].errors["value"])
    assert 'value="120"' in response.content.decode()


@pytest.mark.django_db
def test_the_grid_shows_the_doubt_under_the_row_and_keeps_every_value(
    client: Any, world: World, targets: Targets
) -> None:
    share = share_target(world, targets)
    client.force_login(world.office)
    url = reverse("monitoring:grid", args=["tk", 2026])
    typed = {f"v{targets.own.pk}": "40", f"s{targets.own.pk}": "Cục Thống kê", f"v{share.pk}": "70"}
    response = client.post(url, typed)
    assert response.status_code == 200
    form = response.context["form"]
    assert "ngoài khoảng" in " ".join(form.errors[f"v{targets.own.pk}"])
    html = response.content.decode()
    assert 'value="40"' in html and 'value="70"' in html and 'value="Cục Thống kê"' in html
    assert not Observation.objects.exists()
    response = client.post(url, {**typed, "confirm_note": "Số liệu đã kiểm tra"})
    assert response.status_code == 302
    assert Observation.objects.count() == 2


@pytest.mark.django_db
def test_an_upload_names_file_row_and_column_of_a_doubt_and_a_note_column_confirms(
    client: Any, targets: Targets
) -> None:
    client.force_login(targets.city_office)
    workbook = download(client, "hp", 2026)
    sheet = workbook[xlsx.DATA_SHEET]
    rows = rows_by_ref(sheet)
    header = rows["1.1"] - 1
    note_col = next(c for c in range(1, 20) if sheet.cell(header, c).value == xlsx.HEADER_NOTE)
    sheet.cell(rows["1.1"], 7).value = "42"  # growth far outside −20…30 %/năm
    sheet.cell(rows["20"], 7).value = "130"  # a reduction above 100 %: impossible
    html = upload(client, workbook).content.decode()
    assert "Tệp “so-lieu.xlsx” có lỗi" in html
    assert f"Trang “Số liệu”, dòng {rows['1.1']}, cột G (Giá trị năm 2026)" in html
    assert "cột “Ghi chú xác nhận”" in html
    assert f"dòng {rows['20']}, cột G (Giá trị năm 2026): Chỉ tiêu (20)" in html
    assert not Observation.objects.exists()

    sheet.cell(rows["20"], 7).value = "30"
    sheet.cell(rows["1.1"], note_col).value = "Số ước của Cục Thống kê"
    response = upload(client, workbook)
    assert "Đã nhập 2 dòng" in response.content.decode()
    obs = Observation.objects.get(target=targets.grdp)
    assert obs.confirm_note == "Số ước của Cục Thống kê"


@pytest.mark.django_db
def test_an_office_package_that_is_not_a_workbook_is_refused_under_the_file(
    client: Any, targets: Targets
) -> None:
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    client.force_login(targets.city_office)
    response = client.post(
        reverse("monitoring:upload", args=["hp", 2026]),
        {"file": SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue())},
    )
    errors = response.context["form"].errors["file"]
    assert "“so-lieu.xlsx” không phải tệp Excel (.xlsx) thật" in " ".join(errors)


@pytest.mark.django_db
def test_the_band_page_for_the_office_only_and_404_for_another_commune(
    client: Any, world: World, targets: Targets
) -> None:
    url = reverse("monitoring:band", args=[targets.own.pk])
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"low": "0"}).status_code == 404
    client.force_login(world.reporter_a)
    assert client.get(url).status_code == 403

    client.force_login(world.office)
    page = client.get(reverse("monitoring:target", args=[targets.own.pk])).content.decode()
    assert "Khoảng mặc định của loại" in page and f'action="{url}"' in page
    typed = {"low": "20", "high": "15", "max_jump": "5", "reason": "Năm đầu kế hoạch"}
    response = client.post(url, typed)
    assert response.status_code == 200
    assert "phải nhỏ hơn giá trị cao nhất" in " ".join(response.context["band_form"].errors["low"])
    html = response.content.decode()
    assert 'value="20"' in html and 'value="15"' in html and 'value="Năm đầu kế hoạch"' in html

    response = client.post(url, {**typed, "low": "2,5"})
    assert response.status_code == 302
    band = TargetBand.objects.get(target=targets.own)
    assert (band.low, band.high, band.max_jump) == (D("2.5"), D(15), D(5))
    page = client.get(reverse("monitoring:target", args=[targets.own.pk])).content.decode()
    assert "Khoảng riêng của chỉ tiêu (Năm đầu kế hoạch)" in page
    assert client.post(url, {"reset": "1"}).status_code == 302
    assert not TargetBand.objects.exists()


@pytest.mark.django_db
def test_the_target_page_reads_the_band_in_bounded_queries(
    client: Any, world: World, targets: Targets, django_assert_max_num_queries: Any
) -> None:
    client.force_login(world.office)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("monitoring:target", args=[targets.own.pk])).status_code == 200
