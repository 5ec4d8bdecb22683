from __future__ import annotations

from django.contrib import admin

from trienkhai.documents.models import (
    CommitteeTerm,
    OfficialDocument,
    RegisterCounter,
    SigningPost,
)


@admin.register(CommitteeTerm)
class CommitteeTermAdmin(admin.ModelAdmin):
    list_display = ("name", "org_unit", "start", "end")
    list_filter = ("org_unit__kind",)
    raw_id_fields = ("org_unit",)


@admin.register(SigningPost)
class SigningPostAdmin(admin.ModelAdmin):
    list_display = ("org_unit", "on_behalf", "title", "person_name", "start", "end", "is_default")
    list_filter = ("is_default",)
    raw_id_fields = ("org_unit",)


@admin.register(RegisterCounter)
class RegisterCounterAdmin(admin.ModelAdmin):
    list_display = ("issuer", "term", "doc_type", "last_number")
    # The counter moves only through the services, which lock it.
    readonly_fields = ("issuer", "term", "doc_type", "last_number")


@admin.register(OfficialDocument)
class OfficialDocumentAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "issuer", "date", "status", "external")
    list_filter = ("status", "doc_type", "external")
    search_fields = ("title", "symbol")
    readonly_fields = ("number", "term", "status", "issued_by", "issued_at", "docx", "pdf")
    raw_id_fields = ("issuer", "signed", "created_by")
