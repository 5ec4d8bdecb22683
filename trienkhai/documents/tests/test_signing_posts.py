"""Who signs for a unit: the signing post read into the signature block, its services and
the register's form."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.core.demo import DemoContext
from trienkhai.core.errors import DomainError
from trienkhai.documents import demo, services
from trienkhai.documents.issuers import issuer_of, party_document
from trienkhai.documents.models import DocType, SigningPost
from trienkhai.orgs.models import OrgUnit
from trienkhai.orgs.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

START = date(2025, 10, 1)


def deputy(world: World, start: date = START, end: date | None = None, **kw: Any) -> SigningPost:
    return services.signing_post_create(
        actor=world.office,
        org_unit=world.commune,
        on_behalf="T/M BAN THƯỜNG VỤ",
        title="PHÓ BÍ THƯ THƯỜNG TRỰC",
        person_name=kw.pop("person_name", "Nguyễn Duy Thành"),
        start=start,
        end=end,
        **kw,
    )


def signature(unit: OrgUnit, day: date) -> tuple[str, str, str]:
    info = issuer_of(unit, day)
    sig = party_document(
        info, DocType.BAO_CAO, title="Báo cáo", body=(), recipients=(), draft_year=day.year
    ).signature
    return sig.on_behalf, sig.signer_title, sig.signer_name


def test_without_a_post_the_signature_has_the_title_and_no_name(world: World) -> None:
    assert signature(world.commune, date(2026, 6, 10)) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "")
    assert issuer_of(world.cell_a).signer_name == ""


def test_the_post_valid_on_the_day_signs(world: World) -> None:
    deputy(world, end=date(2026, 3, 31))
    deputy(world, start=date(2026, 4, 1), person_name="Lê Văn Bình")
    assert signature(world.commune, date(2025, 9, 30)) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "")
    assert signature(world.commune, START)[1:] == ("PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Duy Thành")
    assert signature(world.commune, date(2026, 3, 31))[2] == "Nguyễn Duy Thành"
    assert signature(world.commune, date(2026, 4, 1))[2] == "Lê Văn Bình"
    # Only the commune's documents: its chi bộ sign for themselves.
    assert signature(world.cell_a, date(2026, 6, 10)) == ("T/M CHI BỘ", "BÍ THƯ", "")


def test_today_by_default_and_a_non_default_post_does_not_sign(world: World) -> None:
    deputy(world, start=date(2020, 1, 1), is_default=False, person_name="Người khác")
    assert issuer_of(world.commune).signer_name == ""
    deputy(world, start=date(2020, 1, 1))
    assert issuer_of(world.commune).signer_name == "Nguyễn Duy Thành"


def test_the_standing_committee_signs_with_its_committees_post(world: World) -> None:
    standing = OrgUnitFactory.create(
        parent=world.commune,
        code="tk-btv",
        kind=OrgUnit.Kind.STANDING_COMMITTEE,
        name="Ban Thường vụ Đảng ủy xã Tân Kỳ",
    )
    deputy(world)
    assert signature(standing, date(2026, 6, 10))[2] == "Nguyễn Duy Thành"


def test_create_cleans_the_lines_and_audits(world: World) -> None:
    post = services.signing_post_create(
        actor=world.office,
        org_unit=world.commune,
        on_behalf=" t/m ban thường vụ ",
        title="Phó Bí thư  Thường trực",
        person_name="  Nguyễn Duy Thành ",
        start=START,
    )
    assert (post.on_behalf, post.title, post.person_name) == (
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Nguyễn Duy Thành",
    )
    assert post.is_default and post.end is None
    entry = LogEntry.objects.get(additional_data__action="documents.signing_post.created")
    assert entry.actor == world.office and "01/10/2025" in entry.changes_text
    services.signing_post_end(actor=world.office, post=post, end=date(2026, 6, 30))
    assert post.end == date(2026, 6, 30)
    assert LogEntry.objects.filter(additional_data__action="documents.signing_post.ended").exists()


def test_only_the_register_keeper_records_signers(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.signing_post_create(
            actor=world.leader,
            org_unit=world.commune,
            on_behalf="T/M BAN THƯỜNG VỤ",
            title="BÍ THƯ",
            person_name="X",
            start=START,
        )
    post = deputy(world)
    with pytest.raises(PermissionDenied):
        services.signing_post_end(actor=world.outsider, post=post, end=date(2026, 1, 1))


def test_overlapping_default_posts_are_refused(world: World) -> None:
    post = deputy(world)
    with pytest.raises(DomainError, match="Trùng thời gian với người ký Nguyễn Duy Thành"):
        deputy(world, start=date(2026, 4, 1), person_name="Lê Văn Bình")
    services.signing_post_end(actor=world.office, post=post, end=date(2026, 3, 31))
    with pytest.raises(DomainError, match=r"từ 01/10/2025 đến 31/03/2026"):
        deputy(world, start=date(2026, 3, 31), person_name="Lê Văn Bình")
    deputy(world, start=date(2026, 4, 1), person_name="Lê Văn Bình")
    # Moving the first post's end later again would give two signers on the same days.
    with pytest.raises(DomainError, match="Lê Văn Bình"):
        services.signing_post_end(actor=world.office, post=post, end=date(2026, 5, 1))
    with pytest.raises(DomainError, match="Lê Văn Bình"):
        deputy(world, start=date(2026, 9, 1), person_name="C")
    # A post that ends before the first one starts fits in front of it.
    deputy(world, start=date(2024, 1, 1), end=date(2025, 9, 30), person_name="Trước đó")
    # A post that does not sign the reports may overlap.
    deputy(world, start=date(2026, 5, 1), is_default=False, person_name="Ủy quyền")


def test_an_end_before_the_start_is_refused(world: World) -> None:
    with pytest.raises(DomainError, match="Ngày thôi ký phải từ ngày bắt đầu"):
        deputy(world, end=date(2025, 9, 30))
    post = deputy(world)
    with pytest.raises(DomainError, match="Ngày thôi ký phải từ ngày bắt đầu"):
        services.signing_post_end(actor=world.office, post=post, end=date(2025, 9, 1))
    post.refresh_from_db()
    assert post.end is None


def as_user(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def test_register_page_lists_signers_for_the_office(client: Any, world: World) -> None:
    deputy(world)
    html = as_user(client, world.office).get("/van-ban/", {"don_vi": "tk"}).content.decode()
    assert "Người ký văn bản" in html and "Nguyễn Duy Thành" in html
    assert reverse("documents:signing_post_create", args=["tk"]) in html
    html = as_user(client, world.reporter_a).get("/van-ban/", {"don_vi": "tk"}).content.decode()
    assert "Nguyễn Duy Thành" not in html


def test_a_signer_who_has_left_is_no_longer_listed(client: Any, world: World) -> None:
    deputy(world, start=date(2020, 1, 1), end=date(2020, 12, 31))
    html = as_user(client, world.office).get("/van-ban/", {"don_vi": "tk"}).content.decode()
    assert "Nguyễn Duy Thành" not in html and "Chưa khai báo" in html


def test_signing_post_form(client: Any, world: World) -> None:
    url = reverse("documents:signing_post_create", args=["tk"])
    assert as_user(client, world.outsider).get(url).status_code == 404
    assert as_user(client, world.reporter_a).get(url).status_code == 403
    assert as_user(client, world.office).get(url).status_code == 200
    data = {
        "on_behalf": "T/M BAN THƯỜNG VỤ",
        "title": "Phó Bí thư Thường trực",
        "person_name": "Nguyễn Duy Thành",
        "start": "01/10/2025",
        "end": "",
    }
    response = as_user(client, world.office).post(url, data)
    assert response.status_code == 302
    post = SigningPost.objects.get()
    assert (post.org_unit, post.start, post.title) == (
        world.commune,
        START,
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
    )
    response = as_user(client, world.office).post(url, {**data, "start": "01/04/2026"})
    assert response.status_code == 200 and "Trùng thời gian" in response.content.decode()


def test_ending_a_post_from_the_register(client: Any, world: World) -> None:
    post = deputy(world)
    url = reverse("documents:signing_post_end", args=["tk", post.pk])
    assert as_user(client, world.outsider).post(url, {"end": "31/03/2026"}).status_code == 404
    assert as_user(client, world.reporter_a).post(url, {"end": "31/03/2026"}).status_code == 403
    other = reverse("documents:signing_post_end", args=["tk-cb-a", post.pk])
    assert as_user(client, world.office).post(other, {"end": "31/03/2026"}).status_code == 404
    response = as_user(client, world.office).post(url, {"end": "2026/03/31x"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.end is None
    response = as_user(client, world.office).post(url, {"end": "31/03/2026"})
    assert response.status_code == 302 and response["Location"].endswith("?don_vi=tk")
    post.refresh_from_db()
    assert post.end == date(2026, 3, 31)


def test_demo_signer_is_loaded_once(world: World) -> None:
    commune = OrgUnitFactory.create(
        parent=world.city,
        code="tan-ky",
        kind=OrgUnit.Kind.COMMUNE_COMMITTEE,
        name="Đảng bộ xã Tân Kỳ",
    )
    cells = {f"chibo{n:02d}": OrgUnitFactory.create(parent=commune) for n in range(1, 31)}
    ctx = DemoContext(password="x", reset_passwords=False, units={"tan-ky": commune, **cells})
    demo.load(ctx)
    demo.load(ctx)
    post = SigningPost.objects.get(org_unit=commune)
    assert (post.on_behalf, post.title, post.person_name, post.start) == (
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Nguyễn Duy Thành",
        START,
    )
    assert issuer_of(commune, date(2026, 6, 15)).signer_name == "Nguyễn Duy Thành"
