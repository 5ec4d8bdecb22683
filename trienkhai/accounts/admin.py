from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from trienkhai.accounts.models import User


@admin.register(User)
class TrienKhaiUserAdmin(UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Triển Khai", {"fields": ("full_name", "phone", "must_change_password")}),
    )
    list_display = ("username", "full_name", "is_active", "is_staff")
