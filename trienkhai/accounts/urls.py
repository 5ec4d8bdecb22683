from __future__ import annotations

from django.urls import include, path

from trienkhai.accounts.views import auth, users

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth.PasswordChangeView.as_view(), name="password_change"),
    # The office's user administration: the list, then one user's routes.
    path("nguoi-dung/", users.user_list, name="user_list"),
    path("nguoi-dung/them/", users.user_create_view, name="user_create"),
    path(
        "nguoi-dung/<int:pk>/",
        include(
            [
                path("", users.user_detail, name="user_detail"),
                path("cap-ma/", users.user_reset_view, name="user_reset_code"),
                path("khoa/", users.user_deactivate_view, name="user_deactivate"),
                path("mo-khoa/", users.user_reactivate_view, name="user_reactivate"),
                path("vai-tro/them/", users.membership_add_view, name="membership_add"),
                path(
                    "vai-tro/<int:membership_pk>/ket-thuc/",
                    users.membership_end_view,
                    name="membership_end",
                ),
            ]
        ),
    ),
    path("nhap-excel/", users.import_view, name="import"),
    path("nhap-excel/mau.xlsx", users.import_template_view, name="import_template"),
]
