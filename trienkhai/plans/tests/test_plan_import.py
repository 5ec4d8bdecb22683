"""Upload → review → save, reference targets on the city's programme, access."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trienkhai.conftest import World
from trienkhai.core.errors import DomainError
from trienkhai.plans import services
from trienkhai.plans.models import Plan, PlanDraft, PlanDuty, Programme, Target
from trienkhai.plans.parser import ParsedPlan

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[1] / "demo_data" / "ke_hoach_tan_ky.txt"


def import_seed(world: World, **overrides: Any) -> Plan:
    draft = services.plan_draft_create(
        actor=world.office, unit=world.commune, data=SEED.read_bytes(), name=SEED.name
    )
    parsed = replace(ParsedPlan.from_dict(draft.data), **overrides)
    return services.plan_save_from_draft(actor=world.office, draft=draft, parsed=parsed)


def counts() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        Target.objects.count(),
        PlanDuty.objects.count(),
        Programme.objects.count(),
        PlanDraft.objects.count(),
    )


def test_seed_reference_targets_go_to_city_programme(world: World) -> None:
    plan = import_seed(world, number=15)
    programme = plan.programme
    assert programme is not None
    assert programme.number == "20-CTr/TU" and programme.org_unit == world.city
    assert programme.targets.count() == 51
    assert set(programme.targets.values_list("scope", flat=True)) == {"reference"}
    own = {t.ref: t for t in plan.targets.all()}
    assert {"I.1-a", "III.3-a"} <= set(own)
    assert all(t.org_unit == world.commune and t.scope == "own" for t in own.values())
    assert plan.reference == "số 15-KH/ĐU"
    assert plan.coverage_thresholds.count() == 3
    assert plan.media_rules.get().channels == ["radio", "website", "social", "zalo"]
    assert sorted(str(d.due) for d in plan.deadlines.all()) == ["2026-06-10", "2026-06-30"]


def test_second_import_matches_programme_without_duplicating(world: World) -> None:
    import_seed(world, number=15)
    # Another plan of the commune implementing the same programme (its own number).
    import_seed(world, number=16)
    assert Programme.objects.count() == 1
    assert Target.objects.filter(scope="reference").count() == 51
    assert Plan.objects.count() == 2
    # The same plan again is refused: one plan stays one plan.
    with pytest.raises(DomainError, match="Kế hoạch này đã có"):
        import_seed(world, number=16)
    assert Plan.objects.count() == 2


def test_figures_are_stored_exactly(world: World) -> None:
    plan = import_seed(world)
    refs = {t.ref: t for t in Target.objects.filter(programme=plan.programme)}
    assert refs["2"].value == 11247 and refs["2"].measure_unit == "USD/người"
    assert refs["4.1"].comparator == "range" and (refs["4.1"].low, refs["4.1"].high) == (15.5, 16.5)
    assert refs["27"].measure == "flow"  # 32.900 căn over 2026–2030 add up


def test_file_that_fails_to_parse_saves_nothing_and_shows_error(client: Any, world: World) -> None:
    client.force_login(world.office)
    before = counts()
    junk = SimpleUploadedFile("ke-hoach.docx", b"PK\x03\x04" + b"\x00garbage" * 100)
    response = client.post(reverse("plans:upload"), {"unit": world.commune.pk, "file": junk})
    assert response.status_code == 200
    assert "ke-hoach.docx" in response.content.decode()
    assert counts() == before
    empty = SimpleUploadedFile("rong.txt", b"")
    response = client.post(reverse("plans:upload"), {"unit": world.commune.pk, "file": empty})
    assert counts() == before


def test_upload_then_review_then_save_through_views(client: Any, world: World) -> None:
    client.force_login(world.office)
    upload = SimpleUploadedFile(SEED.name, SEED.read_bytes(), content_type="text/plain")
    response = client.post(reverse("plans:upload"), {"unit": world.commune.pk, "file": upload})
    draft = PlanDraft.objects.get()
    assert response["Location"] == reverse("plans:review", args=[draft.pk])
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "11.247" in html  # numbers shown the Vietnamese way
    assert "Các dòng hệ thống chưa hiểu" in html
    # Post the review back unchanged except for the plan number and one target.
    data = _review_post(page)
    data["h-number"] = "15"
    index = next(k.split("-")[1] for k, v in data.items() if k.endswith("-ref") and v == "2")
    data[f"t-{index}-value"] = "11.300"
    saved = client.post(response["Location"], data)
    assert saved.status_code == 302
    plan = Plan.objects.get()
    assert Target.objects.get(ref="2", programme=plan.programme).value == 11300
    assert not PlanDraft.objects.exists()


def test_review_rejects_a_badly_written_number_in_vietnamese(client: Any, world: World) -> None:
    client.force_login(world.office)
    upload = SimpleUploadedFile(SEED.name, SEED.read_bytes())
    response = client.post(reverse("plans:upload"), {"unit": world.commune.pk, "file": upload})
    page = client.get(response["Location"])
    data = _review_post(page)
    data["t-0-value"] = "1,2,3"
    before = counts()
    again = client.post(response["Location"], data)
    assert again.status_code == 200
    assert "1,2,3" in again.content.decode() and "dấu phẩy" in again.content.decode()
    assert counts() == before


def test_reporter_reads_plan_but_cannot_edit_and_outsider_gets_404(
    client: Any, world: World
) -> None:
    plan = import_seed(world)
    client.force_login(world.reporter_a)
    page = client.get(reverse("plans:detail", args=[plan.pk]))
    assert page.status_code == 200
    assert reverse("plans:edit", args=[plan.pk]) not in page.content.decode()
    assert client.get(reverse("plans:edit", args=[plan.pk])).status_code == 403
    assert client.get(reverse("plans:upload")).status_code == 403
    city_target = Target.objects.filter(programme=plan.programme).first()
    assert city_target is not None
    assert client.get(reverse("plans:target", args=[city_target.pk])).status_code == 200
    client.force_login(world.outsider)
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    own = plan.targets.first()
    assert own is not None
    assert client.get(reverse("plans:target", args=[own.pk])).status_code == 404


def test_commune_office_cannot_edit_city_reference_target(client: Any, world: World) -> None:
    plan = import_seed(world)
    city_target = plan.programme.targets.get(ref="2")  # type: ignore[union-attr]
    client.force_login(world.office)
    assert client.get(reverse("plans:target_edit", args=[city_target.pk])).status_code == 403
    own = plan.targets.get(ref="I.1-a")
    assert client.get(reverse("plans:target_edit", args=[own.pk])).status_code == 200


def test_review_draft_is_private_to_its_uploader(client: Any, world: World) -> None:
    draft = services.plan_draft_create(
        actor=world.office, unit=world.commune, data=SEED.read_bytes(), name=SEED.name
    )
    client.force_login(world.leader)
    assert client.get(reverse("plans:review", args=[draft.pk])).status_code == 404


def test_plan_save_writes_one_summary_audit_entry(world: World) -> None:
    from auditlog.models import LogEntry

    plan = import_seed(world)
    entries = LogEntry.objects.filter(additional_data__action="plans.plan.imported")
    assert entries.count() == 1
    assert entries.get().additional_data["org_unit_path"] == plan.org_unit.path


def _review_post(page: Any) -> dict[str, str]:
    """What the browser would post back: every field's current value."""
    from html.parser import HTMLParser

    fields: dict[str, str] = {}

    class Collect(HTMLParser):
        select: str | None = None
        textarea: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            name = a.get("name")
            if tag == "input" and name:
                if a.get("type") == "checkbox":
                    if "checked" in a:
                        fields[name] = "on"
                elif a.get("type") != "submit":
                    fields[name] = a.get("value") or ""
            elif tag == "select" and name:
                self.select = name
            elif tag == "option" and self.select and "selected" in a:
                fields[self.select] = a.get("value") or ""
            elif tag == "textarea" and name:
                self.textarea = name
                fields[name] = ""

        def handle_endtag(self, tag: str) -> None:
            if tag == "select":
                self.select = None
            if tag == "textarea":
                self.textarea = None

        def handle_data(self, data: str) -> None:
            if self.textarea:
                fields[self.textarea] += data

    html = page.content.decode()
    start = html.index('class="review-form"')
    Collect().feed(html[start : html.index("</form>", start)])
    return fields
