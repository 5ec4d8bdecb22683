from __future__ import annotations

from django.urls import path

from trienkhai.accounts import user_views, views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    # The office's user administration.
    path("nguoi-dung/", user_views.user_list, name="user_list"),
    path("nguoi-dung/them/", user_views.user_create_view, name="user_create"),
    path("nguoi-dung/<int:pk>/", user_views.user_detail, name="user_detail"),
    path("nguoi-dung/<int:pk>/cap-ma/", user_views.user_reset_view, name="user_reset_code"),
    path("nguoi-dung/<int:pk>/khoa/", user_views.user_deactivate_view, name="user_deactivate"),
    path("nguoi-dung/<int:pk>/mo-khoa/", user_views.user_reactivate_view, name="user_reactivate"),
    path(
        "nguoi-dung/<int:pk>/vai-tro/them/",
        user_views.membership_add_view,
        name="membership_add",
    ),
    path(
        "nguoi-dung/<int:pk>/vai-tro/<int:membership_pk>/ket-thuc/",
        user_views.membership_end_view,
        name="membership_end",
    ),
    path("nhap-excel/", user_views.import_view, name="import"),
    path("nhap-excel/mau.xlsx", user_views.import_template_view, name="import_template"),
]
